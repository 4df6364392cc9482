import * as React from 'react';
import { DefaultButton, MessageBar, MessageBarType, Stack, Text } from '@fluentui/react';
import { messageOf, POLITE_STATUS } from '../common';
import { CAUSES } from '../../core/credentials/causes';
import type { FailureGroup } from '../../core/mailbox-view';
import type { LedgerSummary } from '../../core/run/ledger';
import { asListItem } from '../../core/template';
import { format } from '../strings';
import { useFormatNumber, useGetString, type Texts } from '../texts';
import { RunBar } from './RunBar';

/** Props of the result summary after a run. */
export type RunSummaryProps = {
    summary: LedgerSummary;
    failures: readonly FailureGroup[];
    onExport: () => void;
    onRetryFailed: () => void;
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

/** "52 × mailbox not approved": one cause of failure and how many mailboxes it hit. */
function causeCount(group: FailureGroup, { getString, formatNumber }: SummaryTexts): string {
    const cause = asListItem(getString(CAUSES[group.cause].messageKey));
    return format(getString('Run_CauseCount'), formatNumber(group.count), cause);
}

function summaryLine({ summary, failures }: RunSummaryProps, texts: SummaryTexts): string {
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
        format(getString('Run_SummarySkipped'), formatNumber(summary.skipped)),
    ].join(' · ');
}

/** "1,180 enabled · 52 failed (…) · 3 retrying — Dynamics tries again · 8 skipped", failures grouped by cause with the fix, Export and Retry failed. */
export const RunSummary = React.memo(function RunSummary(props: RunSummaryProps) {
    const { summary, failures } = props;
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    const texts = { getString, formatNumber };
    return (
        <Stack tokens={{ childrenGap: 8 }}>
            <div {...POLITE_STATUS}>
                <Text block variant="mediumPlus" as="h2">
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
                    <ul>
                        {failures.map((group) => (
                            <li key={group.cause}>
                                <Text block>{causeCount(group, texts)}</Text>
                                <Text block>
                                    {format(getString('Mailboxes_Details_Fix'), getString(CAUSES[group.cause].fixKey))}
                                </Text>
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
