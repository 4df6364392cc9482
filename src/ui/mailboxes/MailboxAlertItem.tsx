import { h, memo } from '../react';
import { GAP_4, Stack, Text } from '../fluent';
import { BlockText } from '../common';
import { CAUSES } from '../../core/credentials/causes';
import type { MailboxAlertView } from '../../core/mailbox-view';
import { format } from '../strings';
import { useFormatDateTime, useGetString } from '../texts';

/** Props of one decoded alert. */
export type MailboxAlertItemProps = { alert: MailboxAlertView };

/** One alert: decoded cause, the fix, and the raw text in a collapsible. */
export const MailboxAlertItem = memo(function MailboxAlertItem({ alert }: MailboxAlertItemProps) {
    const getString = useGetString();
    const formatDateTime = useFormatDateTime();
    const cause = CAUSES[alert.cause];
    return (
        <li>
            <Stack tokens={GAP_4}>
                {alert.occurredOn && <Text variant="small">{formatDateTime(alert.occurredOn)}</Text>}
                <BlockText>{getString(cause.messageKey)}</BlockText>
                <BlockText>{format(getString('Mailboxes_Details_Fix'), getString(cause.fixKey))}</BlockText>
                {/* Native disclosure: keyboard and screen-reader support for free; raw text is plain text, never HTML. */}
                <details>
                    <summary>{getString('Mailboxes_Details_Raw')}</summary>
                    <BlockText styles={{ root: { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } }}>
                        {alert.text}
                    </BlockText>
                </details>
            </Stack>
        </li>
    );
});
