/**
 * Drives a bulk run: approve batches (continue-on-error) → re-read to confirm → Test & Enable batches → poll results.
 * Every request goes through the run gateway, whose capacity is the HTTP client's shared gate; the ledger is the
 * single source of truth, so a serialised ledger resumes where the run stopped. Cancel (AbortSignal) stops new work; in-flight batches are still accounted.
 */
import { APPROVAL, type RunPlan } from '../core/run/types';
import { testOutcome } from '../core/test-and-enable';
import { alertReadFailureCause, isCallerRefusal, testFailureCause } from '../core/run/run-view';
import { RunLedger, type LedgerSummary } from '../core/run/ledger';
import type { BatchOp, BatchPart } from '../core/batch';
import type { AlertInput } from '../core/credentials/error-catalogue';
import type { CauseCode } from '../core/credentials/causes';
import { MAILBOX } from '../core/schema';
import { transientBackoffMs } from '../core/run/transience';
import { chunkSize } from '../core/scheduler/adaptive';
import type { Sleep } from '../core/scheduler/gate';
import { DataverseError, isRunPause } from './errors';
import { classifyBatchError, classifyPart, type PartFailure, type PartVerdict } from './executor-parts';
import { mailboxPath } from './mailboxes';
import type { RunGateway } from './run-gateway';
import type { TraceAlert } from './tracelogs';

/** Poll delays (ms): back-off in minutes, the last one repeats (dataverse.md §6: no SLA, bulk can take hours). */
export const DEFAULT_POLL_SCHEDULE_MS = [15_000, 30_000, 60_000, 120_000, 300_000];
/** Give up watching after this long; the tests keep running server-side. */
export const DEFAULT_POLL_TIMEOUT_MS = 2 * 60 * 60 * 1000;

/** What runBulk needs: the gateway to Dataverse, a clock and a sleep, and whom to tell. */
export type ExecutorDeps = {
    gateway: RunGateway;
    now: () => number;
    sleep: Sleep;
    signal?: AbortSignal;
    onProgress?: (summary: LedgerSummary, ledger: RunLedger) => void;
    /**
     * Approvals were just marked 'sent' and are about to leave: keep the ledger so a reload re-reads, not resends.
     * They leave once this resolves; if it rejects they are not sent (back to pending) and the run stops with it.
     */
    onApprovalsSent?: (ledger: RunLedger) => void | Promise<void>;
    pollScheduleMs?: readonly number[];
    pollTimeoutMs?: number;
};

type Phase = 'approve' | 'test';

/**
 * What one phase remembers between its rounds: re-sends of transient failures per mailbox (bounded; waiting out a
 * 429 is not counted), approvals whose outcome only a re-read can tell, and those to record as failed unless the
 * re-read shows them applied.
 */
type PhaseMemory = {
    resends: Map<string, number>;
    unknown: Set<string>;
    exhausted: Map<string, PartFailure>;
    backOff: boolean;
};

function newMemory(unknown: Iterable<string> = []): PhaseMemory {
    return { resends: new Map(), unknown: new Set(unknown), exhausted: new Map(), backOff: false };
}

/** Tell the page where the run stands (after every chunk, re-read and poll). */
function reportProgress(ledger: RunLedger, deps: ExecutorDeps): void {
    deps.onProgress?.(ledger.summary(), ledger);
}

function opFor(phase: Phase, id: string, ledger: RunLedger): BatchOp {
    const body = phase === 'approve' ? { [MAILBOX.approval]: APPROVAL.approved } : ledger.testPatch;
    // If-Match: * so a deleted mailbox answers 404 instead of being re-created (dataverse.md §8).
    return { method: 'PATCH', path: mailboxPath(id), body, ifMatch: '*' };
}

/** Count a re-send of a transient failure; false once the verdict's bound is used up. */
function mayResend(memory: PhaseMemory, id: string, resends: number): boolean {
    const used = memory.resends.get(id) ?? 0;
    if (used >= resends) return false;
    memory.resends.set(id, used + 1);
    memory.backOff = true;
    return true;
}

function account(ledger: RunLedger, phase: Phase, id: string, verdict: PartVerdict, memory: PhaseMemory): void {
    if (verdict.kind === 'failed') return ledger.failed(id, verdict.cause, verdict.detail);
    const resend = verdict.kind !== 'retry' || mayResend(memory, id, verdict.resends);
    if (phase === 'test') {
        // T&E is idempotent: a throttled or transient part stays where it was and is sent again next round.
        if (verdict.kind === 'ok') ledger.testQueued(id);
        if (!resend && verdict.kind === 'retry') ledger.failed(id, verdict.failure.cause, verdict.failure.detail);
        return;
    }
    // A 429 means the server did not process it; after any other failure only the re-read can tell (never twice).
    if (verdict.kind === 'wait') ledger.approvalNotProcessed(id);
    if (verdict.kind === 'retry') memory.unknown.add(id);
    if (!resend && verdict.kind === 'retry') memory.exhausted.set(id, verdict.failure);
    // 'ok' and 'retry' stay 'sent' until the re-read confirms.
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
async function sendBatch(ledger: RunLedger, deps: ExecutorDeps, phase: Phase, ids: string[], memory: PhaseMemory) {
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
        whole = classifyBatchError(error.status, error.code, error.message);
    } finally {
        ledger.markInFlight(ids, false);
    }
    ids.forEach((id, index) => {
        const part = parts?.[index];
        const verdict = whole ?? (part ? classifyPart(part, phase === 'approve') : { kind: 'wait' as const });
        account(ledger, phase, id, verdict, memory);
    });
}

/** One write on its own request, accounted as soon as it answers; returns what it threw that the run must see. */
async function sendOne(
    ledger: RunLedger,
    deps: ExecutorDeps,
    phase: Phase,
    id: string,
    memory: PhaseMemory,
): Promise<{ error: unknown } | undefined> {
    // Signed out or stalled by 429s, the server processed nothing of the write ('wait') and the run pauses.
    let verdict: PartVerdict = { kind: 'wait' };
    let thrown: { error: unknown } | undefined;
    try {
        verdict = classifyPart(await deps.gateway.write(opFor(phase, id, ledger)), phase === 'approve');
    } catch (error) {
        // The same reading as a batch that fails as a whole.
        if (isRunPause(error) || !(error instanceof DataverseError)) thrown = { error };
        else verdict = classifyBatchError(error.status, error.code, error.message);
    } finally {
        ledger.markInFlight([id], false);
    }
    if (!thrown || isRunPause(thrown.error)) account(ledger, phase, id, verdict, memory);
    return thrown;
}

/**
 * Send one chunk, as a $batch or as one request per write (`plain`). Approvals are marked 'sent' (and stored) for the
 * whole chunk before any of it leaves.
 */
/** Mark approvals 'sent' and wait until that is kept (onApprovalsSent); if it cannot be, they stay unsent. */
async function markApprovalsSent(ledger: RunLedger, deps: ExecutorDeps, ids: readonly string[]): Promise<void> {
    ids.forEach((id) => ledger.approvalSent(id));
    try {
        await deps.onApprovalsSent?.(ledger);
    } catch (error) {
        ids.forEach((id) => ledger.approvalNotProcessed(id));
        throw error;
    }
}

async function sendChunk(
    ledger: RunLedger,
    deps: ExecutorDeps,
    flow: Flow,
    chunk: { phase: Phase; ids: string[]; plain: boolean },
    memory: PhaseMemory,
): Promise<void> {
    const { phase, ids, plain } = chunk;
    if (phase === 'approve')
        await markApprovalsSent(ledger, deps, ids).catch((error: unknown) => {
            // Not sent after all: give back the requests this chunk held so the other rounds can drain.
            flow.answered(plain ? ids.length : 1, plain ? ids.length : 0);
            throw error;
        });
    ledger.markInFlight(ids, true);
    if (plain) {
        const thrown = await Promise.all(
            ids.map((id) =>
                sendOne(ledger, deps, phase, id, memory).finally(() => {
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
        await sendBatch(ledger, deps, phase, ids, memory);
    } finally {
        flow.answered(1, 0);
    }
    reportProgress(ledger, deps);
}

/** The phase's mailboxes still to send; `only` narrows them (the canary). */
function takeIds(ledger: RunLedger, phase: Phase, only?: ReadonlySet<string>): string[] {
    const pending = ledger
        .idsIn('pending')
        .filter((id) => ledger.get(id)?.approve === (phase === 'approve') && (!only || only.has(id)));
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
    memory: PhaseMemory,
    refill: Refill = NO_REFILL,
    only?: ReadonlySet<string>,
): Promise<void> {
    let queue = takeIds(ledger, phase, only);
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
            const sent: Promise<void> = sendChunk(ledger, deps, flow, { phase, ids, plain }, memory)
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

/**
 * Re-read approvals: applied → confirmed; failed transiently too often → failed with that cause; lost answer or
 * transient failure → pending again; silent no-op → failed('approvalNotApplied').
 */
async function confirmApprovals(
    ledger: RunLedger,
    deps: ExecutorDeps,
    memory: PhaseMemory,
    flow?: Flow,
): Promise<void> {
    const ids = ledger.idsIn('sent');
    if (ids.length === 0) return;
    const states = await deps.gateway.readApprovals(ids);
    for (const id of ids) {
        const state = states.get(id.toLowerCase());
        const exhausted = memory.exhausted.get(id);
        if (state?.emailrouteraccessapproval === APPROVAL.approved) ledger.approvalConfirmed(id);
        else if (exhausted) ledger.failed(id, exhausted.cause, exhausted.detail);
        // The answer was lost but the re-read proves nothing was applied, so sending it again cannot approve twice.
        else if (memory.unknown.has(id)) ledger.approvalNotProcessed(id);
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

/**
 * Send the phase's mailboxes round after round until none is left: throttled parts as often as it takes (the client
 * pauses the run if nothing gets through for too long), transient failures a bounded number of times with back-off.
 */
async function runPhase(
    ledger: RunLedger,
    deps: ExecutorDeps,
    flow: Flow,
    phase: Phase,
    memory: PhaseMemory = newMemory(),
    only?: ReadonlySet<string>,
): Promise<void> {
    for (let round = 1; takeIds(ledger, phase, only).length > 0; round++) {
        if (deps.signal?.aborted) return;
        memory.unknown.clear();
        memory.exhausted.clear();
        memory.backOff = false;
        await runPhaseRound(ledger, deps, flow, phase, memory, NO_REFILL, only);
        if (phase === 'approve') await confirmApprovals(ledger, deps, memory, flow);
        if (memory.backOff && !(await backOff(deps, round))) return;
    }
}

/** Wait before re-sending transient failures; false when the run was cancelled meanwhile. */
async function backOff(deps: ExecutorDeps, round: number): Promise<boolean> {
    try {
        await deps.sleep(transientBackoffMs(round), deps.signal);
        return true;
    } catch {
        return false;
    }
}

/**
 * Approve one mailbox before anything else is sent (the canary, issue 14 item 4). A refusal that depends on who sends
 * the approval — no Microsoft 365 admin role (0x80040256) or no approval privilege — would meet every other approval
 * too, so the run then stops: nothing else is approved or tested, and the admin decides (Test only). Done once per
 * run: not again once any approval of the run has an outcome (a resumed run).
 */
async function approveCanary(ledger: RunLedger, deps: ExecutorDeps, flow: Flow): Promise<void> {
    const approvals = ledger.all().filter((entry) => entry.approve);
    const canary = approvals[0];
    if (!canary || approvals.some((entry) => entry.state !== 'pending')) return;
    await runPhase(ledger, deps, flow, 'approve', newMemory(), new Set([canary.mailboxId]));
    const outcome = ledger.get(canary.mailboxId);
    if (outcome?.state !== 'failed' || !isCallerRefusal(outcome.cause)) return;
    ledger.stopAfterRefusal();
    reportProgress(ledger, deps);
}

/**
 * Approve, and meanwhile Test & Enable the mailboxes that need no approval and, as soon as their re-read confirms
 * them, the approved ones: both share the gate, so the tests fill the slots the approvals' tail and re-reads leave
 * free, and no slot idles between approving and testing. Tests that fail transiently meanwhile keep their re-send
 * count (`testMemory`) into the test phase that follows.
 */
async function approveWhileTestingApproved(
    ledger: RunLedger,
    deps: ExecutorDeps,
    flow: Flow,
    testMemory: PhaseMemory,
): Promise<void> {
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
    const results = await Promise.allSettled([
        approvals,
        runPhaseRound(ledger, deps, flow, 'test', testMemory, refill),
    ]);
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
}

/** The latest alerts of a poll's failed tests, or why they could not be read. */
type LatestAlerts = { latest: Map<string, TraceAlert>; refused?: { cause: CauseCode; detail: string } };

/**
 * The latest alert of each of `ids` (lower-case id → alert), read since the run started. A refused read (400, 403)
 * does not end the run: the tests' results stand, their cause is "not available" and says why (issue 14 item 9).
 */
async function latestAlerts(ledger: RunLedger, deps: ExecutorDeps, ids: string[]): Promise<LatestAlerts> {
    const latest = new Map<string, TraceAlert>();
    if (ids.length === 0) return { latest };
    let alerts: TraceAlert[];
    try {
        alerts = await deps.gateway.readAlerts(ledger.createdAt, ids);
    } catch (error) {
        const cause = error instanceof DataverseError ? alertReadFailureCause(error.status) : undefined;
        if (!cause || isRunPause(error)) throw error;
        const { code, message } = error as DataverseError;
        return { latest, refused: { cause, detail: `${code}: ${message}` } };
    }
    for (const alert of alerts) {
        const id = alert._regardingobjectid_value?.toLowerCase();
        // Sorted modifiedon desc: the first alert per mailbox is the latest.
        if (id && alert.text && !latest.has(id)) latest.set(id, alert);
    }
    return { latest };
}

/** The text a failure keeps as its detail: the alert's message and its error details (code, activity, exception). */
function alertDetail(alert: TraceAlert): string {
    return [alert.text, alert.errordetails].filter(Boolean).join('\n');
}

/** How a failed or retried test is decoded: from its latest alert (code first), else the status label. */
function alertInputOf(alert: TraceAlert | undefined, statusLabel: string): AlertInput {
    if (!alert) return { text: statusLabel };
    return { text: alert.text ?? '', errordetails: alert.errordetails ?? undefined, level: alert.level ?? undefined };
}

/** Alert level 3 = error: Dynamics has given up on the mailbox (dataverse.md §7). */
const ALERT_LEVEL_ERROR = 3;

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
    const failedIds = finished.filter((test) => test.outcome.kind !== 'succeeded').map((test) => test.row.mailboxid);
    const { latest, refused } = await latestAlerts(ledger, deps, failedIds);
    for (const { id, row, outcome } of finished) {
        if (outcome.kind === 'succeeded') {
            ledger.succeeded(id);
            continue;
        }
        const alert = latest.get(id.toLowerCase());
        const status = row.formatted.mailboxstatus ?? '';
        const detail = alert ? alertDetail(alert) : [status, refused?.detail].filter(Boolean).join('\n');
        const cause = !alert && refused ? refused.cause : testFailureCause(alertInputOf(alert, status));
        // Still scheduled and no error alert (a warning, or none yet): server-side sync tries again by itself.
        if (outcome.kind === 'retrying' && alert?.level !== ALERT_LEVEL_ERROR) ledger.retrying(id, cause, detail);
        else ledger.failed(id, cause, detail);
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
        await confirmApprovals(ledger, deps, newMemory(ledger.idsIn('sent')));
        const flow = new Flow();
        const testMemory = newMemory();
        if (ledger.mode === 'approveAndTest') {
            await approveCanary(ledger, deps, flow);
            await approveWhileTestingApproved(ledger, deps, flow, testMemory);
        }
        await runPhase(ledger, deps, flow, 'test', testMemory);
        await pollResults(ledger, deps);
    } finally {
        deps.signal?.removeEventListener('abort', onAbort);
    }
    if (deps.signal?.aborted || ledger.cancelled) finishCancelled(ledger, deps);
    return ledger;
}
