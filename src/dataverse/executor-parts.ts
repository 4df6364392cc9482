/** Classify one $batch part answer for the run ledger (dataverse.md §5 refusals, §8 errors, §9 throttling). */
import type { BatchPart } from '../core/batch';
import type { CauseCode } from '../core/credentials/causes';
import { isApprovalRefusal } from '../core/credentials/error-catalogue';
import { requestFailureCause } from '../core/run/run-view';
import { classifyFailure, RESENDS } from '../core/run/transience';
import { NETWORK_ERROR_STATUS } from './errors';

/** Why a request failed: the ledger's cause and the original code and text. */
export type PartFailure = { cause: CauseCode; detail: string };

/**
 * What to do with a mailbox after its part (or its whole batch) was answered: `wait` — throttled, send again as
 * often as it takes; `retry` — a transient failure, send again at most `resends` times, then record `failure`.
 */
export type PartVerdict =
    | { kind: 'ok' }
    | { kind: 'wait' }
    | { kind: 'retry'; resends: number; failure: PartFailure }
    | ({ kind: 'failed' } & PartFailure);

function verdictFor(status: number, code: string, message: string, isApproval: boolean): PartVerdict {
    const failure: PartFailure = {
        cause: requestFailureCause({ status, code, message, isApproval }),
        detail: code ? `${code}: ${message}` : message,
    };
    // 0x80040216 is both the outer code of an approval refusal and the generic "unexpected error" (dataverse.md §5).
    if (isApproval && isApprovalRefusal(code, message)) return { kind: 'failed', ...failure };
    const transience = classifyFailure(status, code);
    if (transience === 'wait') return { kind: 'wait' };
    if (transience === 'permanent') return { kind: 'failed', ...failure };
    return { kind: 'retry', resends: RESENDS[transience], failure };
}

/** Verdict for an answered part. */
export function classifyPart(part: BatchPart, isApproval: boolean): PartVerdict {
    if (part.status >= 200 && part.status < 300) return { kind: 'ok' };
    return verdictFor(part.status, part.error?.code ?? '', part.error?.message ?? `HTTP ${part.status}`, isApproval);
}

/** Verdict for a whole batch that threw (the status and code of the DataverseError). */
export function classifyBatchError(status: number, code: string, message: string): PartVerdict {
    // A dropped connection leaves it open whether the server applied the batch: the executor re-reads an approval
    // before sending it again, and re-sends a Test & Enable (idempotent) a bounded number of times.
    if (status === NETWORK_ERROR_STATUS)
        return { kind: 'retry', resends: RESENDS.transient, failure: { cause: 'networkError', detail: message } };
    return verdictFor(status, code, message, false);
}
