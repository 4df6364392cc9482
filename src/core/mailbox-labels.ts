/**
 * The labels a mailbox's option values have in the list (type, approval, test status), as string keys, so the CSV
 * export says what the admin sees rather than option values.
 */
import { APPROVAL, TEST_STATUS } from './run/types';
import type { MailboxView } from './mailbox-view';
import type { StringKey } from './string-keys';

/** Owner type → label. */
export const TYPE_LABELS: Readonly<Record<MailboxView['ownerType'], StringKey>> = {
    user: 'Mailboxes_Type_User',
    queue: 'Mailboxes_Type_Queue',
    other: 'Mailboxes_Type_Other',
};

const APPROVAL_LABELS: Readonly<Record<number, StringKey>> = {
    [APPROVAL.empty]: 'Mailboxes_Approval_Empty',
    [APPROVAL.approved]: 'Mailboxes_Approval_Approved',
    [APPROVAL.pending]: 'Mailboxes_Approval_Pending',
    [APPROVAL.rejected]: 'Mailboxes_Approval_Rejected',
};

const STATUS_LABELS: Readonly<Record<number, StringKey>> = {
    [TEST_STATUS.notRun]: 'Mailboxes_Status_NotRun',
    [TEST_STATUS.success]: 'Mailboxes_Status_Success',
    [TEST_STATUS.failure]: 'Mailboxes_Status_Failure',
};

/** The approval's label; an unapproved mailbox the organisation processes without approval is "Not required". */
export function approvalLabel(row: Pick<MailboxView, 'approval' | 'approvalRequired'>): StringKey {
    const approval = row.approval ?? APPROVAL.empty;
    if (row.approvalRequired === false && approval !== APPROVAL.approved) return 'Mailboxes_Approval_NotRequired';
    return APPROVAL_LABELS[approval] ?? 'Mailboxes_Approval_Empty';
}

/** A test status's label; a failure server-side sync retries by itself says "Retrying". */
export function statusLabel(status: number | null, isRetrying = false): StringKey {
    if (isRetrying && status === TEST_STATUS.failure) return 'Mailboxes_Status_Retrying';
    return (status !== null && STATUS_LABELS[status]) || 'Mailboxes_Status_Unknown';
}
