/** Classify one $batch part answer for the run ledger (dataverse.md §5 refusals, §8 errors). */
import type { BatchPart } from '../core/batch';
import type { CauseCode } from '../core/credentials/causes';
import { requestFailureCause } from '../core/run/run-view';
import { NETWORK_ERROR_STATUS } from './errors';

/** What to do with a mailbox after its part (or its whole batch) was answered. */
export type PartVerdict =
    { kind: 'ok' } | { kind: 'retry' } | { kind: 'unknown' } | { kind: 'failed'; cause: CauseCode; detail: string };

/** Statuses after which the server did not process the request, so sending it again is safe. */
function notProcessed(status: number): boolean {
    return status === 429 || status === 503;
}

/** Verdict for an answered part. */
export function classifyPart(part: BatchPart, isApproval: boolean): PartVerdict {
    if (part.status >= 200 && part.status < 300) return { kind: 'ok' };
    if (notProcessed(part.status)) return { kind: 'retry' };
    const code = part.error?.code ?? '';
    const message = part.error?.message ?? `HTTP ${part.status}`;
    const cause = requestFailureCause({ status: part.status, code, message, isApproval });
    return { kind: 'failed', cause, detail: code ? `${code}: ${message}` : message };
}

/** Verdict for a whole batch that threw (the status of the DataverseError). */
export function classifyBatchError(status: number, message: string): PartVerdict {
    if (notProcessed(status)) return { kind: 'retry' };
    // A dropped connection leaves it open whether the server applied the batch: re-read before deciding.
    if (status === NETWORK_ERROR_STATUS) return { kind: 'unknown' };
    return {
        kind: 'failed',
        cause: requestFailureCause({ status, code: '', message, isApproval: false }),
        detail: message,
    };
}
