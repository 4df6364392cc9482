import { Fragment, h, memo, type ReactNode } from '../react';
import { Spinner, SpinnerSize } from '@fluentui/react';
import { DefaultButton, MessageBar, MessageBarType, Stack } from '../fluent';
import { checkCloudMatch, type DetectedCloud } from '../../core/credentials/discovery';
import type { DiscoveryState } from '../hooks/use-discovery';
import { format, type GetString, type StringKey } from '../strings';

/** Props of the tenant discovery status. */
export type DiscoveryStatusProps = {
    state: DiscoveryState;
    serverAuthority: number | null;
    isReadOnly: boolean;
    /** Put the resolved GUID into the Tenant ID field (the column holds 36 characters, never a domain). */
    onUseGuid: (tenantId: string) => void;
    getString: GetString;
};

const DETECTED_CLOUD_KEYS: Record<DetectedCloud, StringKey> = {
    commercial: 'Cloud_Commercial',
    gcc: 'Cloud_Gcc',
    gccHigh: 'Cloud_GccHigh',
    dod: 'Cloud_Dod',
    china: 'Cloud_China',
    'usGov-unknown': 'Cloud_UsGov',
};

// serverauthority option → the label of that choice (the values checkCloudMatch names).
const AUTHORITY_KEYS: Record<0 | 1 | 2 | 3, StringKey> = {
    0: 'Cloud_Commercial',
    1: 'Cloud_UsGov',
    2: 'Cloud_China',
    3: 'Cloud_Automatic',
};

type FoundProps = Omit<DiscoveryStatusProps, 'state'> & { tenant: string; tenantId: string; cloud: DetectedCloud };

function Found({ tenant, tenantId, cloud, serverAuthority, isReadOnly, onUseGuid, getString }: FoundProps) {
    const cloudLabel = getString(DETECTED_CLOUD_KEYS[cloud]);
    const isDomain = tenant !== tenantId;
    const match = checkCloudMatch(cloud, serverAuthority);
    const useButton = isDomain && !isReadOnly && (
        <DefaultButton onClick={() => onUseGuid(tenantId)}>{getString('Discovery_UseGuid')}</DefaultButton>
    );
    return (
        <Fragment>
            <MessageBar messageBarType={MessageBarType.success} actions={useButton || undefined}>
                {isDomain
                    ? format(getString('Discovery_Resolved'), tenantId, cloudLabel)
                    : format(getString('Discovery_Verified'), cloudLabel)}
            </MessageBar>
            {!match.ok && (
                <MessageBar messageBarType={MessageBarType.warning}>
                    {`${format(getString('Discovery_CloudMismatch'), getString(AUTHORITY_KEYS[match.expectedAuthority]))} ${getString('Fix_WrongNationalCloud')}`}
                </MessageBar>
            )}
        </Fragment>
    );
}

/** What tenant discovery found: the GUID and cloud, an unknown tenant, a cloud mismatch, or "could not verify". */
export const DiscoveryStatus = memo(function DiscoveryStatus(props: DiscoveryStatusProps) {
    const { state, getString } = props;
    let body: ReactNode = null;
    if (state.status === 'resolving') {
        body = <Spinner size={SpinnerSize.small} labelPosition="right" label={getString('Discovery_Resolving')} />;
    } else if (state.status === 'done' && state.result.kind === 'found') {
        const { tenantId, cloud } = state.result;
        body = <Found {...props} tenant={state.tenant} tenantId={tenantId} cloud={cloud} />;
    } else if (state.status === 'done' && state.result.kind === 'notFound') {
        body = (
            <MessageBar messageBarType={MessageBarType.error}>
                {`${getString('Error_TenantNotFound')} ${getString('Fix_TenantNotFound')}`}
            </MessageBar>
        );
    } else if (state.status === 'done') {
        body = <MessageBar messageBarType={MessageBarType.warning}>{getString('Discovery_Unverifiable')}</MessageBar>;
    }
    return <Stack tokens={{ childrenGap: 4 }}>{body}</Stack>;
});
