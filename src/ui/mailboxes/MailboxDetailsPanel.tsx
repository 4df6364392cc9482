import * as React from 'react';
import { Panel, PanelType, Stack, Text } from '@fluentui/react';
import type { MailboxView } from '../../core/mailbox-view';
import { useFormatDateTime, useGetString } from '../texts';
import { MailboxAlertItem } from './MailboxAlertItem';
import { mailboxFields } from './mailbox-fields';

/** Props of the per-mailbox details panel. */
export type MailboxDetailsPanelProps = { mailbox: MailboxView | null; onDismiss: () => void };

/** Every field of the mailbox, also those a narrow table leaves out, in the table's order (as the admin center's panels). */
const DETAILS = ['address', 'ownerType', 'approval', 'overall', 'incoming', 'outgoing', 'act', 'lastTestOn'] as const;

/** The mailbox's fields as a description list: label, then value. */
function MailboxFacts({ mailbox }: { mailbox: MailboxView }) {
    const getString = useGetString();
    const formatDateTime = useFormatDateTime();
    const fields = mailboxFields({ getString, formatDateTime });
    return (
        <dl
            style={{
                display: 'grid',
                gridTemplateColumns: 'minmax(0, auto) minmax(0, 1fr)',
                gap: '4px 12px',
                margin: 0,
            }}
        >
            {DETAILS.map((key) => (
                <React.Fragment key={key}>
                    <Text as="dt" styles={{ root: { fontWeight: 600 } }}>
                        {getString(fields[key].label)}
                    </Text>
                    <Text as="dd" styles={{ root: { margin: 0, overflowWrap: 'anywhere' } }}>
                        {fields[key].render(mailbox)}
                    </Text>
                </React.Fragment>
            ))}
        </dl>
    );
}

/** Side panel with the mailbox's fields and its decoded alerts: cause, fix and the raw text one click away. */
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
                    <MailboxFacts mailbox={mailbox} />
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
