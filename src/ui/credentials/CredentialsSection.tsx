import * as React from 'react';
import { Link, MessageBar, MessageBarType, Stack, Text } from '@fluentui/react';
import { TENANT_COLUMN_LENGTH } from '../../core/credentials/tenant-id';
import type { ProfileKind } from '../../core/profile';
import { useCredentials, type CredentialsChange } from '../hooks/use-credentials';
import type { ResolveTenant } from '../hooks/use-discovery';
import { format, type GetString, type StringKey } from '../strings';
import { useGetString } from '../texts';
import { DiscoveryStatus } from './DiscoveryStatus';
import { ValidatedField } from './ValidatedField';

/** Props of the Connection section's ID fields. Initial values are read once: re-key the section to reset it. */
export type CredentialsSectionProps = {
    kind: ProfileKind;
    /** exchangeonlinetenantid as stored. */
    tenantId?: string | null;
    /** oauthclientid as stored. */
    applicationId?: string | null;
    /** serverauthority: the cloud discovery compares against. */
    serverAuthority: number | null;
    /** usedefaulttenantid (hybrid S2S): Yes pins the tenant to the S2STenantId setting. */
    useDefaultTenantId?: boolean | null;
    isReadOnly?: boolean;
    /** Tenant discovery (src/dataverse/discovery-client.ts in the platform); without it nothing is looked up. */
    resolveTenant?: ResolveTenant;
    /** Valid, normalised values (undefined when not valid) and whether saving must wait. */
    onChange?: (change: CredentialsChange) => void;
    /** Opens the Mailboxes area (Exchange Online profiles have nothing to enter here). */
    onOpenMailboxes?: () => void;
};

// A GUID is 36 characters; a pasted portal URL is longer, so the field allows more and "apply fix" shortens it.
const FIELD_MAX_LENGTH = 2048;

function ExchangeOnlineNote({ onOpenMailboxes }: Pick<CredentialsSectionProps, 'onOpenMailboxes'>) {
    const getString = useGetString();
    const seeMailboxes = getString('Credentials_SeeMailboxes');
    return (
        <Stack tokens={{ childrenGap: 4 }}>
            <Text block>{getString('Credentials_ExchangeOnlineNothing')}</Text>
            {onOpenMailboxes ? (
                <Link onClick={onOpenMailboxes}>{seeMailboxes}</Link>
            ) : (
                <Text block>{seeMailboxes}</Text>
            )}
        </Stack>
    );
}

function HybridNote({ useDefaultTenantId }: Pick<CredentialsSectionProps, 'useDefaultTenantId'>) {
    const getString = useGetString();
    return (
        <Stack tokens={{ childrenGap: 4 }}>
            <Text block>{getString('Credentials_HybridGuidance')}</Text>
            <MessageBar messageBarType={useDefaultTenantId ? MessageBarType.warning : MessageBarType.info}>
                {getString('Credentials_UseDefaultTenantNote')}
            </MessageBar>
        </Stack>
    );
}

/** The text under a field: its hint, and when the form's column is cleared because the text cannot be stored, that. */
function describe(getString: GetString, label: StringKey, isCleared: boolean, hint?: StringKey): string | undefined {
    const notSaved = isCleared ? format(getString('Credentials_NotSaved'), getString(label)) : undefined;
    return [hint && getString(hint), notSaved].filter(Boolean).join(' ') || undefined;
}

/** Tenant ID and Application ID with validation as you type, tenant discovery, and per-kind guidance. */
export const CredentialsSection = React.memo(function CredentialsSection(props: CredentialsSectionProps) {
    const { kind, serverAuthority } = props;
    const getString = useGetString();
    const isReadOnly = props.isReadOnly ?? false;
    const { tenant, app, validation, discovery, isTenantCleared, isAppCleared } = useCredentials({
        kind,
        serverAuthority,
        initialTenantId: props.tenantId,
        initialApplicationId: props.applicationId,
        resolveTenant: props.resolveTenant,
        onChange: props.onChange,
    });
    if (kind === 'exchangeOnline') return <ExchangeOnlineNote {...props} />;
    // The header already explains an unsupported profile; there is nothing to enter for it.
    if (kind === 'unsupported') return null;
    const common = { isReadOnly, maxLength: FIELD_MAX_LENGTH };
    return (
        <Stack tokens={{ childrenGap: 8 }}>
            {kind === 'hybridS2S' && <HybridNote {...props} />}
            <ValidatedField
                {...common}
                label={getString('Credentials_TenantIdLabel')}
                description={describe(getString, 'Credentials_TenantIdLabel', isTenantCleared)}
                value={tenant.raw}
                result={validation.fields.tenantId}
                onChange={tenant.set}
                onBlur={tenant.blur}
                onApplyFix={tenant.setNow}
            />
            <DiscoveryStatus
                state={discovery}
                serverAuthority={serverAuthority}
                isReadOnly={isReadOnly}
                onUseGuid={(guid) => tenant.setNow(guid.slice(0, TENANT_COLUMN_LENGTH))}
            />
            {kind === 'crossTenantOAuth' && (
                <ValidatedField
                    {...common}
                    label={getString('Credentials_AppIdLabel')}
                    description={describe(getString, 'Credentials_AppIdLabel', isAppCleared, 'Hint_AppIdNotObjectId')}
                    value={app.raw}
                    result={validation.fields.applicationId}
                    onChange={app.set}
                    onBlur={app.blur}
                    onApplyFix={app.setNow}
                />
            )}
        </Stack>
    );
});
CredentialsSection.displayName = 'CredentialsSection';
