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
};

/** Shows RunProgress while the run is active and RunSummary once every mailbox is settled. */
export const RunPanel = React.memo(function RunPanel(props: RunPanelProps) {
    // Cancel goes with the progress when the run settles: if the focus was there, the summary takes it, not the page.
    const hadFocus = React.useRef(false);
    if (props.summary.settled) return <RunSummary {...props} takesFocusFrom={hadFocus} />;
    return (
        <div
            onFocus={() => (hadFocus.current = true)}
            // Tab or a click elsewhere takes the focus away; the removal of Cancel does not.
            onBlur={(event) => event.relatedTarget && (hadFocus.current = false)}
        >
            <RunProgress {...props} />
        </div>
    );
});
RunPanel.displayName = 'RunPanel';
