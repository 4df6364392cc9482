import * as React from 'react';
import { CommandBar, type ICommandBarItemProps } from '@fluentui/react';
import type { StringKey } from '../strings';
import { useGetString } from '../texts';

/** Props of the mailbox command bar; each callback receives the ids it applies to. */
export type MailboxCommandsProps = {
    selectedIds: readonly string[];
    failedSelectedIds: readonly string[];
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

type Spec = { key: string; label: StringKey; icon: string; reason: StringKey | null; run: () => void };

function firstReason(...checks: [boolean, StringKey][]): StringKey | null {
    return checks.find(([failed]) => failed)?.[1] ?? null;
}

function specs(p: MailboxCommandsProps): Spec[] {
    const readOnly: [boolean, StringKey] = [p.isReadOnly === true, 'State_ReadOnly'];
    const busy: [boolean, StringKey] = [p.isRunning, 'Mailboxes_Reason_Busy'];
    const loading: [boolean, StringKey] = [p.isLoading, 'Mailboxes_Reason_Loading'];
    const none: [boolean, StringKey] = [p.selectedIds.length === 0, 'Mailboxes_Reason_NoSelection'];
    return [
        {
            key: 'approveAndTest',
            label: 'Mailboxes_Command_ApproveAndTest',
            icon: 'CheckMark',
            reason: firstReason(readOnly, busy, loading, none, [!p.canApprove, 'Mailboxes_Reason_CannotApprove']),
            run: () => p.onApproveAndTest([...p.selectedIds]),
        },
        {
            key: 'testOnly',
            label: 'Mailboxes_Command_TestOnly',
            icon: 'TestBeaker',
            reason: firstReason(readOnly, busy, loading, none),
            run: () => p.onTestOnly([...p.selectedIds]),
        },
        {
            key: 'retryFailed',
            label: 'Mailboxes_Command_RetryFailed',
            icon: 'Refresh',
            reason: firstReason(readOnly, busy, loading, [
                p.failedSelectedIds.length === 0,
                'Mailboxes_Reason_NoFailed',
            ]),
            run: () => p.onRetryFailed([...p.failedSelectedIds]),
        },
        {
            key: 'export',
            label: 'Mailboxes_Command_Export',
            icon: 'Download',
            reason: firstReason(loading, [p.exportIds.length === 0, 'Mailboxes_Reason_Empty']),
            run: () => p.onExport([...p.exportIds]),
        },
        {
            key: 'refresh',
            label: 'Mailboxes_Command_Refresh',
            icon: 'Sync',
            reason: firstReason(busy),
            run: p.onRefresh,
        },
    ];
}

/** The command bar; a disabled command stays focusable and says why it is disabled. */
export const MailboxCommands = React.memo(function MailboxCommands(props: MailboxCommandsProps) {
    const getString = useGetString();
    const items: ICommandBarItemProps[] = specs(props).map((spec) => {
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
    return <CommandBar items={items} ariaLabel={getString('Mailboxes_CommandBarLabel')} />;
});
MailboxCommands.displayName = 'MailboxCommands';
