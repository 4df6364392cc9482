import * as React from 'react';
import { MessageBar, MessageBarButton, MessageBarType, Stack, Text } from '@fluentui/react';
import { CAUSES, type CauseCode } from '../../core/credentials/causes';
import { format } from '../strings';
import { useFormatNumber, useGetString } from '../texts';

/** Props of the notice shown when Dataverse refused a run's first approval because of who sent it. */
export type RefusalNoticeProps = {
    /** The refusal's cause: no Microsoft 365 admin role (approvalRefused) or no approval privilege. */
    cause: CauseCode;
    /** How many mailboxes of the run Test only would test (approved, or needing no approval). */
    testable: number;
    onTestOnly: () => void;
};

/**
 * The run stopped after its first approval was refused (issue 14 item 4): why, in the cause's words, what to do, and
 * Test only for the mailboxes that need no approval — which opens the usual confirmation.
 */
export const RefusalNotice = React.memo(function RefusalNotice({ cause, testable, onTestOnly }: RefusalNoticeProps) {
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    const { messageKey, fixKey } = CAUSES[cause];
    return (
        <MessageBar
            messageBarType={MessageBarType.severeWarning}
            isMultiline
            delayedRender={false}
            actions={
                testable > 0 ? (
                    <MessageBarButton onClick={onTestOnly}>{getString('Mailboxes_Command_TestOnly')}</MessageBarButton>
                ) : undefined
            }
        >
            <Stack tokens={{ childrenGap: 4 }}>
                <Text block>{getString('Run_RefusedStop')}</Text>
                <Text block>{getString(messageKey)}</Text>
                <Text block>{format(getString('Mailboxes_Details_Fix'), getString(fixKey))}</Text>
                <Text block>{format(getString('Run_RefusedTestOnly'), formatNumber(testable))}</Text>
            </Stack>
        </MessageBar>
    );
});
RefusalNotice.displayName = 'RefusalNotice';
