import * as React from 'react';
import {
    CheckboxVisibility,
    ConstrainMode,
    DetailsListLayoutMode,
    Link,
    SelectionMode,
    ShimmeredDetailsList,
    type IColumn,
    type IDetailsColumnStyles,
    type IDetailsHeaderStyles,
    type IDetailsRowProps,
    type IRenderFunction,
    type Selection,
} from '@fluentui/react';
import type { MailboxView, SortKey, SortSpec } from '../../core/mailbox-view';
import { format } from '../strings';
import { useFormatDateTime, useGetString, type Texts } from '../texts';
import { mailboxFields } from './mailbox-fields';

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

/**
 * The columns in priority order, each with its narrowest and widest width. Name, status, last test and latest alert
 * always show; the others collapse from the end when the form is too narrow for them (Fluent's justified layout drops
 * collapsible columns last-first) and the details panel shows them all. Widths leave room for the longest word of a
 * header in German and French: headers and cells wrap rather than cut a label short.
 */
const COLUMNS: readonly { key: SortKey; minWidth: number; maxWidth: number; isCollapsible?: true }[] = [
    { key: 'name', minWidth: 140, maxWidth: 200 },
    { key: 'overall', minWidth: 110, maxWidth: 140 },
    { key: 'lastTestOn', minWidth: 120, maxWidth: 160 },
    { key: 'alert', minWidth: 240, maxWidth: 400 },
    { key: 'approval', minWidth: 110, maxWidth: 140, isCollapsible: true },
    { key: 'address', minWidth: 180, maxWidth: 240, isCollapsible: true },
    { key: 'incoming', minWidth: 110, maxWidth: 140, isCollapsible: true },
    { key: 'outgoing', minWidth: 110, maxWidth: 140, isCollapsible: true },
    { key: 'act', minWidth: 120, maxWidth: 140, isCollapsible: true },
    { key: 'ownerType', minWidth: 80, maxWidth: 110, isCollapsible: true },
];

/**
 * Header cells grow to the lines their label wraps to (Fluent's header is one 42 px line). Inline, as Fluent's own
 * header is: a block flex row would be only as wide as a narrow section and squeeze the headers out of line with
 * their columns, which keep their widths and scroll.
 */
const HEADER_STYLES: Partial<IDetailsHeaderStyles> = {
    root: { display: 'inline-flex', height: 'auto', minHeight: 42, lineHeight: 'normal' },
};
const COLUMN_STYLES: Partial<IDetailsColumnStyles> = {
    root: { height: 'auto', minHeight: 42, whiteSpace: 'normal' },
    cellTitle: { height: '100%', alignItems: 'center', paddingTop: 4, paddingBottom: 4 },
    cellName: { whiteSpace: 'normal', overflowWrap: 'break-word' },
};

type ColumnContext = Pick<MailboxTableProps, 'sort' | 'onSort' | 'onOpen'> &
    Pick<Texts, 'getString' | 'formatDateTime'>;

function buildColumns(context: ColumnContext): IColumn[] {
    const { sort, onSort, onOpen, getString } = context;
    const fields = mailboxFields(context);
    // The name is a link so a single click (or Enter on it) opens the details; a row click still selects.
    const name = {
        label: 'Mailboxes_Col_Name' as const,
        render: (row: MailboxView) => <Link onClick={() => onOpen(row)}>{row.name}</Link>,
    };
    return COLUMNS.map(({ key, ...widths }) => {
        const { label, render } = key === 'name' ? name : fields[key];
        return {
            ...widths,
            key,
            name: getString(label),
            fieldName: key,
            isMultiline: true,
            isResizable: true,
            isSorted: sort?.key === key,
            isSortedDescending: sort?.key === key && sort.descending,
            styles: COLUMN_STYLES,
            onColumnClick: () => onSort(key),
            onRender: render,
        };
    });
}

/** DetailsList over the filtered rows; virtualization stays on (libraries.md §12.4), so the container scrolls. */
export const MailboxTable = React.memo(function MailboxTable(props: MailboxTableProps) {
    const { items, selection, isLoading, height, onOpen } = props;
    const getString = useGetString();
    const formatDateTime = useFormatDateTime();
    const selectRow = getString('Mailboxes_SelectRow');
    const selectNamed = getString('Mailboxes_SelectRowNamed');
    const columns = React.useMemo(
        () => buildColumns({ ...props, getString, formatDateTime }),
        [props, getString, formatDateTime],
    );
    // Each row's check box says which mailbox it selects ("Select Alex Sato"), not the same words on every row.
    const onRenderRow = React.useCallback<IRenderFunction<IDetailsRowProps>>(
        (rowProps, render) =>
            rowProps && render
                ? render({
                      ...rowProps,
                      checkButtonAriaLabel: format(selectNamed, (rowProps.item as MailboxView).name),
                  })
                : null,
        [selectNamed],
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
                layoutMode={DetailsListLayoutMode.justified}
                constrainMode={ConstrainMode.unconstrained}
                onItemInvoked={onOpen}
                onRenderDetailsHeader={(headerProps, render) =>
                    headerProps && render ? render({ ...headerProps, styles: HEADER_STYLES }) : null
                }
                ariaLabelForGrid={getString('Mailboxes_ListLabel')}
                ariaLabelForSelectAllCheckbox={getString('Mailboxes_SelectAll')}
                onRenderRow={onRenderRow}
                ariaLabelForSelectionColumn={selectRow}
            />
        </div>
    );
});
MailboxTable.displayName = 'MailboxTable';
