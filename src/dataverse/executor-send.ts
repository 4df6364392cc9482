/**
 * Sending a bulk run's writes: one chunk as a $batch or as one request per write, each answer accounted in the ledger
 * as it arrives (a failed part is a value: failed, re-sent next round, or left for the re-read), and the Flow through
 * which the rounds running at once share the gate.
 */
import { APPROVAL } from '../core/run/types';
import type { RunLedger } from '../core/run/ledger';
import type { BatchOp, BatchPart } from '../core/batch';
import { MAILBOX } from '../core/schema';
import { DataverseError, isRunPause } from './errors';
import { reportProgress, type ExecutorDeps } from './executor-deps';
import { classifyBatchError, classifyPart, type PartFailure, type PartVerdict } from './executor-parts';
import { mailboxPath } from './mailboxes';

/** Which writes a round sends: approvals or Test & Enables. */
export type Phase = 'approve' | 'test';

/**
 * What one phase remembers between its rounds: re-sends of transient failures per mailbox (bounded; waiting out a
 * 429 is not counted), approvals whose outcome only a re-read can tell, and those to record as failed unless the
 * re-read shows them applied.
 */
export type PhaseMemory = {
    resends: Map<string, number>;
    unknown: Set<string>;
    exhausted: Map<string, PartFailure>;
    backOff: boolean;
};

/** A phase's memory, starting with approvals whose outcome only a re-read can tell. */
export function newMemory(unknown: Iterable<string> = []): PhaseMemory {
    return { resends: new Map(), unknown: new Set(unknown), exhausted: new Map(), backOff: false };
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
export class Flow {
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

/**
 * Send one chunk, as a $batch or as one request per write (`plain`). Approvals are marked 'sent' (and stored) for the
 * whole chunk before any of it leaves.
 */
export async function sendChunk(
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
