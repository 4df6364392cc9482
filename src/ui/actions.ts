/** What the UI asks of the platform; src/pcf implements these, components receive them as props. */
import type { LastTestRecord, LastTestVerdict } from '../core/connection-test/last-test';
import type { CauseCode } from '../core/credentials/causes';
import type { DiscoveryResult } from '../core/credentials/discovery';
import type { SegmentCounts } from '../core/mailbox-segments';
import type { FailureGroup, MailboxView } from '../core/mailbox-view';
import type { ReadinessItemId } from '../core/readiness/items';
import type { LedgerSummary } from '../core/run/ledger';
import type { SkipCount } from '../core/run/run-view';
import type { PlanCounts } from '../core/run/planner';
import type { RunMode } from '../core/run/types';
import type { CanaryOption } from './connection/connection-state';
import type { RunConnectionTest } from './hooks/use-connection-test';

/** The Connection area's actions. */
export type ConnectionActions = {
    resolveTenant: (tenant: string, serverAuthority: number | null, signal?: AbortSignal) => Promise<DiscoveryResult>;
    saveSecret: (value: string) => Promise<void>;
    readExpiry: () => Promise<Date | null>;
    saveExpiry: (day: Date | null) => Promise<void>;
    loadCanaries: (signal?: AbortSignal) => Promise<{ options: CanaryOption[]; defaultId?: string }>;
    runConnectionTest: RunConnectionTest;
    /** The last recorded connection test judged against the profile as it is now (for the run confirmation). */
    checkLastTest: (signal?: AbortSignal) => Promise<LastTestVerdict>;
    /** The last recorded connection test as it was recorded (for the overview's connection card). */
    readLastTest: () => Promise<LastTestRecord | undefined>;
};

/**
 * Why the user cannot approve: no privilege, no suitable role, the check itself failed, or Dataverse refused the
 * approvals of a run here because of who sent them (no Microsoft 365 admin role).
 */
export type ApproveBlocker = 'missingPrivilege' | 'missingRole' | 'checkFailed' | 'refused';
/** Whether the signed-in user can approve, as far as Dataverse can tell (dataverse.md §5). */
export type ApprovalCheckView = { canApprove: boolean; blockers: ApproveBlocker[] };

/** Why a run paused: the Dynamics session ended, or Dataverse let nothing through for `limitMs`. */
export type RunPauseView = { reason: 'signedOut' } | { reason: 'stalled'; limitMs: number };

/** The bulk run as the Mailboxes area shows it; a paused run waits for Resume. */
export type RunStateView = {
    status: 'idle' | 'running' | 'paused' | 'finished' | 'failed';
    summary?: LedgerSummary;
    failures: FailureGroup[];
    /** Skipped mailboxes by reason (core/run/run-view.ts); absent before the first answer. */
    skips?: SkipCount[];
    throttledUntilMs: number | null;
    /** While throttled: when the run pauses if Dataverse keeps answering 429. */
    stallAtMs: number | null;
    pause: RunPauseView | null;
    resumed: boolean;
    /** Every approval of the run was refused because of who sent it; the run stopped (core/run/run-view.ts). */
    refusal?: { cause: CauseCode; notSent: number };
    /** The browser could not keep the run's record: it stopped before approving, or (Test only) will not resume. */
    notStored?: boolean;
};

/** A run the admin asks for: over which mailboxes, in which mode, and whether they may approve. */
export type RunRequest = { ids: readonly string[]; mode: RunMode; canApprove: boolean };

/**
 * How far a load of the list is: pages of rows arriving (the rows so far, without alerts), or every row in and their
 * latest alerts being read.
 */
export type LoadProgress =
    { stage: 'rows'; loaded: number; rowsSoFar: MailboxView[] } | { stage: 'alerts'; loaded: number };

/** The Mailboxes area's actions. */
export type MailboxActions = {
    /** Every mailbox of the profile with its latest alerts; `onProgress` hears of each page and of the alerts read. */
    load: (onProgress: (progress: LoadProgress) => void, signal: AbortSignal) => Promise<MailboxView[]>;
    checkApproval: (signal: AbortSignal) => Promise<ApprovalCheckView>;
    /** Counts for the confirmation dialog: what the requested run would do. */
    preview: (request: RunRequest) => PlanCounts;
    start: (request: RunRequest) => void;
    /** The mailboxes of the current (or last) run of this page, in plan order; empty when there was none. */
    runIds: () => string[];
    resume: () => void;
    /** Continue a run left unfinished by a reload of the page (no-op when there is none or one is running). */
    resumeStored: () => void;
    /** The counts of the run a reload of the page left unfinished; undefined when there is none. */
    readStoredRun: () => Promise<LedgerSummary | undefined>;
    /** Forget the run a reload left unfinished (what Dataverse already did stays); no-op while a run is going. */
    discardStoredRun: () => Promise<void>;
    /**
     * Until when (epoch ms) the page sends nothing because Dataverse asked it to wait (Retry-After, also one an
     * earlier page was told before a reload); null when requests may go.
     */
    requestsHeldUntil: () => number | null;
    retryFailed: () => void;
    cancel: () => void;
    /** Record the finished run (who, what, when, counts) as a note on the profile. */
    addRunNote: () => Promise<void>;
    /** Download a CSV of the given mailboxes (with the last run's outcome where there is one). */
    exportCsv: (ids: readonly string[]) => void;
    /** Download a CSV of exactly the mailboxes of the current (or last) run, with their outcomes. */
    exportRunCsv: () => void;
    subscribe: (listener: (state: RunStateView) => void) => () => void;
    copyText: (text: string) => Promise<void>;
    openUrl: (url: string) => void;
};

/** What the overview cards read and write besides the areas' own actions. */
export type OverviewActions = {
    /** The profile's active mailboxes per segment, counted by Dataverse (an aggregate query, not the list). */
    countMailboxes: (signal: AbortSignal) => Promise<SegmentCounts>;
    /** The readiness items an admin marked done. */
    readReadinessDone: () => Promise<ReadinessItemId[]>;
    saveReadinessDone: (done: ReadonlySet<ReadinessItemId>) => Promise<void>;
};
