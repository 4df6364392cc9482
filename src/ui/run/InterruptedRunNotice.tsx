import * as React from 'react';
import { MessageBar, MessageBarButton, MessageBarType, Stack } from '@fluentui/react';
import { endedCount, type LedgerSummary } from '../../core/run/ledger';
import { format } from '../strings';
import { useFormatNumber, useGetString } from '../texts';

/** Props of the notice of a run a reload interrupted. */
export type InterruptedRunNoticeProps = {
    summary: LedgerSummary;
    /** False until the workspace is there to continue the run in (Resume is disabled until then). */
    canResume: boolean;
    /** How long Dataverse still holds every request of the page (Retry-After); 0 when it does not. */
    waitMs: number;
    onResume: () => void;
    onDiscard: () => void;
};

/**
 * Shown on load, above the areas, when a reload interrupted a run: how far it got, Resume (which continues it in the
 * Mailboxes area) and Discard. Like a paused run, it waits for the admin. While Dataverse still asks the page to wait,
 * Resume is disabled and the notice says for how long.
 */
export const InterruptedRunNotice = React.memo(function InterruptedRunNotice(props: InterruptedRunNoticeProps) {
    const { summary, canResume, waitMs } = props;
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    const text = format(
        getString('Run_InterruptedNotice'),
        formatNumber(endedCount(summary)),
        formatNumber(summary.selected),
    );
    const waiting =
        !canResume && waitMs > 0
            ? format(getString('Run_InterruptedWaiting'), formatNumber(Math.ceil(waitMs / 1000)))
            : undefined;
    return (
        <MessageBar
            messageBarType={MessageBarType.warning}
            delayedRender={false}
            actions={
                <Stack horizontal tokens={{ childrenGap: 8 }}>
                    <MessageBarButton disabled={!canResume} onClick={props.onResume}>
                        {getString('Run_Resume')}
                    </MessageBarButton>
                    <MessageBarButton onClick={props.onDiscard}>{getString('Run_Discard')}</MessageBarButton>
                </Stack>
            }
        >
            <span>{text}</span>
            {waiting && <span> {waiting}</span>}
        </MessageBar>
    );
});
InterruptedRunNotice.displayName = 'InterruptedRunNotice';
