import * as React from 'react';
import type { FailureGroup } from '../../core/mailbox-view';
import type { LedgerSummary } from '../../core/run/ledger';
import type { PacePoint } from '../../core/run/pace';
import { RunProgress } from './RunProgress';
import { RunSummary } from './RunSummary';

/** Props of the run area: live progress until the ledger is settled, then the summary. */
export type RunPanelProps = {
    summary: LedgerSummary;
    failures: readonly FailureGroup[];
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
    return props.summary.settled ? <RunSummary {...props} /> : <RunProgress {...props} />;
});
RunPanel.displayName = 'RunPanel';
