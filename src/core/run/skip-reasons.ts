/**
 * What the admin reads about skipped mailboxes: a short label after a count, the full sentence that says why, and the
 * order the reasons are listed in.
 */
import type { StringKey } from '../string-keys';
import type { SkipReason } from './types';

/** Skip reason → its short label and its sentence. */
export const SKIP_REASONS: Readonly<Record<SkipReason, { labelKey: StringKey; detailKey: StringKey }>> = {
    inactive: { labelKey: 'Skip_Inactive', detailKey: 'Skip_InactiveDetail' },
    noProfile: { labelKey: 'Skip_NoProfile', detailKey: 'Skip_NoProfileDetail' },
    notServerSideSync: { labelKey: 'Skip_NotServerSideSync', detailKey: 'Skip_NotServerSideSyncDetail' },
    cannotApprove: { labelKey: 'Skip_CannotApprove', detailKey: 'Skip_CannotApproveDetail' },
    notApproved: { labelKey: 'Skip_NotApproved', detailKey: 'Skip_NotApprovedDetail' },
    cancelled: { labelKey: 'Skip_Cancelled', detailKey: 'Skip_CancelledDetail' },
    cancelledApproved: { labelKey: 'Skip_CancelledApproved', detailKey: 'Skip_CancelledApprovedDetail' },
    cancelledNotWatched: { labelKey: 'Skip_CancelledNotWatched', detailKey: 'Skip_CancelledNotWatchedDetail' },
    approvalRefused: { labelKey: 'Skip_ApprovalRefused', detailKey: 'Skip_ApprovalRefusedDetail' },
};

/** The items skipped for one reason, in the order given. */
export type SkippedFor<T> = { reason: SkipReason; items: T[] };

/**
 * Items grouped by why they are skipped (`reasonOf` undefined: not skipped), largest group first and ties by reason
 * name, so the confirmation (a plan's items) and the run summary (a ledger's entries) list reasons in one order.
 */
export function groupBySkipReason<T>(
    items: Iterable<T>,
    reasonOf: (item: T) => SkipReason | undefined,
): SkippedFor<T>[] {
    const groups = new Map<SkipReason, SkippedFor<T>>();
    for (const item of items) {
        const reason = reasonOf(item);
        if (!reason) continue;
        const group = groups.get(reason) ?? { reason, items: [] };
        group.items.push(item);
        groups.set(reason, group);
    }
    return [...groups.values()].sort((a, b) => b.items.length - a.items.length || a.reason.localeCompare(b.reason));
}
