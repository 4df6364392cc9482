/**
 * Which mailboxes the organisation processes only once approved: the organization switches "Process emails only for
 * approved users / queues" (`requireapprovalforuseremail`, `requireapprovalforqueueemail`, dataverse.md §4, §6 "check
 * first"). Where a kind needs no approval, Test & Enable of an unapproved mailbox of that kind can succeed.
 */
import { LOGICAL_NAME } from '../schema';

/** Whether the organisation requires approval of user mailboxes and of queue mailboxes. */
export type ApprovalPolicy = { users: boolean; queues: boolean };

/** The platform's default (both switches on), and what the control assumes when it cannot read them. */
export const APPROVAL_REQUIRED_FOR_ALL: ApprovalPolicy = { users: true, queues: true };

/**
 * Whether a mailbox owned by a row of `regardingType` (a table logical name) needs approval. A mailbox of neither
 * kind needs it when either kind does: the safe side, as an approval never hurts and a missing one disables it.
 */
export function isApprovalRequired(regardingType: string | null, policy: ApprovalPolicy): boolean {
    if (regardingType === LOGICAL_NAME.systemUser) return policy.users;
    if (regardingType === LOGICAL_NAME.queue) return policy.queues;
    return policy.users || policy.queues;
}
