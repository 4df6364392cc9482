/**
 * Drives a bulk run: approve batches (continue-on-error) → re-read to confirm → Test & Enable batches → poll results.
 * Every request goes through the run gateway, whose capacity is the HTTP client's shared gate; the ledger is the
 * single source of truth, so a serialised ledger resumes where the run stopped. Cancel (AbortSignal) stops new work; in-flight batches are still accounted.
 */
import { APPROVAL, type RunPlan } from '../core/run/types';
import { testOutcome } from '../core/test-and-enable';
import { testFailureCause } from '../core/run/run-view';
import { RunLedger, type LedgerSummary } from '../core/run/ledger';
import type { BatchOp, BatchPart } from '../core/batch';
import { MAILBOX } from '../core/schema';
import { chunkSize } from '../core/scheduler/adaptive';
import type { Sleep } from '../core/scheduler/gate';
import { DataverseError, isRunPause } from './errors';
import { classifyBatchError, classifyPart, type PartVerdict } from './executor-parts';
import { mailboxPath } from './mailboxes';
import type { RunGateway } from './run-gateway';
import type { TraceAlert } from './tracelogs';

/** Poll delays (ms): back-off in minutes, the last one repeats (dataverse.md §6: no SLA, bulk can take hours). */
export const DEFAULT_POLL_SCHEDULE_MS = [15_000, 30_000, 60_000, 120_000, 300_000];
/** Give up watching after this long; the tests keep running server-side. */
export const DEFAULT_POLL_TIMEOUT_MS = 2 * 60 * 60 * 1000;
/** Rounds of re-sending parts the server did not process (429/503) before calling them throttled. */
export const MAX_ROUNDS = 5;

/** What runBulk needs: the gateway to Dataverse, a clock and a sleep, and whom to tell. */
export type ExecutorDeps = {
    gateway: RunGateway;
    now: () => number;
    sleep: Sleep;
    signal?: AbortSignal;
    onProgress?: (summary: LedgerSummary, ledger: RunLedger) => void;
    /** Approvals were just marked 'sent' and are about to leave: keep the ledger so a reload re-reads, not resends. */
    onApprovalsSent?: (ledger: RunLedger) => void;
    pollScheduleMs?: readonly number[];
    pollTimeoutMs?: number;
};

type Phase = 'approve' | 'test';

/** Tell the page where the run stands (after every chunk, re-read and poll). */
function reportProgress(ledger: RunLedger, deps: ExecutorDeps): void {
    deps.onProgress?.(ledger.summary(), ledger);
}

function opFor(phase: Phase, id: string, ledger: RunLedger): BatchOp {
    const body = phase === 'approve' ? { [MAILBOX.approval]: APPROVAL.approved } : ledger.testPatch;
    // If-Match: * so a deleted mailbox answers 404 instead of being re-created (dataverse.md §8).
    return { method: 'PATCH', path: mailboxPath(id), body, ifMatch: '*' };
}

function account(ledger: RunLedger, phase: Phase, id: string, verdict: PartVerdict, unknown: Set<string>): void {
    if (verdict.kind === 'failed') return ledger.failed(id, verdict.cause, verdict.detail);
    if (phase === 'test') {
        // T&E is idempotent: unknown or not-processed simply stays where it was and is sent again next round.
        if (verdict.kind === 'ok') ledger.testQueued(id);
        return;
    }
    if (verdict.kind === 'retry') ledger.approvalNotProcessed(id);
    if (verdict.kind === 'unknown') unknown.add(id);
    // 'ok' and 'unknown' stay 'sent' until the re-read confirms.
}

/**
 * What the rounds running at once share: the requests they have out (cut, queued at the gate or in flight), the
 * writes they committed to sending one per request, and a pulse that wakes them when an answer arrives or new work
 * (confirmed approvals) appears.
 */
class Flow {
    requests = 0;
    plainOps = 0;
    /** Re-reads that confirmed approvals so far: a round waiting for them looks again only after one. */
    confirmations = 0;
    private waiting: Array<() => void> = [];

    /** Resolves at the next pulse. */
    next(): Promise<void> {
        return new Promise((resolve) => this.waiting.push(resolve));
    }

    pulse(): void {
        const waiting = this.waiting;
        this.waiting = [];
        for (const resolve of waiting) resolve();
    }

    /** `requests` answered (of which `plainOps` were sent one per request). */
    answered(requests: number, plainOps: number): void {
        this.requests -= requests;
        this.plainOps -= plainOps;
        this.pulse();
    }
}

/** One $batch for the whole chunk; a batch that fails as a whole gives every part the same verdict. */
async function sendBatch(ledger: RunLedger, deps: ExecutorDeps, phase: Phase, ids: string[], unknown: Set<string>) {
    let parts: BatchPart[] | undefined;
    let whole: PartVerdict | undefined;
    try {
        parts = await deps.gateway.batch(ids.map((id) => opFor(phase, id, ledger)));
    } catch (error) {
        // Signed out or stalled by 429s: the server processed nothing of this batch; the run pauses.
        if (isRunPause(error)) {
            if (phase === 'approve') ids.forEach((id) => ledger.approvalNotProcessed(id));
            throw error;
        }
        if (!(error instanceof DataverseError)) throw error;
        whole = classifyBatchError(error.status, error.message);
    } finally {
        ledger.markInFlight(ids, false);
    }
    ids.forEach((id, index) => {
        const part = parts?.[index];
        const verdict = whole ?? (part ? classifyPart(part, phase === 'approve') : { kind: 'retry' as const });
        account(ledger, phase, id, verdict, unknown);
    });
}

/** One write on its own request, accounted as soon as it answers; returns what it threw that the run must see. */
async function sendOne(
    ledger: RunLedger,
    deps: ExecutorDeps,
    phase: Phase,
    id: string,
    unknown: Set<string>,
): Promise<{ error: unknown } | undefined> {
    let verdict: PartVerdict = { kind: 'retry' };
    let thrown: { error: unknown } | undefined;
    try {
        verdict = classifyPart(await deps.gateway.write(opFor(phase, id, ledger)), phase === 'approve');
    } catch (error) {
        // The same reading as a batch that fails as a whole; signed out or stalled by 429s, the server processed
        // nothing of the write and the run pauses.
        if (isRunPause(error) || !(error instanceof DataverseError)) thrown = { error };
        else verdict = classifyBatchError(error.status, error.message);
    } finally {
        ledger.markInFlight([id], false);
    }
    if (!thrown || isRunPause(thrown.error)) account(ledger, phase, id, verdict, unknown);
    return thrown;
}

/**
 * Send one chunk, as a $batch or as one request per write (`plain`). Approvals are marked 'sent' (and stored) for the
 * whole chunk before any of it leaves.
 */
async function sendChunk(
    ledger: RunLedger,
    deps: ExecutorDeps,
    flow: Flow,
    chunk: { phase: Phase; ids: string[]; plain: boolean },
    unknown: Set<string>,
): Promise<void> {
    const { phase, ids, plain } = chunk;
    if (phase === 'approve') {
        ids.forEach((id) => ledger.approvalSent(id));
        deps.onApprovalsSent?.(ledger);
    }
    ledger.markInFlight(ids, true);
    if (plain) {
        const thrown = await Promise.all(
            ids.map((id) =>
                sendOne(ledger, deps, phase, id, unknown).finally(() => {
                    flow.answered(1, 1);
                    reportProgress(ledger, deps);
                }),
            ),
        );
        const failure = thrown.find((outcome) => outcome !== undefined);
        if (failure) throw failure.error;
        return;
    }
    try {
        await sendBatch(ledger, deps, phase, ids, unknown);
    } finally {
        flow.answered(1, 0);
    }
    reportProgress(ledger, deps);
}

function takeIds(ledger: RunLedger, phase: Phase): string[] {
    const pending = ledger.idsIn('pending').filter((id) => ledger.get(id)?.approve === (phase === 'approve'));
    return phase === 'approve' ? pending : [...ledger.idsIn('confirmed'), ...pending];
}

/** Where a round's work comes from beyond its first list: ids that become eligible while it runs. */
type Refill = { more: () => string[]; isOpen: () => boolean };

const NO_REFILL: Refill = { more: () => [], isOpen: () => false };

/**
 * Send every eligible mailbox of `phase` once. A chunk is cut only when the gate is about to have room for it (the
 * rounds keep one request more than the gate's concurrency outstanding), so each chunk gets the size the gate has
 * learnt by then and a slot never waits for the client to prepare the next one. A chunk goes as one request per
 * write while the request window has room for them (a write alone costs the server less than inside a $batch), else
 * as a $batch. With a refill the round also takes ids that become eligible meanwhile, until the refill closes.
 */
async function runPhaseRound(
    ledger: RunLedger,
    deps: ExecutorDeps,
    flow: Flow,
    phase: Phase,
    unknown: Set<string>,
    refill: Refill = NO_REFILL,
): Promise<void> {
    let queue = takeIds(ledger, phase);
    const running = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    const capacity = deps.gateway.capacity;
    for (;;) {
        while (!failure && !deps.signal?.aborted && flow.requests <= Math.max(1, capacity.limit)) {
            if (queue.length === 0) queue = refill.more();
            if (queue.length === 0) break;
            const ids = queue.splice(0, chunkSize(queue.length, capacity));
            const plain = ids.length <= capacity.requestsLeft() - flow.plainOps;
            flow.requests += plain ? ids.length : 1;
            flow.plainOps += plain ? ids.length : 0;
            const sent: Promise<void> = sendChunk(ledger, deps, flow, { phase, ids, plain }, unknown)
                // e.g. session expired: stop cutting new chunks, let the others drain, then rethrow
                .catch((error: unknown) => void (failure ??= { error }))
                .finally(() => {
                    running.delete(sent);
                    flow.pulse();
                });
            running.add(sent);
        }
        // Stopping (failure, cancel): drain what runs. Otherwise wait while work is queued (the other round may hold
        // the capacity), running, or may still come (refill).
        const stopping = failure !== undefined || deps.signal?.aborted === true;
        const waiting = !stopping && (queue.length > 0 || refill.isOpen());
        if (running.size === 0 && !waiting) break;
        await flow.next();
    }
    if (failure) throw failure.error;
}

/** Re-read approvals: applied → confirmed; lost answer → pending again; silent no-op → failed('approvalNotApplied'). */
async function confirmApprovals(
    ledger: RunLedger,
    deps: ExecutorDeps,
    unknown: Set<string>,
    flow?: Flow,
): Promise<void> {
    const ids = ledger.idsIn('sent');
    if (ids.length === 0) return;
    const states = await deps.gateway.readApprovals(ids);
    for (const id of ids) {
        const state = states.get(id.toLowerCase());
        if (state?.emailrouteraccessapproval === APPROVAL.approved) ledger.approvalConfirmed(id);
        // The answer was lost but the re-read proves nothing was applied, so sending it again cannot approve twice.
        else if (unknown.has(id)) ledger.approvalNotProcessed(id);
        else
            ledger.failed(
                id,
                'approvalNotApplied',
                'Dataverse accepted the approval but the mailbox is still not approved.',
            );
    }
    reportProgress(ledger, deps);
    // The confirmed ones are Test & Enable's now: wake a round that takes them.
    if (flow) {
        flow.confirmations += 1;
        flow.pulse();
    }
}

async function runPhase(ledger: RunLedger, deps: ExecutorDeps, flow: Flow, phase: Phase): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS && takeIds(ledger, phase).length > 0; round++) {
        if (deps.signal?.aborted) return;
        const unknown = new Set<string>();
        await runPhaseRound(ledger, deps, flow, phase, unknown);
        if (phase === 'approve') await confirmApprovals(ledger, deps, unknown, flow);
    }
    if (deps.signal?.aborted) return;
    for (const id of takeIds(ledger, phase))
        ledger.failed(id, 'throttled', `Still throttled after ${MAX_ROUNDS} rounds.`);
}

/**
 * Approve, and meanwhile Test & Enable the mailboxes that need no approval and, as soon as their re-read confirms
 * them, the approved ones: both share the gate, so the tests fill the slots the approvals' tail and re-reads leave
 * free, and no slot idles between approving and testing.
 */
async function approveWhileTestingApproved(ledger: RunLedger, deps: ExecutorDeps, flow: Flow): Promise<void> {
    let approving = true;
    const approvals = runPhase(ledger, deps, flow, 'approve').finally(() => {
        approving = false;
        flow.pulse();
    });
    let seen = flow.confirmations;
    // Only a re-read confirms approvals: look for new ones after each, not at every answer (a walk over the ledger).
    const more = (): string[] => {
        if (flow.confirmations === seen) return [];
        seen = flow.confirmations;
        return ledger.idsIn('confirmed');
    };
    const refill: Refill = { more, isOpen: () => approving };
    const results = await Promise.allSettled([approvals, runPhaseRound(ledger, deps, flow, 'test', new Set(), refill)]);
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
}

/** The latest alert of each of `ids` (lower-case id → alert), read since the run started. */
async function latestAlerts(ledger: RunLedger, deps: ExecutorDeps, ids: string[]): Promise<Map<string, TraceAlert>> {
    const latest = new Map<string, TraceAlert>();
    if (ids.length === 0) return latest;
    const alerts = await deps.gateway.readAlerts(ledger.createdAt, ids);
    for (const alert of alerts) {
        const id = alert._regardingobjectid_value?.toLowerCase();
        // Sorted modifiedon desc: the first alert per mailbox is the latest.
        if (id && alert.text && !latest.has(id)) latest.set(id, alert);
    }
    return latest;
}

/** The text a failure keeps as its detail: the alert's message and its error details (code, activity, exception). */
function alertDetail(alert: TraceAlert): string {
    return [alert.text, alert.errordetails].filter(Boolean).join('\n');
}

/** One poll: settle every testing mailbox whose result is in. */
async function pollOnce(ledger: RunLedger, deps: ExecutorDeps): Promise<void> {
    // One lookup table per poll (lower-case id → ledger id): searching the ledger per row would be quadratic
    // (minutes at 50,000 mailboxes).
    const testing = new Map(ledger.idsIn('testing').map((id) => [id.toLowerCase(), id]));
    const rows = await deps.gateway.readTestResults(ledger.createdAt);
    const finished = rows.flatMap((row) => {
        const id = testing.get(row.mailboxid.toLowerCase());
        const outcome = testOutcome(row, ledger.createdAt);
        return id && outcome.kind !== 'pending' ? [{ id, row, outcome }] : [];
    });
    const failedIds = finished.filter((test) => test.outcome.kind === 'failed').map((test) => test.row.mailboxid);
    const alerts = await latestAlerts(ledger, deps, failedIds);
    for (const { id, row, outcome } of finished) {
        if (outcome.kind === 'succeeded') {
            ledger.succeeded(id);
            continue;
        }
        const alert = alerts.get(id.toLowerCase());
        const detail = alert ? alertDetail(alert) : (row.formatted.mailboxstatus ?? '');
        const cause = testFailureCause(
            alert
                ? {
                      text: alert.text ?? '',
                      errordetails: alert.errordetails ?? undefined,
                      level: alert.level ?? undefined,
                  }
                : { text: detail },
        );
        ledger.failed(id, cause, detail);
    }
    reportProgress(ledger, deps);
}

/** Poll with back-off until every test reports, the time-out passes, or the run is cancelled. */
async function pollResults(ledger: RunLedger, deps: ExecutorDeps): Promise<void> {
    const schedule = deps.pollScheduleMs ?? DEFAULT_POLL_SCHEDULE_MS;
    const deadline = deps.now() + (deps.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS);
    for (let poll = 0; ledger.idsIn('testing').length > 0; poll++) {
        if (deps.now() >= deadline) {
            for (const id of ledger.idsIn('testing'))
                ledger.failed(id, 'testTimedOut', 'No test result before the time-out.');
            return;
        }
        try {
            await deps.sleep(schedule[Math.min(poll, schedule.length - 1)], deps.signal);
        } catch {
            return; // cancelled while waiting
        }
        await pollOnce(ledger, deps);
    }
}

function finishCancelled(ledger: RunLedger, deps: ExecutorDeps): void {
    ledger.cancel(); // sweeps entries whose in-flight answers arrived after the first cancel()
    ledger.abandonTesting('Test & Enable was queued; the result was not watched.');
    reportProgress(ledger, deps);
}

/** Run (or resume) a plan; resolves with the settled ledger. Throws the pause errors (isRunPause) so the UI can pause. */
export async function runBulk(plan: RunPlan | RunLedger, deps: ExecutorDeps): Promise<RunLedger> {
    const ledger = plan instanceof RunLedger ? plan : RunLedger.fromPlan(plan);
    const onAbort = (): void => ledger.cancel();
    deps.signal?.addEventListener('abort', onAbort, { once: true });
    try {
        // A resumed ledger may hold 'sent' approvals whose answers were lost: the re-read settles them.
        await confirmApprovals(ledger, deps, new Set(ledger.idsIn('sent')));
        const flow = new Flow();
        if (ledger.mode === 'approveAndTest') await approveWhileTestingApproved(ledger, deps, flow);
        await runPhase(ledger, deps, flow, 'test');
        await pollResults(ledger, deps);
    } finally {
        deps.signal?.removeEventListener('abort', onAbort);
    }
    if (deps.signal?.aborted || ledger.cancelled) finishCancelled(ledger, deps);
    return ledger;
}
