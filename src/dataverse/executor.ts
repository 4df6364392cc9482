/**
 * Drives a bulk run: approve batches (continue-on-error) → re-read to confirm → Test & Enable batches → poll results.
 * Every request goes through the run gateway, whose capacity is the HTTP client's shared gate; the ledger is the
 * single source of truth, so a serialised ledger resumes where the run stopped. Cancel (AbortSignal) stops new work;
 * in-flight batches are still accounted. This module holds the rounds and their order; executor-send.ts sends and
 * accounts the writes, executor-poll.ts watches the tests' results.
 */
import { APPROVAL, type RunPlan } from '../core/run/types';
import { isCallerRefusal } from '../core/run/run-view';
import { RunLedger } from '../core/run/ledger';
import { transientBackoffMs } from '../core/run/transience';
import { chunkSize } from '../core/scheduler/adaptive';
import { reportProgress, type ExecutorDeps } from './executor-deps';
import { pollResults } from './executor-poll';
import { Flow, newMemory, sendChunk, type Phase, type PhaseMemory } from './executor-send';

export type { ExecutorDeps } from './executor-deps';

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

function finishCancelled(ledger: RunLedger, deps: ExecutorDeps): void {
    ledger.cancel(); // sweeps entries whose in-flight answers arrived after the first cancel()
    ledger.abandonTesting();
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
