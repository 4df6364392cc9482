import { h, memo } from '../react';
import { Dialog, DialogFooter, DialogType } from '@fluentui/react';
import { DefaultButton, MessageBar, MessageBarType, PrimaryButton, Text } from '../fluent';
import type { RunMode } from '../../core/run/types';
import { format, type GetString } from '../strings';

/** Props of the confirmation shown before a run starts. */
export type RunConfirmDialogProps = {
    isOpen: boolean;
    mode: RunMode;
    approveCount: number;
    testCount: number;
    skipCount: number;
    /** Mailboxes the run will approve although an admin rejected them earlier. */
    rejectedCount: number;
    getString: GetString;
    formatNumber: (n: number) => string;
    onStart: () => void;
    onDismiss: () => void;
};

/** Says what will happen and to how many mailboxes; nothing starts until Start is pressed. */
export const RunConfirmDialog = memo(function RunConfirmDialog(props: RunConfirmDialogProps) {
    const { isOpen, mode, approveCount, testCount, skipCount, getString, formatNumber: n } = props;
    const question =
        mode === 'approveAndTest'
            ? format(getString('Run_ConfirmApproveAndTest'), n(approveCount), n(testCount))
            : format(getString('Run_ConfirmTestOnly'), n(testCount));
    return (
        <Dialog
            hidden={!isOpen}
            onDismiss={props.onDismiss}
            dialogContentProps={{ type: DialogType.normal, title: getString('Run_ConfirmTitle'), subText: question }}
            modalProps={{ isBlocking: true }}
        >
            {skipCount > 0 && <Text block>{format(getString('Run_ConfirmSkipped'), n(skipCount))}</Text>}
            {props.rejectedCount > 0 && (
                <MessageBar messageBarType={MessageBarType.warning}>
                    {format(getString('Run_ConfirmRejected'), n(props.rejectedCount))}
                </MessageBar>
            )}
            <Text block>{getString('Run_ConfirmDetail')}</Text>
            <DialogFooter>
                <PrimaryButton text={getString('Run_ConfirmStart')} onClick={props.onStart} />
                <DefaultButton text={getString('Run_ConfirmBack')} onClick={props.onDismiss} />
            </DialogFooter>
        </Dialog>
    );
});
