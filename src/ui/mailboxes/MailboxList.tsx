import * as React from 'react';
import { SearchBox, Stack, Text, type ISearchBox } from '@fluentui/react';
import type { MailboxView, QuickFilter } from '../../core/mailbox-view';
import { useMailboxView, type CauseFilterRequest } from '../hooks/use-mailbox-view';
import { useGetString } from '../texts';
import { CauseFilterNotice } from './CauseFilterNotice';
import { MailboxCommands } from './MailboxCommands';
import { MailboxDetailsPanel } from './MailboxDetailsPanel';
import { MailboxFilters } from './MailboxFilters';
import { MailboxLoading, type MailboxLoadingProps } from './MailboxLoading';
import { MailboxSelectionBar } from './MailboxSelectionBar';
import { MailboxTable } from './MailboxTable';

/** Props of the mailbox area. Data and actions come from the parent; nothing here does I/O. */
export type MailboxListProps = {
    rows: readonly MailboxView[];
    /**
     * While the list loads: rows loaded so far and the total Dataverse counted (undefined if unknown), and whether
     * pages of rows still arrive or, all in, their alerts are read (absent: rows); null when done.
     */
    loading: MailboxLoadingProps | null;
    /** A quick filter asked for from outside (a segment of the overview); a new `seq` applies it again. */
    filterRequest?: { filter: QuickFilter; seq: number };
    /** The mailboxes of a run cause asked for from the run summary; a new `seq` applies it again. */
    causeRequest?: CauseFilterRequest;
    /** The last read failed (said above the list), so an empty list says nothing about the profile. */
    loadFailed?: boolean;
    canApprove: boolean;
    isRunning: boolean;
    /** A new number clears the selection (a run ended: its mailboxes are not picked for the next command). */
    clearSelectionRequest?: number;
    isReadOnly?: boolean;
    /** Height of the scrollable list container in px (virtualization needs a fixed height). */
    height?: number;
    onApproveAndTest: (ids: string[]) => void;
    onTestOnly: (ids: string[]) => void;
    onRetryFailed: (ids: string[]) => void;
    /** Selected ids, or every shown id when nothing is selected. */
    onExport: (ids: string[]) => void;
    onRefresh: () => void;
};

/** Mailboxes: command bar, quick filters, search, summary, virtualized list and the details panel. */
export const MailboxList = React.memo(function MailboxList(props: MailboxListProps) {
    const { rows, loading, height = 480 } = props;
    const getString = useGetString();
    const view = useMailboxView(rows, props.filterRequest, props.causeRequest, props.clearSelectionRequest);
    const [opened, setOpened] = React.useState<MailboxView | null>(null);
    const searchBox = React.useRef<ISearchBox>(null);
    // Show all removes the notice that held the focus: the focus goes on to the search box below it.
    const clearCauseFilter = () => (view.clearCauseFilter(), searchBox.current?.focus());
    const { selection } = view;
    return (
        <Stack tokens={{ childrenGap: 8 }}>
            <MailboxCommands
                {...props}
                selectedIds={view.selectedIds}
                retryIds={view.retryIds}
                exportIds={view.exportIds}
                isLoading={loading !== null}
            />
            <MailboxFilters {...props} value={view.filter} counts={view.index.counts} onChange={view.setFilter} />
            {view.causeFilter && <CauseFilterNotice filter={view.causeFilter} onClear={clearCauseFilter} />}
            <SearchBox
                componentRef={searchBox}
                placeholder={getString('Mailboxes_Search')}
                ariaLabel={getString('Mailboxes_Search')}
                value={view.search}
                onChange={(_, search) => view.setSearch(search ?? '')}
            />
            {loading && <MailboxLoading {...loading} />}
            <MailboxSelectionBar
                total={rows.length}
                shown={view.items.length}
                selected={view.selectedIds.length}
                onSelectShown={() => selection.setAllSelected(true)}
                onClear={() => selection.setAllSelected(false)}
            />
            {view.items.length === 0 && loading === null && !(rows.length === 0 && props.loadFailed) && (
                <Text block>{getString(rows.length === 0 ? 'Mailboxes_NoneOnProfile' : 'Mailboxes_Empty')}</Text>
            )}
            <MailboxTable
                {...props}
                {...{ items: view.items, selection, sort: view.sort, isLoading: loading !== null, height }}
                onSort={view.toggleSort}
                onOpen={setOpened}
            />
            <MailboxDetailsPanel {...props} mailbox={opened} onDismiss={() => setOpened(null)} />
        </Stack>
    );
});
MailboxList.displayName = 'MailboxList';
