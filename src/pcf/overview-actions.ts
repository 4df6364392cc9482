/** The overview cards' actions: mailbox counts by aggregate query and the readiness items marked done. */
import { segmentCounts } from '../core/mailbox-segments';
import type { DataverseHttp } from '../dataverse/http';
import { countMailboxes } from '../dataverse/mailbox-counts';
import { readReadinessDone, saveReadinessDone } from '../dataverse/notes';
import type { OverviewActions } from '../ui/actions';

/**
 * Whether a missing approval keeps a mailbox from syncing. The run planner assumes so today (requireApproval: true in
 * mailbox-actions.ts); the cards and the list classify by the same rule so their numbers agree.
 */
const REQUIRE_APPROVAL = true;

/** Build the overview actions for one profile. */
export function createOverviewActions(http: DataverseHttp, profileId: string): OverviewActions {
    return {
        countMailboxes: async (signal) =>
            segmentCounts(await countMailboxes(http, profileId, signal), REQUIRE_APPROVAL),
        readReadinessDone: () => readReadinessDone(http, profileId),
        saveReadinessDone: (done) => saveReadinessDone(http, profileId, done),
    };
}
