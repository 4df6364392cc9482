/** The overview cards' actions: mailbox counts by aggregate query and the readiness items marked done. */
import { segmentCounts } from '../core/mailbox-segments';
import { APPROVAL_REQUIRED_FOR_ALL, isApprovalRequired } from '../core/run/approval-policy';
import type { DataverseHttp } from '../dataverse/http';
import { countMailboxes } from '../dataverse/mailbox-counts';
import { readReadinessDone, saveReadinessDone } from '../dataverse/notes';
import { readApprovalPolicy } from '../dataverse/organization';
import type { OverviewActions } from '../ui/actions';

/**
 * Whether a missing approval keeps the profile's mailboxes from syncing, by the planner's policy (the organisation's
 * switches; unreadable = required, the platform's default). The aggregate is not grouped by the owner's kind, so a
 * policy that differs for users and queues counts by the rule for a mailbox of neither kind (isApprovalRequired: the
 * safe side); once the list is loaded, the card shows the list's counts, which apply the policy per mailbox.
 */
async function requiresApproval(http: DataverseHttp, signal: AbortSignal): Promise<boolean> {
    const policy = await readApprovalPolicy(http, signal).catch(() => APPROVAL_REQUIRED_FOR_ALL);
    return isApprovalRequired(null, policy);
}

/** Build the overview actions for one profile. */
export function createOverviewActions(http: DataverseHttp, profileId: string): OverviewActions {
    return {
        countMailboxes: async (signal) => {
            const [groups, required] = await Promise.all([
                countMailboxes(http, profileId, signal),
                requiresApproval(http, signal),
            ]);
            return segmentCounts(groups, required);
        },
        readReadinessDone: () => readReadinessDone(http, profileId),
        saveReadinessDone: (done) => saveReadinessDone(http, profileId, done),
    };
}
