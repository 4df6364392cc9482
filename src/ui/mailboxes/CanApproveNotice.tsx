import * as React from 'react';
import { DefaultButton, MessageBar, MessageBarType, Stack, Text } from '@fluentui/react';
import { buildAdminMailto } from '../../core/mailbox-view';
import type { StringKey } from '../strings';
import { useFormatCount, useGetString } from '../texts';
import type { ApproveBlocker } from '../actions';

/** Props of the "can you approve?" notice shown before any write. */
export type CanApproveNoticeProps = {
    canApprove: boolean;
    blockers: readonly ApproveBlocker[];
    /** How many mailboxes are pending approval (core/mailbox-view.ts isPendingApproval, the Pending approval filter). */
    pendingCount: number;
    /** Their addresses, for Copy and Email an admin (rows without an address have none). */
    pendingAddresses: readonly string[];
    /** Receives the addresses joined by newlines; the parent writes the clipboard. */
    onCopyPending: (text: string) => void;
    /** Receives a ready, encoded mailto: URL; the parent opens it. */
    onEmailAdmin: (mailtoUrl: string) => void;
};

const BLOCKER_KEYS: Record<ApproveBlocker, StringKey> = {
    missingPrivilege: 'Approve_MissingPrivilege',
    missingRole: 'Approve_MissingRole',
    checkFailed: 'Approve_CheckFailed',
    refused: 'Approve_Refused',
};

/** "You can / cannot approve mailboxes because …", with the honest note on M365 admin roles and two actions. */
export const CanApproveNotice = React.memo(function CanApproveNotice(props: CanApproveNoticeProps) {
    const { canApprove, blockers, pendingAddresses } = props;
    const getString = useGetString();
    const formatCount = useFormatCount();
    const mailto = React.useMemo(
        () => buildAdminMailto(getString('Approve_MailSubject'), getString('Approve_MailIntro'), pendingAddresses),
        [getString, pendingAddresses],
    );
    const hasPending = pendingAddresses.length > 0;
    const { pendingCount } = props;
    return (
        <MessageBar
            messageBarType={canApprove ? MessageBarType.success : MessageBarType.warning}
            isMultiline
            delayedRender={false}
        >
            <Stack tokens={{ childrenGap: 4 }}>
                <Text block>{getString(canApprove ? 'Approve_Can' : 'Approve_Cannot')}</Text>
                {!canApprove && blockers.length > 0 && (
                    <ul>
                        {blockers.map((blocker) => (
                            <li key={blocker}>{getString(BLOCKER_KEYS[blocker])}</li>
                        ))}
                    </ul>
                )}
                <Text block>{getString('Approve_AdminNote')}</Text>
                {pendingCount > 0 && <Text block>{formatCount('Approve_PendingCount', pendingCount)}</Text>}
                {mailto.omitted > 0 && <Text block>{formatCount('Approve_MailTruncated', mailto.omitted)}</Text>}
                <Stack horizontal wrap tokens={{ childrenGap: 8 }}>
                    <DefaultButton
                        text={getString('Approve_CopyPending')}
                        disabled={!hasPending}
                        onClick={() => props.onCopyPending(pendingAddresses.join('\n'))}
                    />
                    <DefaultButton
                        text={getString('Approve_EmailAdmin')}
                        disabled={!hasPending}
                        onClick={() => props.onEmailAdmin(mailto.url)}
                    />
                </Stack>
            </Stack>
        </MessageBar>
    );
});
CanApproveNotice.displayName = 'CanApproveNotice';
