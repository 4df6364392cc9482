/** Decide, per mailbox, whether to approve, Test & Enable, or skip (dataverse.md §5 recipe, §6 "check first"). */
import { testPatchFor } from '../test-and-enable';
import { isApprovalRequired, type ApprovalPolicy } from './approval-policy';
import { groupBySkipReason } from './skip-reasons';
import {
    APPROVAL,
    serverSideSyncDirections,
    type MailboxRow,
    type PlanItem,
    type RunMode,
    type RunPlan,
    type SkipReason,
} from './types';

/**
 * Who runs the plan and how the org is configured: `requireApproval` is the organisation's policy per kind of mailbox
 * (user, queue), or one answer for both.
 */
export type PlanOptions = { canApprove: boolean; requireApproval: boolean | ApprovalPolicy; mode: RunMode };

function needsApproval(row: MailboxRow, options: PlanOptions): boolean {
    const policy = options.requireApproval;
    return typeof policy === 'boolean' ? policy : isApprovalRequired(row.regardingType, policy);
}

function isApproved(row: MailboxRow): boolean {
    return row.emailrouteraccessapproval === APPROVAL.approved;
}

function skipReason(row: MailboxRow, options: PlanOptions): SkipReason | undefined {
    if (row.statecode !== null && row.statecode !== 0) return 'inactive';
    if (!row.profileId) return 'noProfile';
    // A mailbox with no direction on Server-Side Sync has nothing for Test & Enable to test.
    if (!Object.values(serverSideSyncDirections(row)).some(Boolean)) return 'notServerSideSync';
    // Where the organisation processes this kind unapproved, Test & Enable can succeed without an approval.
    if (isApproved(row) || !needsApproval(row, options)) return undefined;
    if (options.mode === 'testOnly') return 'notApproved';
    return options.canApprove ? undefined : 'cannotApprove';
}

function planItem(row: MailboxRow, options: PlanOptions): PlanItem {
    const base = { mailboxId: row.mailboxid, name: row.name };
    const skip = skipReason(row, options);
    if (skip) return { ...base, approve: false, test: false, skip };
    // Never approve twice: rows already at 1 are left alone (dataverse.md §5).
    const approve = options.mode === 'approveAndTest' && !isApproved(row) && options.canApprove;
    return { ...base, approve, test: true };
}

/** Plan a run over the selected mailboxes; duplicates (same id) are planned once. */
export function planRun(mailboxes: readonly MailboxRow[], options: PlanOptions, now: Date): RunPlan {
    const seen = new Set<string>();
    const items: PlanItem[] = [];
    for (const row of mailboxes) {
        const key = row.mailboxid.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        items.push(planItem(row, options));
    }
    return { mode: options.mode, createdAt: now.toISOString(), items, testPatch: testPatchFor(now) };
}

/** The selected mailboxes a plan skips for one reason, in selection order. */
export type SkipGroup = { reason: SkipReason; names: string[] };

/**
 * What the confirmation says a plan will do; `rejected` = approvals that override an earlier rejection; `skipped` =
 * which mailboxes are skipped and why, largest group first.
 */
export type PlanCounts = { approve: number; test: number; skip: number; rejected: number; skipped?: SkipGroup[] };

/** The skipped items of a plan grouped by reason, largest group first (ties by reason name). */
export function skipGroups(plan: RunPlan): SkipGroup[] {
    return groupBySkipReason(plan.items, (item) => item.skip).map(({ reason, items }) => ({
        reason,
        names: items.map((item) => item.name),
    }));
}

/** Count a plan's approvals, tests and skips, and the approvals of rows an admin rejected earlier. */
export function planCounts(plan: RunPlan, rows: readonly MailboxRow[]): PlanCounts {
    const rejected = new Set(
        rows
            .filter((row) => row.emailrouteraccessapproval === APPROVAL.rejected)
            .map((row) => row.mailboxid.toLowerCase()),
    );
    const counts: PlanCounts = { approve: 0, test: 0, skip: 0, rejected: 0, skipped: skipGroups(plan) };
    for (const item of plan.items) {
        if (item.skip) {
            counts.skip += 1;
            continue;
        }
        if (item.test) counts.test += 1;
        if (!item.approve) continue;
        counts.approve += 1;
        if (rejected.has(item.mailboxId.toLowerCase())) counts.rejected += 1;
    }
    return counts;
}
