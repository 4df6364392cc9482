/** What the table's columns and the details panel show of a mailbox: one label and one rendering per field. */
import * as React from 'react';
import { CAUSES } from '../../core/credentials/causes';
import { isRetrying, type MailboxView, type SortKey } from '../../core/mailbox-view';
import { approvalLabel, TYPE_LABELS } from '../../core/mailbox-labels';
import type { StringKey } from '../strings';
import type { Texts } from '../texts';
import { StatusCell } from './StatusCell';

/** One field: the sort key it is named by, its label and how a row shows it. */
export type MailboxField = { key: SortKey; label: StringKey; render: (row: MailboxView) => React.ReactNode };

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
            render: (row) => getString(TYPE_LABELS[row.ownerType]),
        },
        approval: { key: 'approval', label: 'Mailboxes_Col_Approval', render: (row) => getString(approvalLabel(row)) },
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
