import * as React from 'react';
import { MessageBar, MessageBarType, Stack, Text } from '@fluentui/react';
import type { Cloud, ProfileKind, ProfileRecord } from '../core/profile';
import { CLOUD_KEYS } from './cloud-keys';
import { format, type StringKey } from './strings';
import { useGetString } from './texts';

/** Props of the profile header. */
export type ProfileHeaderProps = {
    profile: ProfileRecord;
    kind: ProfileKind;
    cloud: Cloud;
};

const KIND_KEYS: Record<ProfileKind, StringKey> = {
    crossTenantOAuth: 'Kind_CrossTenantOAuth',
    hybridS2S: 'Kind_HybridS2S',
    exchangeOnline: 'Kind_ExchangeOnline',
    unsupported: 'Kind_Unsupported',
};

/** Name, kind and cloud of the profile the control sits on. */
export const ProfileHeader = React.memo(function ProfileHeader({ profile, kind, cloud }: ProfileHeaderProps) {
    const getString = useGetString();
    const typeLabel = profile.emailservertypename ?? String(profile.servertype);
    return (
        <Stack tokens={{ childrenGap: 4 }}>
            <Text block variant="large" as="h2">
                {profile.name}
            </Text>
            <Text block variant="small">
                <span>{getString('Header_Kind')}: </span>
                <span data-testid="profile-kind">{getString(KIND_KEYS[kind])}</span>
                <span> · {getString('Header_Cloud')}: </span>
                <span data-testid="profile-cloud">{getString(CLOUD_KEYS[cloud])}</span>
            </Text>
            {kind === 'unsupported' && (
                <MessageBar messageBarType={MessageBarType.info}>
                    {format(getString('Kind_UnsupportedDetail'), typeLabel)}
                </MessageBar>
            )}
        </Stack>
    );
});
ProfileHeader.displayName = 'ProfileHeader';
