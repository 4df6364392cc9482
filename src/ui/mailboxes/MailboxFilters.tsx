import * as React from 'react';
import { DefaultButton, Stack } from '@fluentui/react';
import { QUICK_FILTERS, type QuickFilter } from '../../core/mailbox-view';
import { format, type StringKey } from '../strings';
import { useFormatNumber, useGetString } from '../texts';

/** Props of the quick-filter toggles. */
export type MailboxFiltersProps = {
    value: QuickFilter;
    counts: Readonly<Record<QuickFilter, number>>;
    onChange: (filter: QuickFilter) => void;
};

const LABELS: Record<QuickFilter, StringKey> = {
    all: 'Mailboxes_Filter_All',
    enabled: 'Mailboxes_Filter_Enabled',
    failed: 'Mailboxes_Filter_Failed',
    retrying: 'Mailboxes_Filter_Retrying',
    pendingApproval: 'Mailboxes_Filter_PendingApproval',
    neverTested: 'Mailboxes_Filter_NeverTested',
};

/** Quick filters as a group of toggle buttons (aria-pressed) with counts. */
export const MailboxFilters = React.memo(function MailboxFilters(props: MailboxFiltersProps) {
    const { value, counts, onChange } = props;
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    return (
        <Stack horizontal wrap tokens={{ childrenGap: 4 }} role="group" aria-label={getString('Mailboxes_FilterLabel')}>
            {QUICK_FILTERS.map((filter) => (
                <DefaultButton
                    key={filter}
                    toggle
                    checked={filter === value}
                    aria-pressed={filter === value}
                    primary={filter === value}
                    text={format(getString(LABELS[filter]), formatNumber(counts[filter]))}
                    onClick={() => onChange(filter)}
                />
            ))}
        </Stack>
    );
});
MailboxFilters.displayName = 'MailboxFilters';
