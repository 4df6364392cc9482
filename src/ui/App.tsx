import * as React from 'react';
import { DefaultButton, MessageBar, MessageBarType, Spinner, Stack, Text } from '@fluentui/react';
import { classifyProfile, cloudOfAuthority, type ProfileRecord } from '../core/profile';
import { ProfileHeader } from './ProfileHeader';
import { useProfile } from './hooks/use-profile';
import { format, type GetString } from './strings';

/** Everything the control needs from the platform, already adapted (see src/pcf/context-adapter.ts). */
export type AppProps = {
    profileId: string | undefined;
    isReadOnly: boolean;
    getString: GetString;
    loadProfile: (signal: AbortSignal) => Promise<ProfileRecord>;
};

/** Root of the control. */
export const App = React.memo(function App({ profileId, isReadOnly, getString, loadProfile }: AppProps) {
    const { state, reload } = useProfile(profileId, loadProfile);
    let body: React.ReactNode;
    if (!profileId) {
        body = <MessageBar messageBarType={MessageBarType.info}>{getString('State_NewRecord')}</MessageBar>;
    } else if (state.status === 'loading') {
        body = <Spinner label={getString('State_Loading')} />;
    } else if (state.status === 'failed') {
        body = (
            <MessageBar
                messageBarType={MessageBarType.error}
                actions={<DefaultButton onClick={reload}>{getString('Action_Retry')}</DefaultButton>}
            >
                {format(getString('State_LoadFailed'), state.message)}
            </MessageBar>
        );
    } else {
        const { profile } = state;
        body = (
            <ProfileHeader
                profile={profile}
                kind={classifyProfile(profile)}
                cloud={cloudOfAuthority(profile.serverauthority)}
                getString={getString}
            />
        );
    }
    return (
        <Stack tokens={{ childrenGap: 8 }} styles={{ root: { maxWidth: '100%' } }}>
            <Text variant="mediumPlus" as="h1" block>
                {getString('Header_Title')}
            </Text>
            {isReadOnly && <MessageBar messageBarType={MessageBarType.warning}>{getString('State_ReadOnly')}</MessageBar>}
            {body}
        </Stack>
    );
});
App.displayName = 'App';
