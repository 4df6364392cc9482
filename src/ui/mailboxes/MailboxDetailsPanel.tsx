import { h, memo } from '../react';
import { Panel, PanelType } from '@fluentui/react';
import { Stack, Text } from '../fluent';
import type { MailboxView } from '../../core/mailbox-view';
import type { GetString } from '../strings';
import { MailboxAlertItem } from './MailboxAlertItem';

/** Props of the per-mailbox details panel. */
export type MailboxDetailsPanelProps = {
    mailbox: MailboxView | null;
    getString: GetString;
    formatDateTime: (iso: string) => string;
    onDismiss: () => void;
};

/** Side panel with the mailbox's decoded alerts: cause, fix and the raw text one click away. */
export const MailboxDetailsPanel = memo(function MailboxDetailsPanel(props: MailboxDetailsPanelProps) {
    const { mailbox, getString, formatDateTime, onDismiss } = props;
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
                    <Text variant="mediumPlus" as="h2" block>
                        {getString('Mailboxes_Details_Alerts')}
                    </Text>
                    {mailbox.alerts.length === 0 ? (
                        <Text block>{getString('Mailboxes_Details_NoAlerts')}</Text>
                    ) : (
                        <ul>
                            {mailbox.alerts.map((alert, i) => (
                                <MailboxAlertItem
                                    key={i}
                                    alert={alert}
                                    getString={getString}
                                    formatDateTime={formatDateTime}
                                />
                            ))}
                        </ul>
                    )}
                </Stack>
            )}
        </Panel>
    );
});
