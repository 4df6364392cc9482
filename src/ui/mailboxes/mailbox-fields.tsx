/** What the table's columns and the details panel show of a mailbox: one label and one rendering per field. */
import * as React from 'react';
import { CAUSES } from '../../core/credentials/causes';
import { isRetrying, type MailboxView, type SortKey } from '../../core/mailbox-view';
import { APPROVAL } from '../../core/run/types';
import type { StringKey } from '../strings';
import type { Texts } from '../texts';
import { StatusCell } from './StatusCell';

/** One field: the sort key it is named by, its label and how a row shows it. */
export type MailboxField = { key: SortKey; label: StringKey; render: (row: MailboxView) => React.ReactNode };

const TYPE_KEYS: Record<MailboxView['ownerType'], StringKey> = {
    user: 'Mailboxes_Type_User',
    queue: 'Mailboxes_Type_Queue',
    other: 'Mailboxes_Type_Other',
};
const APPROVAL_KEYS: Record<number, StringKey> = {
    [APPROVAL.empty]: 'Mailboxes_Approval_Empty',
    [APPROVAL.approved]: 'Mailboxes_Approval_Approved',
    [APPROVAL.pending]: 'Mailboxes_Approval_Pending',
    [APPROVAL.rejected]: 'Mailboxes_Approval_Rejected',
};

/** The approval as a label; an unapproved mailbox the organisation processes without approval says "Not required". */
function approvalKey(row: MailboxView): StringKey {
    const approval = row.approval ?? APPROVAL.empty;
    if (row.approvalRequired === false && approval !== APPROVAL.approved) return 'Mailboxes_Approval_NotRequired';
    return APPROVAL_KEYS[approval] ?? 'Mailboxes_Approval_Empty';
}

/** The message of the latest alert's cause, or "no alert". */
function latestAlertKey(row: MailboxView): StringKey {
    const latest = row.alerts[0];
    return latest ? CAUSES[latest.cause].messageKey : 'Mailboxes_NoAlert';
}

/** Every field but the name (the table links it, the panel's heading shows it), by key. */
export function mailboxFields({
    getString,
    formatDateTime,
}: Pick<Texts, 'getString' | 'formatDateTime'>): Record<Exclude<SortKey, 'name'>, MailboxField> {
    const status = (key: 'incoming' | 'outgoing' | 'act' | 'overall', label: StringKey): MailboxField => ({
        key,
        label,
        render: (row) => <StatusCell status={row[key]} retrying={isRetrying(row)} />,
    });
    return {
        address: { key: 'address', label: 'Mailboxes_Col_Address', render: (row) => row.address },
        ownerType: {
            key: 'ownerType',
            label: 'Mailboxes_Col_Type',
            render: (row) => getString(TYPE_KEYS[row.ownerType]),
        },
        approval: { key: 'approval', label: 'Mailboxes_Col_Approval', render: (row) => getString(approvalKey(row)) },
        incoming: status('incoming', 'Mailboxes_Col_Incoming'),
        outgoing: status('outgoing', 'Mailboxes_Col_Outgoing'),
        act: status('act', 'Mailboxes_Col_Act'),
        overall: status('overall', 'Mailboxes_Col_Overall'),
        lastTestOn: {
            key: 'lastTestOn',
            label: 'Mailboxes_Col_LastTest',
            render: (row) => (row.lastTestOn ? formatDateTime(row.lastTestOn) : getString('Mailboxes_Never')),
        },
        alert: { key: 'alert', label: 'Mailboxes_Col_Alert', render: (row) => getString(latestAlertKey(row)) },
    };
}
