import { Fragment, h, memo, useEffect, useRef, useState } from '../react';
import { DefaultButton, MessageBar, MessageBarType, Stack, Text } from '../fluent';
import { CAUSES } from '../../core/credentials/causes';
import type { FailureGroup } from '../../core/mailbox-view';
import type { LedgerSummary } from '../../core/run/ledger';
import { format, type GetString, type StringKey } from '../strings';

/** Props of the result summary after a run. */
export type RunSummaryProps = {
    summary: LedgerSummary;
    failures: readonly FailureGroup[];
    getString: GetString;
    formatNumber: (n: number) => string;
    onExport: () => void;
    onRetryFailed: () => void;
    /** Record the run as a note on the profile. */
    onAddNote: () => Promise<void>;
};

type NoteState = { status: 'idle' | 'saving' | 'saved' } | { status: 'error'; message: string };

/** The optional run note: one click, then a confirmation or the server's reason; never added twice. */
function RunNoteButton({ onAddNote, getString }: Pick<RunSummaryProps, 'onAddNote' | 'getString'>) {
    const [note, setNote] = useState<NoteState>({ status: 'idle' });
    const mounted = useRef(true);
    useEffect(() => () => void (mounted.current = false), []);
    const add = () => {
        setNote({ status: 'saving' });
        onAddNote()
            .then(() => mounted.current && setNote({ status: 'saved' }))
            .catch((e: unknown) => {
                if (mounted.current) setNote({ status: 'error', message: e instanceof Error ? e.message : String(e) });
            });
    };
    return (
        <Fragment>
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
        </Fragment>
    );
}

function summaryLine(p: RunSummaryProps): string {
    const { summary: s, failures, getString: t, formatNumber: n } = p;
    const causes = failures
        .map((g) => format(t('Run_CauseCount'), n(g.count), t(CAUSES[g.cause].messageKey as StringKey)))
        .join(', ');
    const failed =
        failures.length > 0
            ? format(t('Run_SummaryFailedCauses'), n(s.failed), causes)
            : format(t('Run_SummaryFailed'), n(s.failed));
    return [
        format(t('Run_SummaryEnabled'), n(s.succeeded)),
        failed,
        format(t('Run_SummarySkipped'), n(s.skipped)),
    ].join(' · ');
}

/** "1,180 enabled · 52 failed (…) · 8 skipped", failures grouped by cause with the fix, Export and Retry failed. */
export const RunSummary = memo(function RunSummary(props: RunSummaryProps) {
    const { summary, failures, getString, formatNumber: n } = props;
    return (
        <Stack tokens={{ childrenGap: 8 }}>
            <div role="status" aria-live="polite" aria-atomic="true">
                <Text variant="mediumPlus" as="h2" block>
                    {getString('Run_Done')}
                </Text>
                <Text block>{summaryLine(props)}</Text>
            </div>
            {failures.length > 0 && (
                <section aria-label={getString('Run_FailuresHeading')}>
                    <Text variant="medium" as="h3" block>
                        {getString('Run_FailuresHeading')}
                    </Text>
                    <ul>
                        {failures.map((g) => (
                            <li key={g.cause}>
                                <Text block>
                                    {format(
                                        getString('Run_CauseCount'),
                                        n(g.count),
                                        getString(CAUSES[g.cause].messageKey as StringKey),
                                    )}
                                </Text>
                                <Text block>
                                    {format(
                                        getString('Mailboxes_Details_Fix'),
                                        getString(CAUSES[g.cause].fixKey as StringKey),
                                    )}
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
                <RunNoteButton onAddNote={props.onAddNote} getString={getString} />
            </Stack>
        </Stack>
    );
});
