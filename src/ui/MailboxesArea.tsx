import * as React from 'react';
import { MessageBar, MessageBarButton, MessageBarType, Stack } from '@fluentui/react';
import { pendingAddresses, type QuickFilter } from '../core/mailbox-view';
import type { RunMode } from '../core/run/types';
import { endedCount } from '../core/run/ledger';
import type { PacePoint } from '../core/run/pace';
import type { PlanCounts } from '../core/run/planner';
import type { MailboxActions, RunStateView } from './actions';
import { useConnectionCheck, type CheckConnection } from './hooks/use-connection-check';
import { useMailboxes } from './hooks/use-mailboxes';
import { useNowWhile } from './hooks/use-now-while';
import { CanApproveNotice } from './mailboxes/CanApproveNotice';
import { MailboxList, type MailboxListProps } from './mailboxes/MailboxList';
import { RunConfirmDialog } from './run/RunConfirmDialog';
import { RunPanel } from './run/RunPanel';
import { format } from './strings';
import { useFormatNumber, useGetString } from './texts';

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
};

type Pending = { ids: readonly string[]; mode: RunMode; counts: PlanCounts };

function RunNotices({ run, actions }: { run: RunStateView; actions: MailboxActions }) {
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    if (run.status === 'paused' && run.pause) {
        const text =
            run.pause.reason === 'stalled'
                ? format(getString('Run_StalledNotice'), formatNumber(run.pause.limitMs / 60_000))
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
        return <MessageBar messageBarType={MessageBarType.error}>{getString('Run_FailedNotice')}</MessageBar>;
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

/** When this run started (or resumed) here and how many mailboxes were done then; undefined while not running. */
function useRunStart(run: RunStateView): PacePoint | undefined {
    const [start, setStart] = React.useState<PacePoint>();
    const isRunning = run.status === 'running';
    const done = run.summary ? endedCount(run.summary) : 0;
    const doneRef = React.useRef(done);
    doneRef.current = done;
    React.useEffect(() => setStart(isRunning ? { atMs: Date.now(), done: doneRef.current } : undefined), [isRunning]);
    return start;
}

type LiveRunProps = { run: RunStateView; actions: MailboxActions; exportIds: readonly { id: string }[] };

/** The run's progress while it runs and its summary after (RunPanel), with a moving throttle countdown. */
function LiveRun({ run, actions, exportIds }: LiveRunProps) {
    // While the run runs the clock moves: the throttle countdown, the speed and the time left follow it.
    const nowMs = useNowWhile(run.status === 'running');
    const startedAt = useRunStart(run);
    if (!run.summary) return null;
    return (
        <RunPanel
            summary={run.summary}
            failures={run.failures}
            throttledUntilMs={run.throttledUntilMs}
            stallAtMs={run.stallAtMs}
            nowMs={nowMs}
            startedAt={startedAt}
            onCancel={actions.cancel}
            onExport={() => actions.exportCsv(exportIds.map((row) => row.id))}
            onRetryFailed={actions.retryFailed}
            onAddNote={actions.addRunNote}
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
            setPending({ ids, mode, counts: actions.preview(ids, mode, canApprove) });
        return {
            onApproveAndTest: ask('approveAndTest'),
            onTestOnly: ask('testOnly'),
            onRetryFailed: () => actions.retryFailed(),
            onExport: (ids) => actions.exportCsv(ids),
        };
    }, [actions, canApprove, setPending]);
}

/** Mailboxes: who can approve, the list with its commands, the confirmation and the live run (product.md §4–5). */
export const MailboxesArea = React.memo(function MailboxesArea(props: MailboxesAreaProps) {
    const { actions, isReadOnly, expectedTotal, onRefresh } = props;
    const { rows, loading, loadError, approval, run, refresh } = useMailboxes(actions);
    // A refresh of the list counts the overview's segments again too.
    const refreshAll = React.useCallback(() => (refresh(), onRefresh?.()), [refresh, onRefresh]);
    const [pending, setPending] = React.useState<Pending | null>(null);
    const connection = useConnectionCheck(props.checkConnection, pending !== null);
    const commands = useListCommands(actions, approval.canApprove, setPending);
    const pendingApproval = React.useMemo(() => pendingAddresses(rows), [rows]);
    const isRunning = run.status === 'running';
    return (
        <Stack tokens={{ childrenGap: 12 }}>
            <CanApproveNotice
                canApprove={approval.canApprove}
                blockers={approval.blockers}
                pendingAddresses={pendingApproval}
                onCopyPending={(text) => void actions.copyText(text)}
                onEmailAdmin={actions.openUrl}
            />
            {loadError !== null && <LoadFailedNotice message={loadError} onRetry={refreshAll} />}
            <RunNotices run={run} actions={actions} />
            <LiveRun run={run} actions={actions} exportIds={rows} />
            <MailboxList
                rows={rows}
                loading={loading && { loaded: loading.loaded, total: expectedTotal }}
                filterRequest={props.filterRequest}
                loadFailed={loadError !== null}
                canApprove={approval.canApprove && !isReadOnly}
                isRunning={isRunning}
                isReadOnly={isReadOnly}
                {...commands}
                onRefresh={refreshAll}
            />
            {/* Nothing irreversible without saying what will happen and to how many mailboxes (product.md, Principles). */}
            <RunConfirmDialog
                request={pending}
                onStart={() => {
                    if (pending) actions.start(pending.ids, pending.mode, approval.canApprove);
                    setPending(null);
                }}
                onDismiss={() => setPending(null)}
                connection={connection}
                onTestConnection={props.onTestConnection}
            />
        </Stack>
    );
});
MailboxesArea.displayName = 'MailboxesArea';
