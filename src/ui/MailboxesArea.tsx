import * as React from 'react';
import { MessageBar, MessageBarButton, MessageBarType, Stack } from '@fluentui/react';
import {
    isPendingApproval,
    pendingAddresses,
    segmentCountsOfRows,
    type FailureGroup,
    type MailboxView,
    type QuickFilter,
} from '../core/mailbox-view';
import type { SegmentCounts } from '../core/mailbox-segments';
import type { LedgerSummary } from '../core/run/ledger';
import type { RunMode } from '../core/run/types';
import { durationParts } from '../core/duration';
import { handedOverCount, type PacePoint } from '../core/run/pace';
import type { PlanCounts } from '../core/run/planner';
import type { ApprovalCheckView, MailboxActions, RunStateView } from './actions';
import { useConnectionCheck, type CheckConnection } from './hooks/use-connection-check';
import { useCauseRequest } from './hooks/use-mailbox-view';
import { useMailboxes } from './hooks/use-mailboxes';
import { useNowWhile } from './hooks/use-now-while';
import { CanApproveNotice } from './mailboxes/CanApproveNotice';
import { MailboxList, type MailboxListProps } from './mailboxes/MailboxList';
import { RefusalNotice } from './run/RefusalNotice';
import { RunConfirmDialog } from './run/RunConfirmDialog';
import { RunPanel } from './run/RunPanel';
import { format } from './strings';
import { useGetString, useTexts } from './texts';

/** A quick filter the overview asks the list to show; `seq` makes the same filter asked twice a new request. */
export type ListFilterRequest = { filter: QuickFilter; seq: number };

/** Props of the Mailboxes area. */
export type MailboxesAreaProps = {
    actions: MailboxActions;
    isReadOnly: boolean;
    /** The filter a segment of the overview asked for. */
    filterRequest?: ListFilterRequest;
    /** How many mailboxes the list will hold, as Dataverse counted them; undefined when the count failed. */
    expectedTotal?: number;
    /** Called when the admin refreshes the list (the overview counts again). */
    onRefresh?: () => void;
    /** What the last connection test says before a run (issue 13 item 2); absent: nothing is checked. */
    checkConnection?: CheckConnection;
    /** Take the admin to the connection test (the confirmation offers it). */
    onTestConnection?: () => void;
    /** The segment counts of each complete load of the list, which the overview's card then shows (issue 14 item 6). */
    onCounts?: (counts: SegmentCounts) => void;
    /** A new number reloads the list (e.g. after a connection test changed a mailbox). */
    reloadRequest?: number;
    /** A new number continues the run a reload interrupted (the admin chose Resume in the notice on load). */
    resumeRequest?: number;
    /** The run a reload interrupted, while its notice offers Resume: a new run replaces it (the confirmation says so). */
    interruptedRun?: LedgerSummary;
};

type ApprovalNoticeProps = { rows: readonly MailboxView[]; approval: ApprovalCheckView; actions: MailboxActions };

/** "You can / cannot approve", counting "waiting for approval" by the one rule: the Pending approval segment. */
function ApprovalNotice({ rows, approval, actions }: ApprovalNoticeProps) {
    const count = React.useMemo(() => rows.filter(isPendingApproval).length, [rows]);
    const addresses = React.useMemo(() => pendingAddresses(rows), [rows]);
    return (
        <CanApproveNotice
            canApprove={approval.canApprove}
            blockers={approval.blockers}
            pendingCount={count}
            pendingAddresses={addresses}
            onCopyPending={(text) => void actions.copyText(text)}
            onEmailAdmin={actions.openUrl}
        />
    );
}

/** Tell the overview the counts of each complete load, so its card and the list's filters show the same numbers. */
function useLoadedCounts(rows: readonly MailboxView[], isComplete: boolean, onCounts?: (c: SegmentCounts) => void) {
    React.useEffect(() => {
        if (isComplete) onCounts?.(segmentCountsOfRows(rows));
    }, [rows, isComplete, onCounts]);
}

type Pending = { ids: readonly string[]; mode: RunMode; counts: PlanCounts };

/** "30 minutes", "6 seconds": the stall limit in the unit that reads honestly, in the language of the strings. */
function useFormatDuration(): (ms: number) => string {
    const { language } = useTexts();
    return (ms) => {
        const { value, unit } = durationParts(ms);
        return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
    };
}

type RunNoticesProps = { run: RunStateView; actions: MailboxActions; onTestOnly: (ids: string[]) => void };

function RunNotices({ run, actions, onTestOnly }: RunNoticesProps) {
    const getString = useGetString();
    const formatDuration = useFormatDuration();
    if (run.refusal && run.status !== 'running') {
        const ids = actions.runIds();
        const testable = actions.preview({ ids, mode: 'testOnly', canApprove: false }).test;
        return <RefusalNotice cause={run.refusal.cause} testable={testable} onTestOnly={() => onTestOnly(ids)} />;
    }
    if (run.status === 'paused' && run.pause) {
        const text =
            run.pause.reason === 'stalled'
                ? format(getString('Run_StalledNotice'), formatDuration(run.pause.limitMs))
                : getString('Run_SessionExpiredNotice');
        return (
            <MessageBar
                messageBarType={MessageBarType.blocked}
                actions={<MessageBarButton onClick={actions.resume}>{getString('Run_Resume')}</MessageBarButton>}
            >
                {text}
            </MessageBar>
        );
    }
    if (run.status === 'failed')
        return (
            <MessageBar messageBarType={MessageBarType.error}>
                {getString(run.notStored ? 'Run_NotStoredNotice' : 'Run_FailedNotice')}
            </MessageBar>
        );
    if (run.notStored && run.status === 'running')
        return <MessageBar messageBarType={MessageBarType.warning}>{getString('Run_NoResumeNotice')}</MessageBar>;
    if (run.resumed && run.status === 'running') return <MessageBar>{getString('Run_ResumedNotice')}</MessageBar>;
    return null;
}

/** The list could not be read: Dataverse's message and Try again. */
function LoadFailedNotice({ message, onRetry }: { message: string; onRetry: () => void }) {
    const getString = useGetString();
    return (
        <MessageBar
            messageBarType={MessageBarType.error}
            actions={<MessageBarButton onClick={onRetry}>{getString('Action_Retry')}</MessageBarButton>}
        >
            {format(getString('Mailboxes_LoadFailed'), message)}
        </MessageBar>
    );
}

/** When this run started (or resumed) here and how many mailboxes were handed over then; undefined while not running. */
function useRunStart(run: RunStateView): PacePoint | undefined {
    const [start, setStart] = React.useState<PacePoint>();
    const isRunning = run.status === 'running';
    const done = run.summary ? handedOverCount(run.summary) : 0;
    const doneRef = React.useRef(done);
    doneRef.current = done;
    React.useEffect(() => setStart(isRunning ? { atMs: Date.now(), done: doneRef.current } : undefined), [isRunning]);
    return start;
}

type LiveRunProps = {
    run: RunStateView;
    actions: MailboxActions;
    onShowMailboxes: (group: FailureGroup) => void;
    /** A new number moves the focus to the run (the admin resumed it from the notice of an interrupted run). */
    focusRequest?: number;
};

/** The run's progress while it runs and its summary after (RunPanel), with a moving throttle countdown. */
function LiveRun({ run, actions, onShowMailboxes, focusRequest }: LiveRunProps) {
    // While the run runs the clock moves: the throttle countdown, the speed and the time left follow it.
    const nowMs = useNowWhile(run.status === 'running');
    const startedAt = useRunStart(run);
    if (!run.summary) return null;
    return (
        <RunPanel
            summary={run.summary}
            failures={run.failures}
            skips={run.skips}
            throttledUntilMs={run.throttledUntilMs}
            stallAtMs={run.stallAtMs}
            nowMs={nowMs}
            startedAt={startedAt}
            onCancel={actions.cancel}
            onExport={actions.exportRunCsv}
            onRetryFailed={actions.retryFailed}
            onAddNote={actions.addRunNote}
            onShowMailboxes={onShowMailboxes}
            focusRequest={focusRequest}
        />
    );
}

type ListCommands = Pick<MailboxListProps, 'onApproveAndTest' | 'onTestOnly' | 'onRetryFailed' | 'onExport'>;

/**
 * The list's run and export commands; "Approve & test" and "Test only" ask for confirmation with the plan's counts.
 * Kept stable across the run's progress updates, so the memoised list (50,000 rows) is not rendered again four times
 * a second (issue 17).
 */
function useListCommands(
    actions: MailboxActions,
    canApprove: boolean,
    setPending: (pending: Pending) => void,
): ListCommands {
    return React.useMemo(() => {
        const ask = (mode: RunMode) => (ids: string[]) =>
            setPending({ ids, mode, counts: actions.preview({ ids, mode, canApprove }) });
        return {
            onApproveAndTest: ask('approveAndTest'),
            onTestOnly: ask('testOnly'),
            // The rows the list shows as failed, through the confirmation like the other commands; approving again
            // only where the admin may (the run summary's Retry failed retries that run's failures).
            onRetryFailed: ask(canApprove ? 'approveAndTest' : 'testOnly'),
            onExport: (ids) => actions.exportCsv(ids),
        };
    }, [actions, canApprove, setPending]);
}

/** Mailboxes: who can approve, the list with its commands, the confirmation and the live run (product.md §4–5). */
export const MailboxesArea = React.memo(function MailboxesArea(props: MailboxesAreaProps) {
    const { actions, isReadOnly, expectedTotal, onRefresh } = props;
    const { rows, loading, loadError, approval, run, refresh, runEnds } = useMailboxes(
        actions,
        props.reloadRequest,
        props.resumeRequest,
    );
    useLoadedCounts(rows, loading === null && loadError === null, props.onCounts);
    // A refresh of the list counts the overview's segments again too.
    const refreshAll = React.useCallback(() => (refresh(), onRefresh?.()), [refresh, onRefresh]);
    const [pending, setPending] = React.useState<Pending | null>(null);
    const [causeRequest, showCause] = useCauseRequest();
    const connection = useConnectionCheck(props.checkConnection, pending !== null);
    const commands = useListCommands(actions, approval.canApprove, setPending);
    return (
        <Stack tokens={{ childrenGap: 12 }}>
            <ApprovalNotice rows={rows} approval={approval} actions={actions} />
            {loadError !== null && <LoadFailedNotice message={loadError} onRetry={refreshAll} />}
            <RunNotices run={run} actions={actions} onTestOnly={commands.onTestOnly} />
            <LiveRun run={run} actions={actions} onShowMailboxes={showCause} focusRequest={props.resumeRequest} />
            <MailboxList
                rows={rows}
                loading={loading && { ...loading, total: expectedTotal }}
                filterRequest={props.filterRequest}
                causeRequest={causeRequest}
                loadFailed={loadError !== null}
                canApprove={approval.canApprove && !isReadOnly}
                isRunning={run.status === 'running'}
                isReadOnly={isReadOnly}
                clearSelectionRequest={runEnds}
                {...commands}
                onRefresh={refreshAll}
            />
            {/* Nothing irreversible without saying what will happen and to how many mailboxes (product.md, Principles). */}
            <RunConfirmDialog
                request={pending}
                onStart={() => {
                    if (pending)
                        actions.start({ ids: pending.ids, mode: pending.mode, canApprove: approval.canApprove });
                    setPending(null);
                }}
                onDismiss={() => setPending(null)}
                connection={connection}
                onTestConnection={props.onTestConnection}
                interrupted={props.interruptedRun}
            />
        </Stack>
    );
});
MailboxesArea.displayName = 'MailboxesArea';
