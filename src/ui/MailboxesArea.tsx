import { h, memo, useEffect, useMemo, useState } from './react';
import { MessageBarButton } from '@fluentui/react';
import { MessageBar, MessageBarType, Stack } from './fluent';
import { pendingAddresses } from '../core/mailbox-view';
import type { RunMode } from '../core/run/types';
import type { PlanCounts } from '../core/run/planner';
import type { MailboxActions, RunStateView } from './actions';
import { useMailboxes } from './hooks/use-mailboxes';
import { CanApproveNotice } from './mailboxes/CanApproveNotice';
import { MailboxList } from './mailboxes/MailboxList';
import { RunConfirmDialog } from './run/RunConfirmDialog';
import { RunPanel } from './run/RunPanel';
import type { GetString } from './strings';

/** Props of the Mailboxes area. */
export type MailboxesAreaProps = { actions: MailboxActions; isReadOnly: boolean; locale?: string; getString: GetString };

type Pending = { ids: readonly string[]; mode: RunMode; counts: PlanCounts };

function useFormatters(locale: string | undefined) {
    return useMemo(() => {
        const number = new Intl.NumberFormat(locale);
        const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
        return { formatNumber: (n: number) => number.format(n), formatDateTime: (iso: string) => date.format(new Date(iso)) };
    }, [locale]);
}

/** A once-a-second clock while Dataverse has asked us to wait, so the countdown moves. */
function useNowWhile(active: boolean): number {
    const [now, setNow] = useState(Date.now);
    useEffect(() => {
        if (!active) return undefined;
        const timer = window.setInterval(() => setNow(Date.now()), 1000);
        return () => window.clearInterval(timer);
    }, [active]);
    return now;
}

function RunNotices({ run, actions, getString }: { run: RunStateView; actions: MailboxActions; getString: GetString }) {
    if (run.status === 'sessionExpired') {
        return (
            <MessageBar messageBarType={MessageBarType.blocked} actions={<MessageBarButton onClick={actions.resume}>{getString('Run_Resume')}</MessageBarButton>}>
                {getString('Run_SessionExpiredNotice')}
            </MessageBar>
        );
    }
    if (run.status === 'failed') return <MessageBar messageBarType={MessageBarType.error}>{getString('Run_FailedNotice')}</MessageBar>;
    if (run.resumed && run.status === 'running') return <MessageBar>{getString('Run_ResumedNotice')}</MessageBar>;
    return null;
}

type LiveRunProps = {
    run: RunStateView;
    actions: MailboxActions;
    exportIds: readonly { id: string }[];
    getString: GetString;
    formatNumber: (n: number) => string;
};

/** The run's progress while it runs and its summary after (RunPanel), with a moving throttle countdown. */
function LiveRun({ run, actions, exportIds, getString, formatNumber }: LiveRunProps) {
    const nowMs = useNowWhile(run.throttledUntilMs !== null);
    if (!run.summary) return null;
    return (
        <RunPanel
            summary={run.summary}
            failures={run.failures}
            throttledUntilMs={run.throttledUntilMs}
            nowMs={nowMs}
            getString={getString}
            formatNumber={formatNumber}
            onCancel={actions.cancel}
            onExport={() => actions.exportCsv(exportIds.map((r) => r.id))}
            onRetryFailed={actions.retryFailed}
            onAddNote={actions.addRunNote}
        />
    );
}

type ConfirmRunProps = {
    pending: Pending | null;
    getString: GetString;
    formatNumber: (n: number) => string;
    onStart: (pending: Pending) => void;
    onClose: () => void;
};

/** Nothing irreversible without saying what will happen and to how many mailboxes (product.md, Principles). */
function ConfirmRun({ pending, getString, formatNumber, onStart, onClose }: ConfirmRunProps) {
    return (
        <RunConfirmDialog
            isOpen={pending !== null}
            mode={pending?.mode ?? 'approveAndTest'}
            approveCount={pending?.counts.approve ?? 0}
            testCount={pending?.counts.test ?? 0}
            skipCount={pending?.counts.skip ?? 0}
            rejectedCount={pending?.counts.rejected ?? 0}
            getString={getString}
            formatNumber={formatNumber}
            onStart={() => {
                if (pending) onStart(pending);
                onClose();
            }}
            onDismiss={onClose}
        />
    );
}

/** Mailboxes: who can approve, the list with its commands, the confirmation and the live run (product.md §4–5). */
export const MailboxesArea = memo(function MailboxesArea({ actions, isReadOnly, locale, getString }: MailboxesAreaProps) {
    const { rows, loading, approval, run, refresh } = useMailboxes(actions);
    const { formatNumber, formatDateTime } = useFormatters(locale);
    const [pending, setPending] = useState<Pending | null>(null);
    const ask = (mode: RunMode) => (ids: string[]) =>
        setPending({ ids, mode, counts: actions.preview(ids, mode, approval.canApprove) });
    const isRunning = run.status === 'running';
    return (
        <Stack tokens={{ childrenGap: 12 }}>
            <CanApproveNotice
                canApprove={approval.canApprove}
                blockers={approval.blockers}
                pendingAddresses={pendingAddresses(rows)}
                getString={getString}
                formatNumber={formatNumber}
                onCopyPending={(text) => void actions.copyText(text)}
                onEmailAdmin={actions.openUrl}
            />
            <RunNotices run={run} actions={actions} getString={getString} />
            <LiveRun run={run} actions={actions} exportIds={rows} getString={getString} formatNumber={formatNumber} />
            <MailboxList
                rows={rows}
                loading={loading && { loaded: loading.loaded, estimatedTotal: Math.max(loading.loaded, rows.length) }}
                canApprove={approval.canApprove && !isReadOnly}
                isRunning={isRunning}
                isReadOnly={isReadOnly}
                getString={getString}
                formatNumber={formatNumber}
                formatDateTime={formatDateTime}
                onApproveAndTest={ask('approveAndTest')}
                onTestOnly={ask('testOnly')}
                onRetryFailed={() => actions.retryFailed()}
                onExport={(ids) => actions.exportCsv(ids)}
                onRefresh={refresh}
            />
            <ConfirmRun
                pending={pending}
                getString={getString}
                formatNumber={formatNumber}
                onStart={(p) => actions.start(p.ids, p.mode, approval.canApprove)}
                onClose={() => setPending(null)}
            />
        </Stack>
    );
});
