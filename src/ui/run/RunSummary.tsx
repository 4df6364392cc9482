import { Fragment, h, memo, useEffect, useRef, useState } from '../react';
import { DefaultButton, GAP_8, Stack, Text } from '../fluent';
import { BlockText, messageOf, Notice, POLITE_STATUS } from '../common';
import { CAUSES } from '../../core/credentials/causes';
import type { FailureGroup } from '../../core/mailbox-view';
import type { LedgerSummary } from '../../core/run/ledger';
import { asListItem } from '../../core/template';
import { format, type GetString } from '../strings';
import { useFormatNumber, useGetString } from '../texts';

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
    const [note, setNote] = useState<NoteState>({ status: 'idle' });
    const mounted = useRef(true);
    useEffect(() => () => void (mounted.current = false), []);
    const add = () => {
        setNote({ status: 'saving' });
        onAddNote()
            .then(() => mounted.current && setNote({ status: 'saved' }))
            .catch((e: unknown) => {
                if (mounted.current) setNote({ status: 'error', message: messageOf(e) });
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
                <Notice type="error">{format(getString('Run_NoteFailed'), note.message)}</Notice>
            )}
        </Fragment>
    );
}

type FormatNumber = (n: number) => string;

/** "52 × mailbox not approved": one cause of failure and how many mailboxes it hit. */
function causeCount(group: FailureGroup, t: GetString, n: FormatNumber): string {
    return format(t('Run_CauseCount'), n(group.count), asListItem(t(CAUSES[group.cause].messageKey)));
}

function summaryLine({ summary: s, failures }: RunSummaryProps, t: GetString, n: FormatNumber): string {
    const causes = failures.map((g) => causeCount(g, t, n)).join(', ');
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
    const { summary, failures } = props;
    const getString = useGetString();
    const n = useFormatNumber();
    return (
        <Stack tokens={GAP_8}>
            <div {...POLITE_STATUS}>
                <BlockText variant="mediumPlus" as="h2">
                    {getString('Run_Done')}
                </BlockText>
                <BlockText>{summaryLine(props, getString, n)}</BlockText>
            </div>
            {failures.length > 0 && (
                <section aria-label={getString('Run_FailuresHeading')}>
                    <BlockText variant="medium" as="h3">
                        {getString('Run_FailuresHeading')}
                    </BlockText>
                    <ul>
                        {failures.map((g) => (
                            <li key={g.cause}>
                                <BlockText>{causeCount(g, getString, n)}</BlockText>
                                <BlockText>
                                    {format(getString('Mailboxes_Details_Fix'), getString(CAUSES[g.cause].fixKey))}
                                </BlockText>
                            </li>
                        ))}
                    </ul>
                </section>
            )}
            <Stack horizontal tokens={GAP_8}>
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
