import { h, memo, useMemo, type ReactNode } from '../react';
import { CheckboxVisibility, ConstrainMode, DetailsListLayoutMode, SelectionMode, ShimmeredDetailsList, type IColumn, type Selection } from '@fluentui/react';
import { Link } from '../fluent';
import { CAUSES } from '../../core/credentials/causes';
import type { MailboxView, SortKey, SortSpec } from '../../core/mailbox-view';
import type { GetString, StringKey } from '../strings';
import { StatusCell } from './StatusCell';

/** Props of the virtualized mailbox table. */
export type MailboxTableProps = {
    items: MailboxView[];
    selection: Selection;
    sort: SortSpec | null;
    isLoading: boolean;
    height: number;
    getString: GetString;
    formatDateTime: (iso: string) => string;
    onSort: (key: SortKey) => void;
    onOpen: (row: MailboxView) => void;
};

type Render = (row: MailboxView) => ReactNode;
type Ctx = Pick<MailboxTableProps, 'getString' | 'formatDateTime' | 'onOpen'>;

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

function renderers(ctx: Ctx): Record<SortKey, Render> {
    const { getString: s, formatDateTime, onOpen } = ctx;
    const status = (v: number | null) => <StatusCell status={v} getString={s} />;
    const latest = (r: MailboxView) => r.alerts[0];
    return {
        // The name is a link so a single click (or Enter on it) opens the details; a row click still selects.
        name: (r) => <Link onClick={() => onOpen(r)}>{r.name}</Link>,
        address: (r) => r.address,
        ownerType: (r) => s(TYPE_KEYS[r.ownerType]),
        approval: (r) => s(APPROVAL_KEYS[r.approval ?? 0] ?? 'Mailboxes_Approval_Empty'),
        incoming: (r) => status(r.incoming),
        outgoing: (r) => status(r.outgoing),
        act: (r) => status(r.act),
        overall: (r) => status(r.overall),
        lastTestOn: (r) => (r.lastTestOn ? formatDateTime(r.lastTestOn) : s('Mailboxes_Never')),
        alert: (r) => {
            const a = latest(r);
            return a ? s(CAUSES[a.cause].messageKey as StringKey) : s('Mailboxes_NoAlert');
        },
    };
}

const COLUMNS: readonly [SortKey, StringKey, number][] = [
    ['name', 'Mailboxes_Col_Name', 160],
    ['address', 'Mailboxes_Col_Address', 200],
    ['ownerType', 'Mailboxes_Col_Type', 70],
    ['approval', 'Mailboxes_Col_Approval', 110],
    ['incoming', 'Mailboxes_Col_Incoming', 90],
    ['outgoing', 'Mailboxes_Col_Outgoing', 90],
    ['act', 'Mailboxes_Col_Act', 90],
    ['overall', 'Mailboxes_Col_Overall', 90],
    ['lastTestOn', 'Mailboxes_Col_LastTest', 140],
    ['alert', 'Mailboxes_Col_Alert', 220],
];

function buildColumns(props: MailboxTableProps): IColumn[] {
    const render = renderers(props);
    return COLUMNS.map(([key, label, width]) => ({
        key,
        name: props.getString(label),
        fieldName: key,
        minWidth: Math.min(width, 80),
        maxWidth: width,
        isResizable: true,
        isSorted: props.sort?.key === key,
        isSortedDescending: props.sort?.key === key && props.sort.descending,
        onColumnClick: () => props.onSort(key),
        onRender: (row: MailboxView) => render[key](row),
    }));
}

/** DetailsList over the filtered rows; virtualization stays on (libraries.md §12.4), so the container scrolls. */
export const MailboxTable = memo(function MailboxTable(props: MailboxTableProps) {
    const { items, selection, isLoading, height, getString, onOpen } = props;
    const columns = useMemo(() => buildColumns(props), [props]);
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
                ariaLabelForSelectionColumn={getString('Mailboxes_SelectRow')}
                checkButtonAriaLabel={getString('Mailboxes_SelectRow')}
            />
        </div>
    );
});
