import { guidLiteral } from '../core/odata';
import type { ProfileRecord } from '../core/profile';
import { FORMATTED_VALUE, type DataverseHttp } from './http';

const PROFILE_COLUMNS = [
    'emailserverprofileid',
    'name',
    'servertype',
    'emailservertypename',
    'serverauthority',
    'incomingcredentialretrieval',
    'incomingauthenticationprotocol',
    'oauthclientid',
    'isoauthclientsecretset',
    'exchangeonlinetenantid',
    'usedefaulttenantid',
    'incomingserverlocation',
].join(',');

/** Read the profile columns the control needs (never the write-only secret). */
export async function fetchProfile(
    http: DataverseHttp,
    profileId: string,
    signal?: AbortSignal,
): Promise<ProfileRecord> {
    const res = await http.send<ProfileRecord>(
        `emailserverprofiles(${guidLiteral(profileId)})?$select=${PROFILE_COLUMNS}`,
        {
            prefer: [`odata.include-annotations="${FORMATTED_VALUE}"`],
            signal,
        },
    );
    return res.body;
}
