/** The email server profile read (dataverse.md §2). */
import { guidLiteral } from '../core/odata';
import type { ProfileRecord } from '../core/profile';
import { ANNOTATIONS, ENTITY_SET, PROFILE } from '../core/schema';
import type { DataverseHttp } from './http';

/** The columns the control reads: never the write-only secret, only whether one is set. */
const PROFILE_SELECT = [
    PROFILE.id,
    PROFILE.name,
    PROFILE.serverType,
    PROFILE.serverTypeName,
    PROFILE.serverAuthority,
    PROFILE.incomingCredentialRetrieval,
    PROFILE.incomingAuthenticationProtocol,
    PROFILE.clientId,
    PROFILE.isClientSecretSet,
    PROFILE.tenantId,
    PROFILE.useDefaultTenantId,
    PROFILE.incomingServerLocation,
].join(',');

/** The key segment of one profile. */
export function profilePath(profileId: string): string {
    return `${ENTITY_SET.emailServerProfile}(${guidLiteral(profileId)})`;
}

/** Read the profile columns the control needs. */
export async function fetchProfile(
    http: DataverseHttp,
    profileId: string,
    signal?: AbortSignal,
): Promise<ProfileRecord> {
    const response = await http.send<ProfileRecord>(`${profilePath(profileId)}?$select=${PROFILE_SELECT}`, {
        prefer: [`odata.include-annotations="${ANNOTATIONS.formattedValue}"`],
        signal,
    });
    return response.body;
}

/**
 * Replace the client secret. The column is write-only, so it is PATCHed alone and the write is confirmed through
 * isoauthclientsecretset (dataverse.md §2); the value is never read back.
 */
export async function saveClientSecret(http: DataverseHttp, profileId: string, secret: string): Promise<void> {
    await http.send(profilePath(profileId), {
        method: 'PATCH',
        body: { [PROFILE.clientSecret]: secret },
        ifMatch: '*',
    });
    const check = await http.send<Record<string, unknown>>(
        `${profilePath(profileId)}?$select=${PROFILE.isClientSecretSet}`,
    );
    if (check.body[PROFILE.isClientSecretSet] !== true) throw new Error('The secret was not stored.');
}
