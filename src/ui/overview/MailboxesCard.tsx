import * as React from 'react';
import { Link, mergeStyleSets, Stack, useTheme, type ITheme } from '@fluentui/react';
import { SEGMENTS, type Segment, type SegmentCounts } from '../../core/mailbox-segments';
import { format, type StringKey } from '../strings';
import { useFormatNumber, useGetString } from '../texts';
import { StatusCard, type Tone } from './StatusCard';

/** The mailbox counts as the card shows them. */
export type CountsState =
    { status: 'loading' } | { status: 'loaded'; counts: SegmentCounts } | { status: 'failed'; message: string };

/** Props of the mailboxes card. */
export type MailboxesCardProps = {
    state: CountsState;
    /** Open the list filtered to one segment. */
    onOpenSegment: (segment: Segment) => void;
    onOpenList: () => void;
};

/** Each segment's name. */
export const SEGMENT_KEYS: Record<Segment, StringKey> = {
    enabled: 'Segment_Enabled',
    failed: 'Segment_Failed',
    retrying: 'Segment_Retrying',
    pendingApproval: 'Segment_PendingApproval',
    neverTested: 'Segment_NeverTested',
};

/** Each segment's colour, from the theme's status colours; the legend's text always says what a colour means. */
function segmentColours(theme: ITheme): Record<Segment, string> {
    const { semanticColors, palette } = theme;
    return {
        enabled: semanticColors.successIcon,
        failed: semanticColors.errorIcon,
        retrying: palette.yellowDark,
        pendingApproval: palette.themePrimary,
        neverTested: palette.neutralTertiary,
    };
}

function useClasses() {
    const theme = useTheme();
    return React.useMemo(() => {
        const colours = segmentColours(theme);
        return {
            colours,
            ...mergeStyleSets({
                bar: {
                    display: 'flex',
                    height: 12,
                    borderRadius: 2,
                    overflow: 'hidden',
                    background: theme.palette.neutralLighter,
                    gap: 1,
                },
                segment: { minWidth: 4, cursor: 'pointer', selectors: { ':hover': { opacity: 0.8 } } },
                legend: {
                    listStyle: 'none',
                    margin: 0,
                    padding: 0,
                    display: 'flex',
                    flexWrap: 'wrap',
                    gap: '4px 12px',
                },
                // The colour stays beside the first line of a label that wraps ("En attente d'approbation 378").
                legendItem: { display: 'flex', alignItems: 'baseline' },
                swatch: { flexShrink: 0, width: 10, height: 10, borderRadius: 2, marginRight: 6 },
            }),
        };
    }, [theme]);
}

function toneOf(counts: SegmentCounts): Tone {
    if (counts.failed > 0) return 'error';
    if (counts.total > 0 && counts.enabled === counts.total) return 'ok';
    return counts.pendingApproval + counts.retrying > 0 ? 'warning' : 'info';
}

/**
 * A stacked bar of the segments (mouse) and a legend of links with their counts (keyboard and screen readers);
 * both open the list filtered to a segment.
 */
function SegmentBar({ counts, onOpenSegment }: { counts: SegmentCounts; onOpenSegment: (segment: Segment) => void }) {
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    const classes = useClasses();
    return (
        <Stack tokens={{ childrenGap: 8 }}>
            <div className={classes.bar} aria-hidden="true">
                {SEGMENTS.filter((segment) => counts[segment] > 0).map((segment) => (
                    <div
                        key={segment}
                        data-segment={segment}
                        className={classes.segment}
                        style={{ flexGrow: counts[segment], background: classes.colours[segment] }}
                        title={`${getString(SEGMENT_KEYS[segment])}: ${formatNumber(counts[segment])}`}
                        onClick={() => onOpenSegment(segment)}
                    />
                ))}
            </div>
            <ul className={classes.legend} aria-label={getString('Overview_SegmentsLabel')}>
                {SEGMENTS.map((segment) => {
                    const label = getString(SEGMENT_KEYS[segment]);
                    const count = formatNumber(counts[segment]);
                    return (
                        <li key={segment} className={classes.legendItem}>
                            <span
                                className={classes.swatch}
                                style={{ background: classes.colours[segment] }}
                                aria-hidden="true"
                            />
                            <Link onClick={() => onOpenSegment(segment)}>
                                {label} <strong>{count}</strong>
                            </Link>
                        </li>
                    );
                })}
            </ul>
        </Stack>
    );
}

/** "812 of 1,240 enabled", the segments as a bar and as links, and "Open the list". */
export const MailboxesCard = React.memo(function MailboxesCard({
    state,
    onOpenSegment,
    onOpenList,
}: MailboxesCardProps) {
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    const action = { text: getString('Overview_OpenMailboxes'), icon: 'BulletedList', onClick: onOpenList };
    const title = getString('Area_Mailboxes');
    if (state.status === 'loading')
        return (
            <StatusCard title={title} tone="busy" status={getString('Overview_MailboxesCounting')} action={action} />
        );
    if (state.status === 'failed') {
        const status = format(getString('Overview_MailboxesCountFailed'), state.message);
        return <StatusCard title={title} tone="warning" status={status} action={action} />;
    }
    const { counts } = state;
    const status =
        counts.total === 0
            ? getString('Overview_NoMailboxes')
            : format(getString('Mailboxes_Chip'), formatNumber(counts.enabled), formatNumber(counts.total));
    return (
        <StatusCard title={title} tone={toneOf(counts)} status={status} action={action}>
            {counts.total > 0 && <SegmentBar counts={counts} onOpenSegment={onOpenSegment} />}
        </StatusCard>
    );
});
MailboxesCard.displayName = 'MailboxesCard';
