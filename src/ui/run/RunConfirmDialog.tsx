import * as React from 'react';
import {
    DefaultButton,
    Dialog,
    DialogFooter,
    DialogType,
    MessageBar,
    MessageBarType,
    PrimaryButton,
    Text,
} from '@fluentui/react';
import { endedCount, type LedgerSummary } from '../../core/run/ledger';
import type { PlanCounts } from '../../core/run/planner';
import type { RunMode } from '../../core/run/types';
import { format } from '../strings';
import type { ConnectionCheck } from '../hooks/use-connection-check';
import { useCountString, useFormatCount, useFormatNumber, useGetString } from '../texts';
import { ConnectionWarning } from './ConnectionWarning';
import { SkippedList } from './SkippedList';

/** Props of the confirmation shown before a run starts. */
export type RunConfirmDialogProps = {
    /**
     * The run to confirm and what it would do (counts.rejected: mailboxes it will approve although an admin
     * rejected them earlier); null while nothing waits for confirmation, which closes the dialog.
     */
    request: { mode: RunMode; counts: PlanCounts } | null;
    onStart: () => void;
    onDismiss: () => void;
    /** What the last connection test says about this run (said first); absent: nothing was checked. */
    connection?: ConnectionCheck;
    /** Called once the confirmation has closed through "Test connection": take the admin to the test. */
    onTestConnection?: () => void;
    /** The run a reload interrupted, still offered for Resume: starting this one discards it, and the dialog says so. */
    interrupted?: LedgerSummary;
};

// What the dialog shows while it fades out after the request is gone.
const NO_REQUEST: { mode: RunMode; counts: PlanCounts } = {
    mode: 'approveAndTest',
    counts: { approve: 0, test: 0, skip: 0, rejected: 0 },
};

/**
 * "Test connection" closes the dialog first and, once it has gone, goes to the test: focus then moves there instead
 * of back to the command that opened the dialog (which sits in an area about to be hidden).
 */
function useLeaveForTest(request: RunConfirmDialogProps['request'], onDismiss: () => void) {
    const [isLeaving, setLeaving] = React.useState(false);
    React.useEffect(() => {
        if (request) setLeaving(false);
    }, [request]);
    const leaveForTest = React.useCallback(() => {
        onDismiss();
        setLeaving(true);
    }, [onDismiss]);
    return { isLeaving, leaveForTest };
}

/** A new run replaces the run a reload interrupted (bulk-run.ts clears the stored record): say so before Start. */
function ReplacesInterrupted({ summary }: { summary: LedgerSummary }) {
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    return (
        <MessageBar messageBarType={MessageBarType.warning}>
            {format(
                getString('Run_ConfirmReplacesInterrupted'),
                formatNumber(endedCount(summary)),
                formatNumber(summary.selected),
            )}
        </MessageBar>
    );
}

/** Says what will happen and to how many mailboxes; nothing starts until Start is pressed. */
export const RunConfirmDialog = React.memo(function RunConfirmDialog(props: RunConfirmDialogProps) {
    const { mode, counts } = props.request ?? NO_REQUEST;
    const { connection, onTestConnection, onDismiss } = props;
    const getString = useGetString();
    const { isLeaving, leaveForTest } = useLeaveForTest(props.request, onDismiss);
    const formatNumber = useFormatNumber();
    const formatCount = useFormatCount();
    const countString = useCountString();
    // With nothing to approve (Retry failed, approved mailboxes) the question is the Test only one, not "Approve 0…".
    const question =
        mode === 'approveAndTest' && counts.approve > 0
            ? format(
                  countString('Run_ConfirmApproveAndTest', counts.test),
                  formatNumber(counts.approve),
                  formatNumber(counts.test),
              )
            : formatCount('Run_ConfirmTestOnly', counts.test);
    return (
        <Dialog
            hidden={props.request === null}
            onDismiss={props.onDismiss}
            dialogContentProps={{ type: DialogType.normal, title: getString('Run_ConfirmTitle'), subText: question }}
            modalProps={{
                isBlocking: true,
                disableRestoreFocus: isLeaving,
                onDismissed: () => isLeaving && onTestConnection?.(),
            }}
        >
            {connection && <ConnectionWarning check={connection} onTestConnection={onTestConnection && leaveForTest} />}
            {props.interrupted && <ReplacesInterrupted summary={props.interrupted} />}
            {counts.skip > 0 && <SkippedList count={counts.skip} groups={counts.skipped ?? []} />}
            {counts.rejected > 0 && (
                <MessageBar messageBarType={MessageBarType.warning}>
                    {formatCount('Run_ConfirmRejected', counts.rejected)}
                </MessageBar>
            )}
            <Text block>{getString('Run_ConfirmDetail')}</Text>
            <DialogFooter>
                <PrimaryButton
                    text={getString('Run_ConfirmStart')}
                    disabled={connection?.status === 'checking'}
                    onClick={props.onStart}
                />
                <DefaultButton text={getString('Run_ConfirmBack')} onClick={props.onDismiss} />
            </DialogFooter>
        </Dialog>
    );
});
RunConfirmDialog.displayName = 'RunConfirmDialog';
