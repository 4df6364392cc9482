import * as React from 'react';
import { DefaultButton, Stack, Text } from '@fluentui/react';
import { POLITE_STATUS } from '../common';
import { secondsUntil } from '../../core/mailbox-view';
import { endedCount, type LedgerSummary } from '../../core/run/ledger';
import { handedOverCount, measurePace, type PacePoint } from '../../core/run/pace';
import { format } from '../strings';
import { useFormatNumber, useGetString } from '../texts';
import { runParts, RunBar } from './RunBar';

/** Props of the live progress of a run. */
export type RunProgressProps = {
    summary: LedgerSummary;
    throttledUntilMs: number | null;
    /** When the run pauses if Dataverse keeps answering 429 (shown while throttled). */
    stallAtMs: number | null;
    nowMs: number;
    /** When the run started (or resumed) here and how many mailboxes were done then: the speed is measured from it. */
    startedAt?: PacePoint;
    onCancel: () => void;
};

/**
 * "150 mailboxes a minute handed to Dynamics · about 6 min until all are sent", measured since the run started here
 * (core/run/pace.ts); once all are handed over, that Dynamics tests them in its own time.
 */
function PaceLine({ summary, startedAt, nowMs }: Pick<RunProgressProps, 'summary' | 'startedAt' | 'nowMs'>) {
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    if (!startedAt) return null;
    const handed = handedOverCount(summary);
    if (handed >= summary.selected) return <Text block>{getString('Run_PaceServerTesting')}</Text>;
    const { perMinute, secondsLeft } = measurePace(startedAt, { atMs: nowMs, done: handed }, summary.selected);
    let text = getString('Run_PaceMeasuring');
    if (perMinute !== null && secondsLeft !== null) {
        const speed = Math.round(perMinute);
        const minutes = formatNumber(Math.ceil(secondsLeft / 60));
        if (speed < 1) text = format(getString('Run_PaceSlow'), minutes);
        else if (secondsLeft < 60) text = format(getString('Run_PaceLastMinute'), formatNumber(speed));
        else text = format(getString('Run_Pace'), formatNumber(speed), minutes);
    }
    return <Text block>{text}</Text>;
}

/** Progress bar, counts, throttling countdown and Cancel; the text is announced politely. */
export const RunProgress = React.memo(function RunProgress(props: RunProgressProps) {
    const { summary } = props;
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    const done = endedCount(summary);
    const { waiting } = runParts(summary);
    const seconds = secondsUntil(props.throttledUntilMs, props.nowMs);
    const stallSeconds = secondsUntil(props.stallAtMs, props.nowMs);
    return (
        <Stack tokens={{ childrenGap: 8 }}>
            {/* tabIndex -1: the focus is moved here when a run resumes (RunPanel). */}
            <Text block as="h2" tabIndex={-1} styles={{ root: { fontWeight: 600, margin: 0 } }}>
                {getString('Run_ProgressLabel')}
            </Text>
            <RunBar summary={summary} />
            <Text block>{format(getString('Run_Progress'), formatNumber(done), formatNumber(summary.selected))}</Text>
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
                {summary.retrying > 0 && (
                    <Text block>{format(getString('Run_SummaryRetrying'), formatNumber(summary.retrying))}</Text>
                )}
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
            {/* Outside the live region: it changes every second. */}
            <PaceLine summary={summary} startedAt={props.startedAt} nowMs={props.nowMs} />
            <Stack horizontal>
                <DefaultButton text={getString('Run_Cancel')} onClick={props.onCancel} />
            </Stack>
        </Stack>
    );
});
RunProgress.displayName = 'RunProgress';
