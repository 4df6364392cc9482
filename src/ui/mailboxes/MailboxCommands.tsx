import * as React from 'react';
import { CommandBar, type ICommandBarItemProps } from '@fluentui/react';
import type { StringKey } from '../strings';
import { useGetString } from '../texts';

/** Props of the mailbox command bar; each callback receives the ids it applies to. */
export type MailboxCommandsProps = {
    selectedIds: readonly string[];
    /** What Retry failed retries: the failed rows of the selection, or of the whole list when nothing is selected. */
    retryIds: readonly string[];
    exportIds: readonly string[];
    canApprove: boolean;
    isRunning: boolean;
    /** Read-only form: nothing that writes may run, and the reason says so (not "a run is in progress"). */
    isReadOnly?: boolean;
    isLoading: boolean;
    onApproveAndTest: (ids: string[]) => void;
    onTestOnly: (ids: string[]) => void;
    onRetryFailed: (ids: string[]) => void;
    onExport: (ids: string[]) => void;
    onRefresh: () => void;
};

type CommandSpec = {
    key: string;
    label: StringKey;
    icon: string;
    /** Why the command is disabled now, or null when it can run. */
    reason: StringKey | null;
    run: () => void;
};

/** A condition that disables a command, and the reason shown for it. */
type Blocker = { applies: boolean; reason: StringKey };

/** The reason of the first blocker that applies, in the order given; null when none does. */
function firstReason(...blockers: Blocker[]): StringKey | null {
    return blockers.find((blocker) => blocker.applies)?.reason ?? null;
}

function commandSpecs(props: MailboxCommandsProps): CommandSpec[] {
    const readOnly: Blocker = { applies: props.isReadOnly === true, reason: 'State_ReadOnly' };
    const busy: Blocker = { applies: props.isRunning, reason: 'Mailboxes_Reason_Busy' };
    const loading: Blocker = { applies: props.isLoading, reason: 'Mailboxes_Reason_Loading' };
    const noSelection: Blocker = { applies: props.selectedIds.length === 0, reason: 'Mailboxes_Reason_NoSelection' };
    const cannotApprove: Blocker = { applies: !props.canApprove, reason: 'Mailboxes_Reason_CannotApprove' };
    const noFailed: Blocker = { applies: props.retryIds.length === 0, reason: 'Mailboxes_Reason_NoFailed' };
    const nothingToExport: Blocker = { applies: props.exportIds.length === 0, reason: 'Mailboxes_Reason_Empty' };
    return [
        {
            key: 'approveAndTest',
            label: 'Mailboxes_Command_ApproveAndTest',
            icon: 'CheckMark',
            reason: firstReason(readOnly, busy, loading, noSelection, cannotApprove),
            run: () => props.onApproveAndTest([...props.selectedIds]),
        },
        {
            key: 'testOnly',
            label: 'Mailboxes_Command_TestOnly',
            icon: 'TestBeaker',
            reason: firstReason(readOnly, busy, loading, noSelection),
            run: () => props.onTestOnly([...props.selectedIds]),
        },
        {
            key: 'retryFailed',
            label: 'Mailboxes_Command_RetryFailed',
            icon: 'Refresh',
            reason: firstReason(readOnly, busy, loading, noFailed),
            run: () => props.onRetryFailed([...props.retryIds]),
        },
        {
            key: 'export',
            label: 'Mailboxes_Command_Export',
            icon: 'Download',
            reason: firstReason(loading, nothingToExport),
            run: () => props.onExport([...props.exportIds]),
        },
        {
            key: 'refresh',
            label: 'Mailboxes_Command_Refresh',
            icon: 'Sync',
            reason: firstReason(busy),
            run: props.onRefresh,
        },
    ];
}

/** The command bar; a disabled command stays focusable and says why it is disabled. */
export const MailboxCommands = React.memo(function MailboxCommands(props: MailboxCommandsProps) {
    const getString = useGetString();
    const items: ICommandBarItemProps[] = commandSpecs(props).map((spec) => {
        const reason = spec.reason ? getString(spec.reason) : undefined;
        return {
            key: spec.key,
            text: getString(spec.label),
            iconProps: { iconName: spec.icon },
            disabled: reason !== undefined,
            allowDisabledFocus: true,
            title: reason,
            ariaDescription: reason,
            onClick: () => {
                if (!reason) spec.run();
            },
        };
    });
    return (
        <CommandBar
            items={items}
            ariaLabel={getString('Mailboxes_CommandBarLabel')}
            // Commands that do not fit a narrow control move into a "…" menu, which needs a name of its own.
            overflowButtonProps={{ ariaLabel: getString('Mailboxes_MoreCommands') }}
        />
    );
});
MailboxCommands.displayName = 'MailboxCommands';
