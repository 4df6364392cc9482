import * as React from 'react';
import {
    CheckboxVisibility,
    ConstrainMode,
    DetailsListLayoutMode,
    Link,
    SelectionMode,
    ShimmeredDetailsList,
    type IColumn,
    type Selection,
} from '@fluentui/react';
import { CAUSES } from '../../core/credentials/causes';
import { isRetrying, type MailboxView, type SortKey, type SortSpec } from '../../core/mailbox-view';
import { APPROVAL } from '../../core/run/types';
import type { StringKey } from '../strings';
import { useFormatDateTime, useGetString, type Texts } from '../texts';
import { StatusCell } from './StatusCell';

/** Props of the virtualized mailbox table. */
export type MailboxTableProps = {
    items: MailboxView[];
    selection: Selection;
    sort: SortSpec | null;
    isLoading: boolean;
    height: number;
    onSort: (key: SortKey) => void;
    onOpen: (row: MailboxView) => void;
};

/** One column: the sort key it is named by, its header, its widest width and how a row's cell shows. */
type ColumnSpec = {
    key: SortKey;
    label: StringKey;
    width: number;
    render: (row: MailboxView) => React.ReactNode;
};
type ColumnContext = Pick<MailboxTableProps, 'sort' | 'onSort' | 'onOpen'> &
    Pick<Texts, 'getString' | 'formatDateTime'>;

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

/** The columns in order. */
function columnSpecs({ getString, formatDateTime, onOpen }: ColumnContext): ColumnSpec[] {
    const status = (value: number | null, row: MailboxView) => <StatusCell status={value} retrying={isRetrying(row)} />;
    return [
        // The name is a link so a single click (or Enter on it) opens the details; a row click still selects.
        {
            key: 'name',
            label: 'Mailboxes_Col_Name',
            width: 160,
            render: (row) => <Link onClick={() => onOpen(row)}>{row.name}</Link>,
        },
        { key: 'address', label: 'Mailboxes_Col_Address', width: 200, render: (row) => row.address },
        {
            key: 'ownerType',
            label: 'Mailboxes_Col_Type',
            width: 70,
            render: (row) => getString(TYPE_KEYS[row.ownerType]),
        },
        {
            key: 'approval',
            label: 'Mailboxes_Col_Approval',
            width: 110,
            render: (row) => getString(approvalKey(row)),
        },
        { key: 'incoming', label: 'Mailboxes_Col_Incoming', width: 90, render: (row) => status(row.incoming, row) },
        { key: 'outgoing', label: 'Mailboxes_Col_Outgoing', width: 90, render: (row) => status(row.outgoing, row) },
        { key: 'act', label: 'Mailboxes_Col_Act', width: 90, render: (row) => status(row.act, row) },
        { key: 'overall', label: 'Mailboxes_Col_Overall', width: 90, render: (row) => status(row.overall, row) },
        {
            key: 'lastTestOn',
            label: 'Mailboxes_Col_LastTest',
            width: 140,
            render: (row) => (row.lastTestOn ? formatDateTime(row.lastTestOn) : getString('Mailboxes_Never')),
        },
        { key: 'alert', label: 'Mailboxes_Col_Alert', width: 220, render: (row) => getString(latestAlertKey(row)) },
    ];
}

function buildColumns(context: ColumnContext): IColumn[] {
    const { sort, onSort, getString } = context;
    return columnSpecs(context).map(({ key, label, width, render }) => ({
        key,
        name: getString(label),
        fieldName: key,
        minWidth: Math.min(width, 80),
        maxWidth: width,
        isResizable: true,
        isSorted: sort?.key === key,
        isSortedDescending: sort?.key === key && sort.descending,
        onColumnClick: () => onSort(key),
        onRender: render,
    }));
}

/** DetailsList over the filtered rows; virtualization stays on (libraries.md §12.4), so the container scrolls. */
export const MailboxTable = React.memo(function MailboxTable(props: MailboxTableProps) {
    const { items, selection, isLoading, height, onOpen } = props;
    const getString = useGetString();
    const formatDateTime = useFormatDateTime();
    const selectRow = getString('Mailboxes_SelectRow');
    const columns = React.useMemo(
        () => buildColumns({ ...props, getString, formatDateTime }),
        [props, getString, formatDateTime],
    );
    return (
        <div data-is-scrollable="true" style={{ height, overflowY: 'auto', position: 'relative' }}>
            <ShimmeredDetailsList
                items={items}
                columns={columns}
                setKey="mailboxes"
                selection={selection}
                selectionMode={SelectionMode.multiple}
                checkboxVisibility={CheckboxVisibility.always}
                selectionPreservedOnEmptyClick
                enableShimmer={isLoading && items.length === 0}
                layoutMode={DetailsListLayoutMode.fixedColumns}
                constrainMode={ConstrainMode.unconstrained}
                onItemInvoked={onOpen}
                ariaLabelForGrid={getString('Mailboxes_ListLabel')}
                ariaLabelForSelectAllCheckbox={getString('Mailboxes_SelectAll')}
                ariaLabelForSelectionColumn={selectRow}
                checkButtonAriaLabel={selectRow}
            />
        </div>
    );
});
MailboxTable.displayName = 'MailboxTable';
