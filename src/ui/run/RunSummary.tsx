import * as React from 'react';
import { DefaultButton, Link, MessageBar, MessageBarType, Stack, Text } from '@fluentui/react';
import { messageOf, POLITE_STATUS } from '../common';
import { CAUSE_LABELS } from '../../core/credentials/cause-labels';
import { CAUSES } from '../../core/credentials/causes';
import type { FailureGroup } from '../../core/mailbox-view';
import type { LedgerSummary } from '../../core/run/ledger';
import type { SkipCount } from '../../core/run/run-view';
import { SKIP_REASONS } from '../../core/run/skip-reasons';
import { format } from '../strings';
import { useCountString, useFormatNumber, useGetString, type Texts } from '../texts';
import { ExpandableItem } from './ExpandableItem';
import { RunBar } from './RunBar';

/** Props of the result summary after a run. */
export type RunSummaryProps = {
    summary: LedgerSummary;
    failures: readonly FailureGroup[];
    /** Skipped mailboxes by reason, largest first; said after the skipped count. */
    skips?: readonly SkipCount[];
    /** Download the CSV of this run's mailboxes. */
    onExport: () => void;
    onRetryFailed: () => void;
    /** Show exactly the mailboxes of one cause in the list; absent: the causes are no filter. */
    onShowMailboxes?: (group: FailureGroup) => void;
    /** Record the run as a note on the profile. */
    onAddNote: () => Promise<void>;
};

type NoteState = { status: 'idle' | 'saving' | 'saved' } | { status: 'error'; message: string };

/** The optional run note: one click, then a confirmation or the server's reason; never added twice. */
function RunNoteButton({ onAddNote }: Pick<RunSummaryProps, 'onAddNote'>) {
    const getString = useGetString();
    const [note, setNote] = React.useState<NoteState>({ status: 'idle' });
    const mounted = React.useRef(true);
    React.useEffect(() => () => void (mounted.current = false), []);
    const add = () => {
        setNote({ status: 'saving' });
        onAddNote()
            .then(() => mounted.current && setNote({ status: 'saved' }))
            .catch((error: unknown) => {
                if (mounted.current) setNote({ status: 'error', message: messageOf(error) });
            });
    };
    return (
        <>
            <DefaultButton
                text={getString(note.status === 'saving' ? 'Run_NoteSaving' : 'Run_AddNote')}
                disabled={note.status === 'saving' || note.status === 'saved'}
                onClick={add}
            />
            <div role="status" aria-live="polite">
                {note.status === 'saved' && <Text>{getString('Run_NoteAdded')}</Text>}
            </div>
            {note.status === 'error' && (
                <MessageBar messageBarType={MessageBarType.error}>
                    {format(getString('Run_NoteFailed'), note.message)}
                </MessageBar>
            )}
        </>
    );
}

type SummaryTexts = Pick<Texts, 'getString' | 'formatNumber'>;

/** "31 consent missing": one cause of failure by its short label, and how many mailboxes it hit. */
function causeCount(group: FailureGroup, { getString, formatNumber }: SummaryTexts): string {
    return format(getString('Run_CauseShort'), formatNumber(group.count), getString(CAUSE_LABELS[group.cause]));
}

type CauseItemProps = { group: FailureGroup; label: string; onShowMailboxes?: (group: FailureGroup) => void };

/** One cause: its count and short label, opening to the full sentence, the fix and a filter of the list. */
function CauseItem({ group, label, onShowMailboxes }: CauseItemProps) {
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    const countString = useCountString();
    const { messageKey, fixKey } = CAUSES[group.cause];
    return (
        <ExpandableItem label={label}>
            <Text block>{getString(messageKey)}</Text>
            <Text block>{format(getString('Mailboxes_Details_Fix'), getString(fixKey))}</Text>
            {onShowMailboxes && (
                <Link onClick={() => onShowMailboxes(group)}>
                    {format(countString('Run_ShowMailboxes', group.count), formatNumber(group.count))}
                </Link>
            )}
        </ExpandableItem>
    );
}

/** "7 skipped (5 cancelled: Dynamics still tests them, 2 inactive)", or "7 skipped" without reasons. */
function skippedText(skipped: number, skips: readonly SkipCount[], { getString, formatNumber }: SummaryTexts): string {
    const count = formatNumber(skipped);
    if (skips.length === 0) return format(getString('Run_SummarySkipped'), count);
    const reasons = skips.map((skip) => `${formatNumber(skip.count)} ${getString(SKIP_REASONS[skip.reason].labelKey)}`);
    return format(getString('Run_SummarySkippedReasons'), count, reasons.join(', '));
}

function summaryLine({ summary, failures, skips }: RunSummaryProps, texts: SummaryTexts): string {
    const { getString, formatNumber } = texts;
    const causes = failures.map((group) => causeCount(group, texts)).join(', ');
    const failed =
        failures.length > 0
            ? format(getString('Run_SummaryFailedCauses'), formatNumber(summary.failed), causes)
            : format(getString('Run_SummaryFailed'), formatNumber(summary.failed));
    // Retrying is said only when there are some: Dynamics retries them by itself, they are not failures.
    const retrying =
        summary.retrying > 0 ? [format(getString('Run_SummaryRetrying'), formatNumber(summary.retrying))] : [];
    return [
        format(getString('Run_SummaryEnabled'), formatNumber(summary.succeeded)),
        failed,
        ...retrying,
        skippedText(summary.skipped, skips ?? [], texts),
    ].join(' · ');
}

/**
 * "1,180 enabled · 52 failed (31 consent missing, 21 mailbox not licensed) · 3 retrying — Dynamics tries again ·
 * 8 skipped", the failures by cause (each opens to its sentence, fix and filter of the list), Export and Retry failed.
 */
export const RunSummary = React.memo(function RunSummary(props: RunSummaryProps) {
    const { summary, failures } = props;
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    const texts = { getString, formatNumber };
    return (
        <Stack tokens={{ childrenGap: 8 }}>
            <div {...POLITE_STATUS}>
                <Text block variant="mediumPlus" as="h2" tabIndex={-1}>
                    {getString('Run_Done')}
                </Text>
                <Text block>{summaryLine(props, texts)}</Text>
            </div>
            <RunBar summary={summary} />
            {failures.length > 0 && (
                <section aria-label={getString('Run_FailuresHeading')}>
                    <Text block variant="medium" as="h3">
                        {getString('Run_FailuresHeading')}
                    </Text>
                    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                        {failures.map((group) => (
                            <li key={group.cause}>
                                <CauseItem
                                    group={group}
                                    label={causeCount(group, texts)}
                                    onShowMailboxes={props.onShowMailboxes}
                                />
                            </li>
                        ))}
                    </ul>
                </section>
            )}
            <Stack horizontal tokens={{ childrenGap: 8 }}>
                <DefaultButton text={getString('Mailboxes_Command_Export')} onClick={props.onExport} />
                <DefaultButton
                    text={getString('Mailboxes_Command_RetryFailed')}
                    disabled={summary.failed === 0}
                    onClick={props.onRetryFailed}
                />
                <RunNoteButton onAddNote={props.onAddNote} />
            </Stack>
        </Stack>
    );
});
RunSummary.displayName = 'RunSummary';
