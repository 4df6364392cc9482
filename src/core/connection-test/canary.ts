/**
 * The connection test's canary: one approved mailbox on this profile whose Test & Enable is the authoritative
 * check of tenant, application, secret and consent (entra-and-exchange.md §3 step 3; dataverse.md §6).
 */
import { APPROVAL, serverSideSyncDirections, TEST_STATUS, type MailboxRow } from '../run/types';
import { LOGICAL_NAME } from '../schema';

/** Why a mailbox cannot serve as the canary, or undefined when it can. */
export type CanaryProblem = 'inactive' | 'notServerSideSync' | 'notApproved' | 'wrongProfile';

/** Check one mailbox against the Test & Enable prerequisites of dataverse.md §6. */
export function canaryProblem(row: MailboxRow, profileId: string): CanaryProblem | undefined {
    if (row.statecode !== 0) return 'inactive';
    if (row.profileId !== profileId) return 'wrongProfile';
    if (!Object.values(serverSideSyncDirections(row)).every(Boolean)) return 'notServerSideSync';
    if (row.emailrouteraccessapproval !== APPROVAL.approved) return 'notApproved';
    return undefined;
}

function score(row: MailboxRow): number {
    // A mailbox that passed before isolates credential problems from mailbox problems; users before queues
    // because queue mailboxes add scope-group pitfalls (entra-and-exchange.md §6).
    let points = 0;
    if (row.mailboxstatus === TEST_STATUS.success) points += 4;
    if (row.isemailaddressapprovedbyo365admin) points += 2;
    if (row.regardingType !== LOGICAL_NAME.queue) points += 1;
    return points;
}

/** The default canary: the best-scoring eligible mailbox, ties broken by name then id so the choice is stable. */
export function pickCanary(rows: readonly MailboxRow[], profileId: string): MailboxRow | undefined {
    let best: MailboxRow | undefined;
    for (const row of rows) {
        if (canaryProblem(row, profileId)) continue;
        if (!best) {
            best = row;
            continue;
        }
        const diff = score(row) - score(best);
        const tie = row.name.localeCompare(best.name) || row.mailboxid.localeCompare(best.mailboxid);
        if (diff > 0 || (diff === 0 && tie < 0)) best = row;
    }
    return best;
}
