import * as React from 'react';
import { Panel, PanelType, Stack, Text } from '@fluentui/react';
import type { MailboxView } from '../../core/mailbox-view';
import { useGetString } from '../texts';
import { MailboxAlertItem } from './MailboxAlertItem';

/** Props of the per-mailbox details panel. */
export type MailboxDetailsPanelProps = { mailbox: MailboxView | null; onDismiss: () => void };

/** Side panel with the mailbox's decoded alerts: cause, fix and the raw text one click away. */
export const MailboxDetailsPanel = React.memo(function MailboxDetailsPanel({
    mailbox,
    onDismiss,
}: MailboxDetailsPanelProps) {
    const getString = useGetString();
    return (
        <Panel
            isOpen={mailbox !== null}
            type={PanelType.medium}
            headerText={mailbox?.name}
            closeButtonAriaLabel={getString('Mailboxes_Details_Close')}
            onDismiss={onDismiss}
            isLightDismiss
        >
            {mailbox && (
                <Stack tokens={{ childrenGap: 8 }}>
                    <Text block>{mailbox.address}</Text>
                    <Text block variant="mediumPlus" as="h2">
                        {getString('Mailboxes_Details_Alerts')}
                    </Text>
                    {mailbox.alerts.length === 0 ? (
                        <Text block>{getString('Mailboxes_Details_NoAlerts')}</Text>
                    ) : (
                        <ul>
                            {mailbox.alerts.map((alert, index) => (
                                <MailboxAlertItem key={index} alert={alert} />
                            ))}
                        </ul>
                    )}
                </Stack>
            )}
        </Panel>
    );
});
MailboxDetailsPanel.displayName = 'MailboxDetailsPanel';
