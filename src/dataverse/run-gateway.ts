/**
 * The narrow gateway a bulk run is driven by: the few Web API operations runBulk needs, bound to one profile.
 * runBulk depends on this type, not on the HTTP client, so it can be driven by anything that keeps the contract.
 */
import type { BatchOp, BatchPart } from '../core/batch';
import type { MailboxRow } from '../core/run/types';
import type { DataverseHttp } from './http';
import { readApprovalState, readTestResults, type ApprovalState } from './mailboxes';
import { readAlerts, type TraceAlert } from './tracelogs';

/** What runBulk needs of Dataverse. */
export type RunGateway = {
    /** The shared request gate's current limits: batches in flight at once, operations per batch. */
    readonly capacity: { readonly limit: number; readonly batchSize: number };
    /** Send one $batch (continue-on-error); every part's answer, success or failure, comes back as a value. */
    batch(ops: readonly BatchOp[]): Promise<BatchPart[]>;
    /** Re-read the approval of `ids`, keyed by lower-case id. */
    readApprovals(ids: readonly string[]): Promise<Map<string, ApprovalState>>;
    /** The profile's mailboxes whose test finished after `since`. */
    readTestResults(since: string): Promise<MailboxRow[]>;
    /** Alerts written since `since` about the given mailboxes, newest first. */
    readAlerts(since: string, mailboxIds: readonly string[]): Promise<TraceAlert[]>;
};

/** The gateway of one profile over the one Web API client. */
export function createRunGateway(http: DataverseHttp, profileId: string): RunGateway {
    return {
        capacity: http.gate,
        batch: (ops) => http.batch(ops, { continueOnError: true }),
        readApprovals: (ids) => readApprovalState(http, ids),
        readTestResults: (since) => readTestResults(http, profileId, since),
        readAlerts: (since, mailboxIds) => readAlerts(http, profileId, since, { mailboxIds }),
    };
}
