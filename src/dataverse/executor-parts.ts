/** Classify one $batch part answer for the run ledger (dataverse.md §5 refusals, §8 errors). */
import type { BatchPart } from '../core/batch';
import { isApprovalRefusal } from '../core/credentials/error-catalogue';
import type { FailureCause } from '../core/run/types';
import { NETWORK_ERROR_STATUS } from './errors';

/** What to do with a mailbox after its part (or its whole batch) was answered. */
export type PartVerdict =
    { kind: 'ok' } | { kind: 'retry' } | { kind: 'unknown' } | { kind: 'failed'; cause: FailureCause; detail: string };

function failed(cause: FailureCause, detail: string): PartVerdict {
    return { kind: 'failed', cause, detail };
}

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
    const detail = code ? `${code}: ${message}` : message;
    if (isApproval && isApprovalRefusal(code, message)) return failed('approvalRefused', detail);
    return failed(part.status === 412 || part.status === 404 ? 'preconditionFailed' : 'httpError', detail);
}

/** Verdict for a whole batch that threw (the status of the DataverseError). */
export function classifyBatchError(status: number, message: string): PartVerdict {
    if (notProcessed(status)) return { kind: 'retry' };
    // A dropped connection leaves it open whether the server applied the batch: re-read before deciding.
    if (status === NETWORK_ERROR_STATUS) return { kind: 'unknown' };
    return failed('httpError', message);
}
