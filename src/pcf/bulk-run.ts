/**
 * The bulk run as the page drives it: plan → runBulk → live view, kept in the browser's IndexedDB per profile so a
 * reload resumes where it was (issue 6 §3, issue 14 item 8). Only ids, names and states are stored — never
 * credentials. Approvals leave only once their "about to approve" state is stored; where it cannot be, none leave.
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
import { LedgerNotStoredError, type LedgerStore } from './ledger-store';

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
    /** The run's ledger could not be stored: no resume after a reload, and no approvals (the run stops before). */
    notStored?: boolean;
};

/** Collaborators; the ledger store is absent where the browser has no IndexedDB (then: no resume, no approvals). */
export type BulkRunDeps = {
    http: DataverseHttp;
    profileId: string;
    ledgerStore?: LedgerStore;
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
    /** The one write all workers that marked approvals in the same tick wait for. */
    private beforeSend: Promise<void> | undefined;
    /** Set when a write failed; cleared when a later one succeeds. */
    private notStored = false;
    /** The last write or clear started by persist, so a run ends only once its record is kept or gone. */
    private writing: Promise<void> = Promise.resolve();
    /** Why the run is pausing, while the paused state is published. */
    private pause: BulkRunState['pause'];
    private state: BulkRunState = { status: 'idle', resumed: false };

    constructor(private readonly deps: BulkRunDeps) {}

    /** A run left unfinished by a reload, if any (corrupt, foreign or unreadable data is discarded). */
    async restore(): Promise<RunLedger | undefined> {
        const store = this.deps.ledgerStore;
        if (!store) return undefined;
        try {
            const ledger = await store.load();
            if (ledger && !ledger.isSettled()) return ledger;
        } catch {
            // Unknown format or an unreadable database: start fresh rather than guess.
        }
        await store.clear().catch(() => undefined);
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

    /** Continue the paused run, or the one a reload left unfinished. */
    async resume(): Promise<void> {
        const ledger = this.ledger ?? (await this.restore());
        if (ledger) await this.execute(ledger, true);
    }

    /** After a reload: continue the run this browser left unfinished for this profile, unless one is running. */
    async resumeStored(): Promise<void> {
        if (this.state.status === 'running') return;
        const ledger = await this.restore();
        if (ledger && this.current().status !== 'running') await this.execute(ledger, true);
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
        // A new plan replaces whatever run was stored; a resumed one continues its records.
        if (!(plan instanceof RunLedger)) await this.deps.ledgerStore?.clear().catch(() => undefined);
        this.ledger = plan instanceof RunLedger ? plan : RunLedger.fromPlan(plan);
        this.notStored = !this.deps.ledgerStore;
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
            if (error instanceof LedgerNotStoredError) this.notStored = true;
            this.pause = isRunPause(error) ? this.pauseFor(error) : undefined;
            this.publish(this.pause ? 'paused' : 'failed', resumed, true);
            this.pause = undefined;
        } finally {
            stopListening();
            await this.writing;
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
            view: this.viewOf(ledger),
            notStored: this.notStored,
        };
        this.persist(ledger, force);
        this.deps.onChange(this.state);
    }

    /**
     * While the run runs, the progress shows only the failures: hand the view those, not a copy of every entry four
     * times a second. Once it is settled the summary also says why each mailbox was skipped and whether every
     * approval was refused, which needs all the entries, once.
     */
    private viewOf(ledger: RunLedger): RunView {
        const summary = ledger.summary();
        return buildRunView(summary, summary.settled ? ledger.all() : ledger.entriesIn('failed'));
    }

    /**
     * Approvals marked 'sent' must be stored before their request leaves, or a reload in between would send them
     * again (issue 6: never approve twice); stored as 'sent', the resumed run re-reads them instead. Workers mark
     * their chunks in the same tick and all wait for one write. Without a store, or when the write fails, this
     * rejects with LedgerNotStoredError and the executor sends none of them.
     */
    private persistBeforeSend(): Promise<void> {
        this.beforeSend ??= Promise.resolve().then(() => {
            this.beforeSend = undefined;
            const { ledger } = this;
            const store = this.deps.ledgerStore;
            if (!store) throw new LedgerNotStoredError('this browser offers no IndexedDB');
            return ledger ? this.save(store, ledger) : undefined;
        });
        return this.beforeSend;
    }

    /** Store or forget the run, at most every PERSIST_EVERY_MS unless forced; failures only show as notStored. */
    private persist(ledger: RunLedger, force: boolean): void {
        const store = this.deps.ledgerStore;
        const now = this.deps.now();
        if (!store || (!force && now - this.lastPersist < PERSIST_EVERY_MS)) return;
        this.lastPersist = now;
        this.writing = (ledger.isSettled() ? store.clear() : this.save(store, ledger)).catch(() => undefined);
    }

    private async save(store: LedgerStore, ledger: RunLedger): Promise<void> {
        try {
            await store.save(ledger);
            this.notStored = false;
        } catch (error) {
            this.notStored = true;
            throw error instanceof LedgerNotStoredError ? error : new LedgerNotStoredError(error);
        }
    }
}
