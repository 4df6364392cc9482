/**
 * The narrow gateway a bulk run is driven by: the few Web API operations runBulk needs, bound to one profile.
 * runBulk depends on this type, not on the HTTP client, so it can be driven by anything that keeps the contract.
 */
import type { BatchOp, BatchPart } from '../core/batch';
import type { MailboxRow } from '../core/run/types';
import { DataverseError, isRunPause } from './errors';
import type { DataverseHttp } from './http';
import { readApprovalState, readTestResults, type ApprovalState } from './mailboxes';
import { readAlerts, type TraceAlert } from './tracelogs';

/** What runBulk needs of Dataverse. */
export type RunGateway = {
    /**
     * The shared request gate: requests in flight at once, operations per $batch, and how many more requests the
     * service-protection window takes beyond a reserve (room for writes sent one per request).
     */
    readonly capacity: { readonly limit: number; readonly batchSize: number; requestsLeft(): number };
    /** Send one $batch (continue-on-error); every part's answer, success or failure, comes back as a value. */
    batch(ops: readonly BatchOp[]): Promise<BatchPart[]>;
    /**
     * Send one write on its own request; the server's answer, success or error, comes back as a part like a $batch
     * part's. What is no answer of the server to this write (network, session, unreadable body) throws, as for a batch.
     */
    write(op: BatchOp): Promise<BatchPart>;
    /** Re-read the approval of `ids`, keyed by lower-case id. */
    readApprovals(ids: readonly string[]): Promise<Map<string, ApprovalState>>;
    /** The profile's mailboxes whose test finished after `since`. */
    readTestResults(since: string): Promise<MailboxRow[]>;
    /** Alerts written since `since` about the given mailboxes, newest first. */
    readAlerts(since: string, mailboxIds: readonly string[]): Promise<TraceAlert[]>;
};

/** One write as its own request, answered like a $batch part. */
async function writeOne(http: DataverseHttp, op: BatchOp): Promise<BatchPart> {
    try {
        const response = await http.send(op.path, { method: op.method, body: op.body, ifMatch: op.ifMatch });
        return { status: response.status, headers: {}, body: response.body };
    } catch (error) {
        // Signed out or stalled by 429s: no answer to this write; the run pauses.
        if (isRunPause(error)) throw error;
        if (!(error instanceof DataverseError) || error.status < 400) throw error;
        const { status, code, message } = error;
        return { status, headers: {}, body: undefined, error: { status, code, message } };
    }
}

/** The gateway of one profile over the one Web API client. */
export function createRunGateway(http: DataverseHttp, profileId: string): RunGateway {
    return {
        capacity: http.gate,
        batch: (ops) => http.batch(ops, { continueOnError: true }),
        write: (op) => writeOne(http, op),
        readApprovals: (ids) => readApprovalState(http, ids),
        readTestResults: (since) => readTestResults(http, profileId, since),
        readAlerts: (since, mailboxIds) => readAlerts(http, profileId, since, { mailboxIds }),
    };
}
