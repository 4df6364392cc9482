import * as React from 'react';
import { Stack, Text } from '@fluentui/react';
import { CAUSES } from '../../core/credentials/causes';
import type { MailboxAlertView } from '../../core/mailbox-view';
import { format } from '../strings';
import { useFormatDateTime, useGetString } from '../texts';

/** Props of one decoded alert. */
export type MailboxAlertItemProps = { alert: MailboxAlertView };

/** One alert: decoded cause, the fix, and the raw text in a collapsible. */
export const MailboxAlertItem = React.memo(function MailboxAlertItem({ alert }: MailboxAlertItemProps) {
    const getString = useGetString();
    const formatDateTime = useFormatDateTime();
    const cause = CAUSES[alert.cause];
    return (
        <li>
            <Stack tokens={{ childrenGap: 4 }}>
                {alert.occurredOn && <Text variant="small">{formatDateTime(alert.occurredOn)}</Text>}
                <Text block>{getString(cause.messageKey)}</Text>
                <Text block>{format(getString('Mailboxes_Details_Fix'), getString(cause.fixKey))}</Text>
                {/* Native disclosure: keyboard and screen-reader support for free; raw text is plain text, never HTML. */}
                <details>
                    <summary>{getString('Mailboxes_Details_Raw')}</summary>
                    <Text block styles={{ root: { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } }}>
                        {alert.text}
                    </Text>
                </details>
            </Stack>
        </li>
    );
});
MailboxAlertItem.displayName = 'MailboxAlertItem';
