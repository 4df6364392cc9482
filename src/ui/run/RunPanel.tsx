import * as React from 'react';
import type { FailureGroup } from '../../core/mailbox-view';
import type { SkipCount } from '../../core/run/run-view';
import type { LedgerSummary } from '../../core/run/ledger';
import type { PacePoint } from '../../core/run/pace';
import { RunProgress } from './RunProgress';
import { RunSummary } from './RunSummary';

/** Props of the run area: live progress until the ledger is settled, then the summary. */
export type RunPanelProps = {
    summary: LedgerSummary;
    failures: readonly FailureGroup[];
    /** Skipped mailboxes by reason, for the summary. */
    skips?: readonly SkipCount[];
    /** Epoch ms until which Dataverse asked us to pause (Retry-After); null when not throttled. */
    throttledUntilMs: number | null;
    /** While throttled: when the run pauses if Dataverse keeps answering 429; null otherwise. */
    stallAtMs: number | null;
    /** Injected clock (epoch ms), re-rendered by the parent each second while the run runs. */
    nowMs: number;
    /** When the run started (or resumed) here, for its speed and time left. */
    startedAt?: PacePoint;
    onCancel: () => void;
    onExport: () => void;
    onRetryFailed: () => void;
    onAddNote: () => Promise<void>;
    /** Show exactly the mailboxes of one failure cause in the list (the summary's causes are filters). */
    onShowMailboxes?: (group: FailureGroup) => void;
    /** A new number moves the focus to the run's heading (the admin resumed it from a notice that is now gone). */
    focusRequest?: number;
};

/**
 * The run's heading takes the focus on a new `focusRequest` (Resume in the notice of an interrupted run, which is gone
 * then), and again when the summary replaces the progress while the focus was in it, so it never falls to the page.
 */
function useRunFocus(focusRequest: number, settled: boolean) {
    const panel = React.useRef<HTMLDivElement>(null);
    const served = React.useRef(0);
    // Whether the focus was in the panel last: removing the focused heading sends it to the page's body.
    const hadFocus = React.useRef(false);
    React.useEffect(() => {
        const isLost = hadFocus.current && !panel.current?.contains(document.activeElement);
        if (focusRequest > served.current || isLost) panel.current?.querySelector<HTMLElement>('h2')?.focus();
        served.current = focusRequest;
    }, [focusRequest, settled]);
    const onFocus = () => void (hadFocus.current = true);
    const onBlur = (event: React.FocusEvent) => {
        const next = event.relatedTarget;
        hadFocus.current = next === null || (panel.current?.contains(next) ?? false);
    };
    return { ref: panel, onFocus, onBlur };
}

/** Shows RunProgress while the run is active and RunSummary once every mailbox is settled. */
export const RunPanel = React.memo(function RunPanel({ focusRequest = 0, ...props }: RunPanelProps) {
    const focus = useRunFocus(focusRequest, props.summary.settled);
    return <div {...focus}>{props.summary.settled ? <RunSummary {...props} /> : <RunProgress {...props} />}</div>;
});
RunPanel.displayName = 'RunPanel';
