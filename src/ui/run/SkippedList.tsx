import * as React from 'react';
import { Text } from '@fluentui/react';
import type { SkipGroup } from '../../core/run/planner';
import { SKIP_REASONS } from '../../core/run/skip-reasons';
import { format } from '../strings';
import { useFormatCount, useFormatNumber, useGetString } from '../texts';
import { ExpandableItem } from './ExpandableItem';

/** Props of the skipped mailboxes in the run confirmation: how many, and which for what reason. */
export type SkippedListProps = { count: number; groups: readonly SkipGroup[] };

/** Names listed per reason; the rest are counted ("… and 4,980 more"), so a dialog over 50,000 stays small. */
export const NAMES_SHOWN = 20;

/** One reason: its count and short label, opening to why and the names of its mailboxes. */
function SkipReasonItem({ group }: { group: SkipGroup }) {
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    const formatCount = useFormatCount();
    const { labelKey, detailKey } = SKIP_REASONS[group.reason];
    const more = group.names.length - NAMES_SHOWN;
    return (
        <ExpandableItem
            label={format(getString('Run_CauseShort'), formatNumber(group.names.length), getString(labelKey))}
        >
            <Text block>{getString(detailKey)}</Text>
            <ul style={{ margin: '4px 0' }}>
                {group.names.slice(0, NAMES_SHOWN).map((name, index) => (
                    <li key={index}>
                        <Text>{name}</Text>
                    </li>
                ))}
            </ul>
            {more > 0 && <Text block>{formatCount('Run_ConfirmSkippedMore', more)}</Text>}
        </ExpandableItem>
    );
}

/** "8 selected mailboxes will be skipped." and, below it, each reason with its mailboxes (issue 16 item 3). */
export const SkippedList = React.memo(function SkippedList({ count, groups }: SkippedListProps) {
    const formatCount = useFormatCount();
    return (
        <section aria-label={formatCount('Run_ConfirmSkipped', count)}>
            <Text block>{formatCount('Run_ConfirmSkipped', count)}</Text>
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {groups.map((group) => (
                    <li key={group.reason}>
                        <SkipReasonItem group={group} />
                    </li>
                ))}
            </ul>
        </section>
    );
});
SkippedList.displayName = 'SkippedList';
