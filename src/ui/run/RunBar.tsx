import * as React from 'react';
import { mergeStyleSets, useTheme } from '@fluentui/react';
import { endedCount, type LedgerSummary } from '../../core/run/ledger';
import { format } from '../strings';
import { useFormatNumber, useGetString } from '../texts';

/** Props of the run's segmented bar. */
export type RunBarProps = { summary: LedgerSummary };

/** Where each selected mailbox is: the parts of the bar. */
export function runParts(summary: LedgerSummary) {
    return {
        succeeded: summary.succeeded,
        failed: summary.failed,
        retrying: summary.retrying,
        skipped: summary.skipped,
        waiting: summary.sent + summary.confirmed + summary.testing,
    };
}

type Part = keyof ReturnType<typeof runParts>;

function useClasses() {
    const theme = useTheme();
    return React.useMemo(() => {
        const { semanticColors, palette } = theme;
        const colours: Record<Part, string> = {
            succeeded: semanticColors.successIcon,
            failed: semanticColors.errorIcon,
            retrying: semanticColors.warningIcon,
            skipped: palette.neutralSecondary,
            waiting: palette.themeTertiary,
        };
        const classes = mergeStyleSets({
            // The unfilled track is what has not been sent yet.
            bar: { display: 'flex', height: 8, borderRadius: 2, overflow: 'hidden', background: palette.neutralLight },
        });
        return { colours, ...classes };
    }, [theme]);
}

/**
 * The run as one bar of five parts — succeeded, failed, retrying (Dynamics tries again), skipped, waiting on the server — over a track of what is
 * not sent yet; each part's width is its share of the selected mailboxes. A progress bar to assistive technology
 * ("50 of 100 done"); the counts are said in text beside it, so the colours never carry meaning alone.
 */
export const RunBar = React.memo(function RunBar({ summary }: RunBarProps) {
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    const classes = useClasses();
    const parts = runParts(summary);
    const done = endedCount(summary);
    return (
        <div
            className={classes.bar}
            role="progressbar"
            aria-label={getString('Run_ProgressLabel')}
            aria-valuemin={0}
            aria-valuemax={summary.selected}
            aria-valuenow={done}
            aria-valuetext={format(getString('Run_Progress'), formatNumber(done), formatNumber(summary.selected))}
        >
            {(Object.keys(parts) as Part[])
                .filter((part) => parts[part] > 0)
                .map((part) => (
                    <div
                        key={part}
                        data-part={part}
                        style={{
                            width: `${(100 * parts[part]) / Math.max(1, summary.selected)}%`,
                            background: classes.colours[part],
                        }}
                    />
                ))}
        </div>
    );
});
RunBar.displayName = 'RunBar';
