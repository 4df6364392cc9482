import { h, memo, useMemo, type ReactNode } from '../react';
import {
    CheckboxVisibility,
    ConstrainMode,
    DetailsListLayoutMode,
    SelectionMode,
    ShimmeredDetailsList,
    type IColumn,
    type Selection,
} from '@fluentui/react';
import { Link } from '../fluent';
import { CAUSES } from '../../core/credentials/causes';
import type { MailboxView, SortKey, SortSpec } from '../../core/mailbox-view';
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

type Render = (row: MailboxView) => ReactNode;
type Ctx = Pick<MailboxTableProps, 'sort' | 'onSort' | 'onOpen'> & Pick<Texts, 'getString' | 'formatDateTime'>;

const TYPE_KEYS: Record<MailboxView['ownerType'], StringKey> = {
    user: 'Mailboxes_Type_User',
    queue: 'Mailboxes_Type_Queue',
    other: 'Mailboxes_Type_Other',
};
const APPROVAL_KEYS: StringKey[] = [
    'Mailboxes_Approval_Empty',
    'Mailboxes_Approval_Approved',
    'Mailboxes_Approval_Pending',
    'Mailboxes_Approval_Rejected',
];

/** The message of the latest alert's cause, or "no alert". */
function latestAlertKey(row: MailboxView): StringKey {
    const latest = row.alerts[0];
    return latest ? CAUSES[latest.cause].messageKey : 'Mailboxes_NoAlert';
}

/** The columns in order: sort key, header, width, and how a row's cell shows. */
function columnSpecs(ctx: Ctx): [SortKey, StringKey, number, Render][] {
    const { getString: s, formatDateTime, onOpen } = ctx;
    const status = (v: number | null) => <StatusCell status={v} />;
    return [
        // The name is a link so a single click (or Enter on it) opens the details; a row click still selects.
        ['name', 'Mailboxes_Col_Name', 160, (r) => <Link onClick={() => onOpen(r)}>{r.name}</Link>],
        ['address', 'Mailboxes_Col_Address', 200, (r) => r.address],
        ['ownerType', 'Mailboxes_Col_Type', 70, (r) => s(TYPE_KEYS[r.ownerType])],
        [
            'approval',
            'Mailboxes_Col_Approval',
            110,
            (r) => s(APPROVAL_KEYS[r.approval ?? 0] ?? 'Mailboxes_Approval_Empty'),
        ],
        ['incoming', 'Mailboxes_Col_Incoming', 90, (r) => status(r.incoming)],
        ['outgoing', 'Mailboxes_Col_Outgoing', 90, (r) => status(r.outgoing)],
        ['act', 'Mailboxes_Col_Act', 90, (r) => status(r.act)],
        ['overall', 'Mailboxes_Col_Overall', 90, (r) => status(r.overall)],
        [
            'lastTestOn',
            'Mailboxes_Col_LastTest',
            140,
            (r) => (r.lastTestOn ? formatDateTime(r.lastTestOn) : s('Mailboxes_Never')),
        ],
        ['alert', 'Mailboxes_Col_Alert', 220, (r) => s(latestAlertKey(r))],
    ];
}

function buildColumns(props: Ctx): IColumn[] {
    return columnSpecs(props).map(([key, label, width, render]) => ({
        key,
        name: props.getString(label),
        fieldName: key,
        minWidth: Math.min(width, 80),
        maxWidth: width,
        isResizable: true,
        isSorted: props.sort?.key === key,
        isSortedDescending: props.sort?.key === key && props.sort.descending,
        onColumnClick: () => props.onSort(key),
        onRender: render,
    }));
}

/** DetailsList over the filtered rows; virtualization stays on (libraries.md §12.4), so the container scrolls. */
export const MailboxTable = memo(function MailboxTable(props: MailboxTableProps) {
    const { items, selection, isLoading, height, onOpen } = props;
    const getString = useGetString();
    const formatDateTime = useFormatDateTime();
    const selectRow = getString('Mailboxes_SelectRow');
    const columns = useMemo(
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
