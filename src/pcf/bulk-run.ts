/**
 * The bulk run as the page drives it: plan → runBulk → live view, kept in browser storage per profile so a reload
 * resumes where it was (issue 6 §3). Only ids, names and states are stored — never credentials.
 */
import type { ApprovalPolicy } from '../core/run/approval-policy';
import { planRun } from '../core/run/planner';
import { testPatchFor } from '../core/test-and-enable';
import { RunLedger } from '../core/run/ledger';
import { buildRunView, type RunView } from '../core/run/run-view';
import type { MailboxRow, RunMode, RunPlan } from '../core/run/types';
import { runBulk } from '../dataverse/executor';
import { createRunGateway } from '../dataverse/run-gateway';
import { isRunPause, SessionExpiredError } from '../dataverse/errors';
import type { DataverseHttp } from '../dataverse/http';

/** Where the run stands: a paused run waits for Resume; a failed one stopped on an unexpected error. */
export type BulkRunStatus = 'idle' | 'running' | 'paused' | 'finished' | 'failed';

/** Why a run paused: the session ended (401 or a sign-in page), or Dataverse let nothing through for too long. */
export type PauseReason = 'signedOut' | 'stalled';

/** What the UI renders. */
export type BulkRunState = {
    status: BulkRunStatus;
    view?: RunView;
    /** Until when Dataverse asked us to wait (Retry-After), while it does. */
    throttledUntilMs?: number;
    /** While throttled: when the run pauses if Dataverse keeps answering 429 (the stall limit). */
    stallAtMs?: number;
    pause?: { reason: PauseReason; limitMs?: number };
    resumed: boolean;
};

/** Collaborators; storage is sessionStorage/localStorage in the browser (absent in private modes: no resume). */
export type BulkRunDeps = {
    http: DataverseHttp;
    profileId: string;
    storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
    now: () => number;
    sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
    onChange: (state: BulkRunState) => void;
};

const PERSIST_EVERY_MS = 2000;
// Building the view walks every entry; a few updates a second keep a 50,000-row run smooth.
const PUBLISH_EVERY_MS = 250;

/** One controller per control instance. */
export class BulkRunController {
    private ledger: RunLedger | undefined;
    private abort: AbortController | undefined;
    private lastPersist = 0;
    private lastPublish = 0;
    private persistQueued = false;
    /** Why the run is pausing, while the paused state is published. */
    private pause: BulkRunState['pause'];
    private state: BulkRunState = { status: 'idle', resumed: false };
    private readonly storageKey: string;

    constructor(private readonly deps: BulkRunDeps) {
        this.storageKey = `esp.bulkRun.${deps.profileId}`;
    }

    /** A run left unfinished by a reload, if any (corrupt or foreign data is discarded). */
    restore(): RunLedger | undefined {
        const json = this.deps.storage?.getItem(this.storageKey);
        if (!json) return undefined;
        try {
            const ledger = RunLedger.deserialise(json);
            if (!ledger.isSettled()) return ledger;
        } catch {
            // Unknown format: start fresh rather than guess.
        }
        this.deps.storage?.removeItem(this.storageKey);
        return undefined;
    }

    /** Start a new run over `rows` (already filtered to the admin's selection) under the organisation's policy. */
    start(
        rows: readonly MailboxRow[],
        mode: RunMode,
        canApprove: boolean,
        requireApproval: boolean | ApprovalPolicy,
    ): Promise<void> {
        // Server time: the executor compares the plan's time with server-written completion times.
        const plan = planRun(rows, { canApprove, requireApproval, mode }, new Date(this.deps.http.serverNow()));
        return this.execute(plan, false);
    }

    /** Continue a restored or paused run. */
    async resume(ledger: RunLedger | undefined = this.ledger): Promise<void> {
        if (ledger) await this.execute(ledger, true);
    }

    /** After a reload: continue the run this browser left unfinished for this profile, unless one is running. */
    async resumeStored(): Promise<void> {
        const ledger = this.state.status === 'running' ? undefined : this.restore();
        if (ledger) await this.execute(ledger, true);
    }

    /** Run only the failures of the last run again. */
    async retryFailed(): Promise<void> {
        if (!this.ledger) return;
        const now = new Date(this.deps.http.serverNow());
        await this.execute(this.ledger.retryFailed(now, testPatchFor(now)), false);
    }

    /** Stop sending new work; what is in flight is still accounted for. */
    cancel(): void {
        this.abort?.abort();
    }

    /** What the UI was last told (the view is rebuilt at every forced publish, so it is exact at the end). */
    current(): BulkRunState {
        return this.state;
    }

    /** Mode and planning time of the current run (for the run note). */
    runInfo(): { mode: RunMode; createdAt: string } | undefined {
        return this.ledger ? { mode: this.ledger.mode, createdAt: this.ledger.createdAt } : undefined;
    }

    /** Entries of the current run, for export. */
    entries() {
        return this.ledger?.all() ?? [];
    }

    private async execute(plan: RunPlan | RunLedger, resumed: boolean): Promise<void> {
        this.abort?.abort();
        const abort = new AbortController();
        this.abort = abort;
        this.ledger = plan instanceof RunLedger ? plan : RunLedger.fromPlan(plan);
        // Resume after a stall pause: the admin chose to wait again, so the time without progress starts anew.
        this.deps.http.resetStall();
        this.publish('running', resumed, true);
        // A 429 stops all traffic, so no progress would tell the page: show the countdown as the pause starts.
        const stopListening = this.deps.http.gate.onPause(() => this.publish('running', resumed, true));
        try {
            const { http, profileId, now, sleep } = this.deps;
            await runBulk(this.ledger, {
                gateway: createRunGateway(http, profileId),
                now,
                sleep,
                signal: abort.signal,
                onProgress: () => this.publish('running', resumed),
                onApprovalsSent: () => this.persistBeforeSend(),
            });
            this.publish('finished', resumed, true);
        } catch (error) {
            this.pause = isRunPause(error) ? this.pauseFor(error) : undefined;
            this.publish(this.pause ? 'paused' : 'failed', resumed, true);
            this.pause = undefined;
        } finally {
            stopListening();
        }
    }

    private pauseFor(error: unknown): BulkRunState['pause'] {
        if (error instanceof SessionExpiredError) return { reason: 'signedOut' };
        return { reason: 'stalled', limitMs: this.deps.http.stallLimitMs };
    }

    private publish(status: BulkRunStatus, resumed: boolean, force = false): void {
        const ledger = this.ledger;
        if (!ledger) return;
        const now = this.deps.now();
        if (!force && status === this.state.status && now - this.lastPublish < PUBLISH_EVERY_MS) return;
        this.lastPublish = now;
        const { gate } = this.deps.http;
        const throttled = status === 'running' && gate.isPaused();
        this.state = {
            status,
            resumed,
            throttledUntilMs: throttled ? gate.resumeAt : undefined,
            stallAtMs: throttled ? this.deps.http.stallDeadline() : undefined,
            pause: this.pause,
            // The view groups failures only: hand it those, not a copy of every entry four times a second.
            view: buildRunView(ledger.summary(), ledger.entriesIn('failed')),
        };
        this.persist(ledger, force);
        this.deps.onChange(this.state);
    }

    /**
     * Approvals marked 'sent' must be stored before their request leaves, or a reload in between would send them
     * again (issue 6: never approve twice); stored as 'sent', the resumed run re-reads them instead. Workers mark
     * their chunks in the same tick, so one write per tick: the microtask runs before any of those requests is
     * dispatched, since each first awaits the gate.
     */
    private persistBeforeSend(): void {
        if (this.persistQueued) return;
        this.persistQueued = true;
        queueMicrotask(() => {
            this.persistQueued = false;
            if (this.ledger) this.persist(this.ledger, true);
        });
    }

    private persist(ledger: RunLedger, force: boolean): void {
        const now = this.deps.now();
        if (!force && now - this.lastPersist < PERSIST_EVERY_MS) return;
        this.lastPersist = now;
        try {
            if (ledger.isSettled()) this.deps.storage?.removeItem(this.storageKey);
            else this.deps.storage?.setItem(this.storageKey, ledger.serialise());
        } catch {
            // Quota exceeded: the run goes on; only resume-after-reload is lost.
        }
    }
}
