import { h, memo } from './react';
import { MessageBar, MessageBarType, Stack, Text } from './fluent';
import type { Cloud, ProfileKind, ProfileRecord } from '../core/profile';
import { format, type GetString, type StringKey } from './strings';

/** Props of the profile header. */
export type ProfileHeaderProps = {
    profile: ProfileRecord;
    kind: ProfileKind;
    cloud: Cloud;
    getString: GetString;
};

const KIND_KEYS: Record<ProfileKind, StringKey> = {
    crossTenantOAuth: 'Kind_CrossTenantOAuth',
    hybridS2S: 'Kind_HybridS2S',
    exchangeOnline: 'Kind_ExchangeOnline',
    unsupported: 'Kind_Unsupported',
};

const CLOUD_KEYS: Record<Cloud, StringKey> = {
    commercial: 'Cloud_Commercial',
    usGov: 'Cloud_UsGov',
    china: 'Cloud_China',
    automatic: 'Cloud_Automatic',
    unknown: 'Cloud_Unknown',
};

/** Name, kind and cloud of the profile the control sits on. */
export const ProfileHeader = memo(function ProfileHeader({ profile, kind, cloud, getString }: ProfileHeaderProps) {
    const typeLabel = profile.emailservertypename ?? String(profile.servertype);
    return (
        <Stack tokens={{ childrenGap: 4 }}>
            <Text variant="large" as="h2" block>
                {profile.name}
            </Text>
            <Text variant="small" block>
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
