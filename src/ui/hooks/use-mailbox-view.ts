import * as React from 'react';
import { Selection } from '@fluentui/react';
import {
    buildMailboxIndex,
    failedIds,
    idsOf,
    queryMailboxes,
    type MailboxIndex,
    type MailboxView,
    type QuickFilter,
    type SortSpec,
} from '../../core/mailbox-view';

/** What MailboxList needs from its view state. */
export type MailboxViewState = {
    index: MailboxIndex;
    items: MailboxView[];
    filter: QuickFilter;
    setFilter: (filter: QuickFilter) => void;
    search: string;
    setSearch: (search: string) => void;
    sort: SortSpec | null;
    toggleSort: (key: SortSpec['key']) => void;
    /** Fluent's Selection is typed over IObjectWithKey; items are MailboxView rows. */
    selection: Selection;
    selected: MailboxView[];
    selectedIds: string[];
    /**
     * The target of "Retry failed": the selected rows the list shows as failed, or, with nothing selected, every row
     * it shows as failed (so it works after a reload too, with no run of this page to remember).
     */
    retryIds: string[];
    /** Selected ids, or every shown id when nothing is selected. */
    exportIds: string[];
};

function nextSort(current: SortSpec | null, key: SortSpec['key']): SortSpec {
    return current?.key === key ? { key, descending: !current.descending } : { key, descending: false };
}

/** Ids of the selected rows; Fluent's getSelection can hold holes while the list shrinks (a refresh empties a filter). */
function selectedIdsOf(selection: Selection): ReadonlySet<string> {
    const rows = selection.getSelection() as Array<MailboxView | undefined>;
    return new Set(rows.flatMap((row) => (row ? [row.id] : [])));
}

/**
 * Filter/search/sort state over an index built once per data load, plus one Fluent Selection for the list. A
 * `request` from outside (a segment of the overview) sets the filter and clears the search, so the list shows exactly
 * that segment.
 */
export function useMailboxView(
    rows: readonly MailboxView[],
    request?: { filter: QuickFilter; seq: number },
): MailboxViewState {
    const index = React.useMemo(() => buildMailboxIndex(rows), [rows]);
    const [filter, setFilter] = React.useState<QuickFilter>(request?.filter ?? 'all');
    const [search, setSearch] = React.useState('');
    const [sort, setSort] = React.useState<SortSpec | null>(null);
    React.useEffect(() => {
        if (!request) return;
        setFilter(request.filter);
        setSearch('');
    }, [request]);
    const [selectedKeys, setSelectedKeys] = React.useState<ReadonlySet<string>>(() => new Set());
    const items = React.useMemo(() => queryMailboxes(index, { filter, search, sort }), [index, filter, search, sort]);
    const [selection] = React.useState<Selection>(() => {
        const created: Selection = new Selection({
            getKey: (item) => (item as MailboxView).id,
            onSelectionChanged: () => setSelectedKeys(selectedIdsOf(created)),
        });
        return created;
    });
    // The selected rows as the last load has them, so a refresh after a run shows (and retries) their new state.
    const selected = React.useMemo(() => index.rows.filter((row) => selectedKeys.has(row.id)), [index, selectedKeys]);
    const toggleSort = React.useCallback((key: SortSpec['key']) => setSort((current) => nextSort(current, key)), []);
    const selectedIds = React.useMemo(() => idsOf(selected), [selected]);
    const retryIds = React.useMemo(() => failedIds(selected.length > 0 ? selected : index.rows), [selected, index]);
    const exportIds = React.useMemo(() => (selectedIds.length > 0 ? selectedIds : idsOf(items)), [selectedIds, items]);
    return {
        ...{ index, items, filter, setFilter, search, setSearch, sort, toggleSort, selection, selected },
        ...{ selectedIds, retryIds, exportIds },
    };
}
