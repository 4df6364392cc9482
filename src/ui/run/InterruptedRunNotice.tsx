import * as React from 'react';
import { MessageBar, MessageBarButton, MessageBarType, Stack } from '@fluentui/react';
import { endedCount, type LedgerSummary } from '../../core/run/ledger';
import { format } from '../strings';
import { useFormatNumber, useGetString } from '../texts';

/** Props of the notice of a run a reload interrupted. */
export type InterruptedRunNoticeProps = {
    summary: LedgerSummary;
    onResume: () => void;
    onDiscard: () => void;
};

/**
 * Shown on load, above the areas, when a reload interrupted a run: how far it got, Resume (which continues it in the
 * Mailboxes area) and Discard. Like a paused run, it waits for the admin.
 */
export const InterruptedRunNotice = React.memo(function InterruptedRunNotice({
    summary,
    onResume,
    onDiscard,
}: InterruptedRunNoticeProps) {
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    return (
        <MessageBar
            messageBarType={MessageBarType.warning}
            delayedRender={false}
            actions={
                <Stack horizontal tokens={{ childrenGap: 8 }}>
                    <MessageBarButton onClick={onResume}>{getString('Run_Resume')}</MessageBarButton>
                    <MessageBarButton onClick={onDiscard}>{getString('Run_Discard')}</MessageBarButton>
                </Stack>
            }
        >
            {format(
                getString('Run_InterruptedNotice'),
                formatNumber(endedCount(summary)),
                formatNumber(summary.selected),
            )}
        </MessageBar>
    );
});
InterruptedRunNotice.displayName = 'InterruptedRunNotice';
