import * as React from 'react';
import { Selection } from '@fluentui/react';
import {
    buildMailboxIndex,
    failedIds,
    idsOf,
    queryMailboxes,
    type MailboxIndex,
    type FailureGroup,
    type MailboxView,
    type QuickFilter,
    type SortSpec,
} from '../../core/mailbox-view';
import type { CauseCode } from '../../core/credentials/causes';

/** A run cause's mailboxes asked for from outside (the run summary); a new `seq` applies it again. */
export type CauseFilterRequest = { cause: CauseCode; ids: readonly string[]; seq: number };

/** What MailboxList needs from its view state. */
export type MailboxViewState = {
    index: MailboxIndex;
    items: MailboxView[];
    filter: QuickFilter;
    /** Choose a quick filter; it replaces a cause filter. */
    setFilter: (filter: QuickFilter) => void;
    /** The run cause whose mailboxes the list shows; null when none. */
    causeFilter: CauseFilterRequest | null;
    clearCauseFilter: () => void;
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

/** The run cause the list is asked to show, and how the run summary asks for one (each ask a new request). */
export function useCauseRequest(): [CauseFilterRequest | undefined, (group: FailureGroup) => void] {
    const [request, setRequest] = React.useState<CauseFilterRequest>();
    const ask = React.useCallback(
        ({ cause, mailboxIds }: FailureGroup) =>
            setRequest((last) => ({ cause, ids: mailboxIds, seq: (last?.seq ?? 0) + 1 })),
        [],
    );
    return [request, ask];
}

/** The quick filter and the run cause filter: a request from outside sets one, clears the other and the search. */
function useFilters(request?: { filter: QuickFilter; seq: number }, causeRequest?: CauseFilterRequest) {
    const [filter, setQuickFilter] = React.useState<QuickFilter>(request?.filter ?? 'all');
    const [causeFilter, setCauseFilter] = React.useState<CauseFilterRequest | null>(causeRequest ?? null);
    const [search, setSearch] = React.useState('');
    const apply = React.useCallback((quick: QuickFilter, cause: CauseFilterRequest | null) => {
        setQuickFilter(quick);
        setCauseFilter(cause);
        setSearch('');
    }, []);
    React.useEffect(() => request && apply(request.filter, null), [request, apply]);
    React.useEffect(() => causeRequest && apply('all', causeRequest), [causeRequest, apply]);
    const setFilter = React.useCallback((quick: QuickFilter) => (setQuickFilter(quick), setCauseFilter(null)), []);
    const clearCauseFilter = React.useCallback(() => setCauseFilter(null), []);
    // Dataverse ids are compared case-insensitively.
    const ids = React.useMemo(
        () => (causeFilter ? new Set(causeFilter.ids.map((id) => id.toLowerCase())) : undefined),
        [causeFilter],
    );
    return { filter, setFilter, causeFilter, clearCauseFilter, ids, search, setSearch };
}

/**
 * One Fluent Selection for the list, mirrored into React state. A new `clearRequest` (a run ended) empties it, as the
 * Power Platform admin center does after a bulk action: a cause filter of the run summary then shows its rows
 * unselected, and the command bar acts on what is shown, not on every row a "Select all" picked for the run.
 */
function useSelection(clearRequest: number) {
    const [selectedKeys, setSelectedKeys] = React.useState<ReadonlySet<string>>(() => new Set());
    const [selection] = React.useState<Selection>(() => {
        const mirror = () => setSelectedKeys(selectedIdsOf(created));
        // onItemsChanged too: when the list's rows change but not their number, Fluent keeps "all selected" over the
        // new rows without a selection change event, and the commands would act on the rows shown before (issue 16).
        const created: Selection = new Selection({
            getKey: (item) => (item as MailboxView).id,
            onSelectionChanged: mirror,
            onItemsChanged: mirror,
        });
        return created;
    });
    React.useEffect(() => {
        if (clearRequest > 0) selection.setAllSelected(false);
    }, [selection, clearRequest]);
    return { selection, selectedKeys };
}

/**
 * Filter/search/sort state over an index built once per data load, plus one Fluent Selection for the list. A
 * `request` from outside (a segment of the overview) sets the filter and clears the search, so the list shows exactly
 * that segment; a `causeRequest` (a cause of the run summary) shows exactly its mailboxes; a new `clearSelection`
 * number empties the selection.
 */
export function useMailboxView(
    rows: readonly MailboxView[],
    request?: { filter: QuickFilter; seq: number },
    causeRequest?: CauseFilterRequest,
    clearSelection = 0,
): MailboxViewState {
    const index = React.useMemo(() => buildMailboxIndex(rows), [rows]);
    const { ids, ...filters } = useFilters(request, causeRequest);
    const { filter, search } = filters;
    const [sort, setSort] = React.useState<SortSpec | null>(null);
    const items = React.useMemo(
        () => queryMailboxes(index, { filter, search, sort, ids }),
        [index, filter, search, sort, ids],
    );
    const { selection, selectedKeys } = useSelection(clearSelection);
    // The selected rows as the last load has them, so a refresh after a run shows (and retries) their new state.
    const selected = React.useMemo(() => index.rows.filter((row) => selectedKeys.has(row.id)), [index, selectedKeys]);
    const toggleSort = React.useCallback((key: SortSpec['key']) => setSort((current) => nextSort(current, key)), []);
    const selectedIds = React.useMemo(() => idsOf(selected), [selected]);
    const retryIds = React.useMemo(() => failedIds(selected.length > 0 ? selected : index.rows), [selected, index]);
    const exportIds = React.useMemo(() => (selectedIds.length > 0 ? selectedIds : idsOf(items)), [selectedIds, items]);
    return {
        ...filters,
        ...{ index, items, sort, toggleSort, selection, selected },
        ...{ selectedIds, retryIds, exportIds },
    };
}
