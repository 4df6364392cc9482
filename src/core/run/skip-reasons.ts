/** What the admin reads about a skipped mailbox: a short label after a count, and the full sentence that says why. */
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
    approvalRefused: { labelKey: 'Skip_ApprovalRefused', detailKey: 'Skip_ApprovalRefusedDetail' },
};
