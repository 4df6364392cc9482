import * as React from 'react';
import { MessageBar, MessageBarButton, MessageBarType, Spinner, SpinnerSize } from '@fluentui/react';
import type { LastTestVerdict } from '../../core/connection-test/last-test';
import type { ConnectionCheck } from '../hooks/use-connection-check';
import { format, type StringKey } from '../strings';
import { useFormatDateTime, useGetString } from '../texts';

/** Props of the run confirmation's word on the last connection test. */
export type ConnectionWarningProps = { check: ConnectionCheck; onTestConnection?: () => void };

const VERDICT_KEYS: Record<Exclude<LastTestVerdict['kind'], 'passed'>, StringKey> = {
    failed: 'Run_ConnectionFailed',
    notFinished: 'Run_ConnectionNotFinished',
    changedSince: 'Run_ConnectionChanged',
    none: 'Run_ConnectionNone',
};

/**
 * Before a run: the last connection test failed, did not finish, is older than the profile's settings or never ran.
 * Said first, with "Test connection"; the admin may still start the run (issue 13 item 2).
 */
export const ConnectionWarning = React.memo(function ConnectionWarning({
    check,
    onTestConnection,
}: ConnectionWarningProps) {
    const getString = useGetString();
    const formatDateTime = useFormatDateTime();
    if (check.status === 'checking') {
        return <Spinner size={SpinnerSize.small} labelPosition="right" label={getString('Run_ConnectionChecking')} />;
    }
    if (check.status === 'failed') {
        return (
            <MessageBar messageBarType={MessageBarType.warning}>
                {format(getString('Run_ConnectionUnknown'), check.message)}
            </MessageBar>
        );
    }
    const { verdict } = check;
    if (!verdict || verdict.kind === 'passed') return null;
    const text = format(getString(VERDICT_KEYS[verdict.kind]), 'at' in verdict ? formatDateTime(verdict.at) : '');
    const action = onTestConnection && (
        <MessageBarButton onClick={onTestConnection}>{getString('ConnectionTest_Run')}</MessageBarButton>
    );
    return (
        <MessageBar messageBarType={MessageBarType.warning} isMultiline actions={action || undefined}>
            {text}
        </MessageBar>
    );
});
ConnectionWarning.displayName = 'ConnectionWarning';
