import * as React from 'react';
import { DefaultButton, MessageBar, MessageBarType, Spinner, SpinnerSize, Stack } from '@fluentui/react';
import { checkCloudMatch, type DetectedCloud } from '../../core/credentials/discovery';
import { isGuid } from '../../core/credentials/guid';
import { cloudOfAuthority } from '../../core/profile';
import { CLOUD_KEYS } from '../cloud-keys';
import type { DiscoveryState } from '../hooks/use-discovery';
import { format } from '../strings';
import { useGetString } from '../texts';

/** Props of the tenant discovery status. */
export type DiscoveryStatusProps = {
    state: DiscoveryState;
    serverAuthority: number | null;
    isReadOnly: boolean;
    /** Put the resolved GUID into the Tenant ID field (the column holds 36 characters, never a domain). */
    onUseGuid: (tenantId: string) => void;
};

type FoundProps = Omit<DiscoveryStatusProps, 'state'> & { tenant: string; tenantId: string; cloud: DetectedCloud };

function Found({ tenant, tenantId, cloud, serverAuthority, isReadOnly, onUseGuid }: FoundProps) {
    const getString = useGetString();
    const cloudLabel = getString(CLOUD_KEYS[cloud]);
    const isDomain = tenant !== tenantId;
    const match = checkCloudMatch(cloud, serverAuthority);
    const useButton = isDomain && !isReadOnly && (
        <DefaultButton onClick={() => onUseGuid(tenantId)}>{getString('Discovery_UseGuid')}</DefaultButton>
    );
    return (
        <>
            <MessageBar messageBarType={MessageBarType.success} actions={useButton || undefined}>
                {isDomain
                    ? format(getString('Discovery_Resolved'), tenantId, cloudLabel)
                    : format(getString('Discovery_Verified'), cloudLabel)}
            </MessageBar>
            {!match.ok && (
                <MessageBar messageBarType={MessageBarType.warning}>
                    {/* Names the serverauthority choice to pick by its label. */}
                    {`${format(
                        getString('Discovery_CloudMismatch'),
                        getString(CLOUD_KEYS[cloudOfAuthority(match.expectedAuthority)]),
                    )} ${getString('Fix_WrongNationalCloud')}`}
                </MessageBar>
            )}
        </>
    );
}

/** What tenant discovery found: the GUID and cloud, an unknown tenant, a cloud mismatch, or "could not verify". */
export const DiscoveryStatus = React.memo(function DiscoveryStatus(props: DiscoveryStatusProps) {
    const { state } = props;
    const getString = useGetString();
    let body: React.ReactNode = null;
    if (state.status === 'resolving') {
        body = <Spinner size={SpinnerSize.small} labelPosition="right" label={getString('Discovery_Resolving')} />;
    } else if (state.status === 'done' && state.result.kind === 'found') {
        const { tenantId, cloud } = state.result;
        body = <Found {...props} tenant={state.tenant} tenantId={tenantId} cloud={cloud} />;
    } else if (state.status === 'done' && state.result.kind === 'notFound') {
        body = (
            <MessageBar
                messageBarType={MessageBarType.error}
            >{`${getString('Error_TenantNotFound')} ${getString('Fix_TenantNotFound')}`}</MessageBar>
        );
    } else if (state.status === 'done') {
        // Blocked or unreachable (a thrown fetch: CSP, network): a GUID is still saved, a domain cannot be.
        const key = isGuid(state.tenant) ? 'Discovery_Unverifiable' : 'Discovery_UnverifiableDomain';
        body = <MessageBar messageBarType={MessageBarType.warning}>{getString(key)}</MessageBar>;
    }
    return <Stack tokens={{ childrenGap: 4 }}>{body}</Stack>;
});
DiscoveryStatus.displayName = 'DiscoveryStatus';
