import * as React from 'react';
import { DefaultButton, ProgressIndicator, Stack, Text } from '@fluentui/react';
import { POLITE_STATUS } from '../common';
import { secondsUntil } from '../../core/mailbox-view';
import type { LedgerSummary } from '../../core/run/ledger';
import { format } from '../strings';
import { useFormatNumber, useGetString } from '../texts';

/** Props of the live progress of a run. */
export type RunProgressProps = {
    summary: LedgerSummary;
    throttledUntilMs: number | null;
    /** When the run pauses if Dataverse keeps answering 429 (shown while throttled). */
    stallAtMs: number | null;
    nowMs: number;
    onCancel: () => void;
};

/** Progress bar, counts, throttling countdown and Cancel; the text is announced politely. */
export const RunProgress = React.memo(function RunProgress(props: RunProgressProps) {
    const { summary } = props;
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    const done = summary.succeeded + summary.failed + summary.skipped;
    const waiting = summary.sent + summary.confirmed + summary.testing;
    const seconds = secondsUntil(props.throttledUntilMs, props.nowMs);
    const stallSeconds = secondsUntil(props.stallAtMs, props.nowMs);
    return (
        <Stack tokens={{ childrenGap: 8 }}>
            <ProgressIndicator
                label={getString('Run_ProgressLabel')}
                description={format(getString('Run_Progress'), formatNumber(done), formatNumber(summary.selected))}
                percentComplete={summary.selected > 0 ? done / summary.selected : 0}
            />
            <div {...POLITE_STATUS}>
                <Text block>
                    {format(
                        getString('Run_Counts'),
                        formatNumber(summary.succeeded),
                        formatNumber(summary.failed),
                        formatNumber(summary.skipped),
                        formatNumber(waiting),
                    )}
                </Text>
                {seconds > 0 && <Text block>{format(getString('Run_Throttled'), formatNumber(seconds))}</Text>}
                {seconds > 0 && stallSeconds > 0 && (
                    <Text block>
                        {format(
                            getString('Run_StallCountdown'),
                            formatNumber(Math.floor(stallSeconds / 60)),
                            formatNumber(stallSeconds % 60),
                        )}
                    </Text>
                )}
            </div>
            <Stack horizontal>
                <DefaultButton text={getString('Run_Cancel')} onClick={props.onCancel} />
            </Stack>
        </Stack>
    );
});
RunProgress.displayName = 'RunProgress';
