import { h, memo } from '../react';
import { ProgressIndicator } from '@fluentui/react';
import { DefaultButton, Stack, Text } from '../fluent';
import { secondsUntil } from '../../core/mailbox-view';
import type { LedgerSummary } from '../../core/run/ledger';
import { format, type GetString } from '../strings';

/** Props of the live progress of a run. */
export type RunProgressProps = {
    summary: LedgerSummary;
    throttledUntilMs: number | null;
    nowMs: number;
    getString: GetString;
    formatNumber: (n: number) => string;
    onCancel: () => void;
};

/** Progress bar, counts, throttling countdown and Cancel; the text is announced politely. */
export const RunProgress = memo(function RunProgress(props: RunProgressProps) {
    const { summary: s, getString, formatNumber: n } = props;
    const done = s.succeeded + s.failed + s.skipped;
    const waiting = s.sent + s.confirmed + s.testing;
    const seconds = secondsUntil(props.throttledUntilMs, props.nowMs);
    return (
        <Stack tokens={{ childrenGap: 8 }}>
            <ProgressIndicator
                label={getString('Run_ProgressLabel')}
                description={format(getString('Run_Progress'), n(done), n(s.selected))}
                percentComplete={s.selected > 0 ? done / s.selected : 0}
            />
            <div role="status" aria-live="polite" aria-atomic="true">
                <Text block>{format(getString('Run_Counts'), n(s.succeeded), n(s.failed), n(waiting))}</Text>
                {seconds > 0 && <Text block>{format(getString('Run_Throttled'), n(seconds))}</Text>}
            </div>
            <Stack horizontal>
                <DefaultButton text={getString('Run_Cancel')} onClick={props.onCancel} />
            </Stack>
        </Stack>
    );
});
