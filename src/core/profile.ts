import { EXO_SERVER_TYPE, XT_CREDENTIAL_RETRIEVAL } from './assumptions';

/** The email server profile columns the control reads (dataverse.md §2). */
export type ProfileRecord = {
    emailserverprofileid: string;
    name: string;
    servertype: number;
    emailservertypename?: string | null;
    serverauthority: number | null;
    incomingcredentialretrieval: number | null;
    incomingauthenticationprotocol?: number | null;
    oauthclientid?: string | null;
    isoauthclientsecretset?: boolean | null;
    exchangeonlinetenantid?: string | null;
    usedefaulttenantid?: boolean | null;
    incomingserverlocation?: string | null;
    '@odata.etag'?: string;
};

/** What the control shows for a profile. */
export type ProfileKind = 'crossTenantOAuth' | 'hybridS2S' | 'exchangeOnline' | 'unsupported';

/** serverauthority option values (dataverse.md §2). */
export type Cloud = 'commercial' | 'usGov' | 'china' | 'automatic' | 'unknown';

/** Server-to-server credential retrieval (dataverse.md §2). */
export const CREDENTIAL_RETRIEVAL_S2S = 2;
/** servertype 3 = Exchange Online (Hybrid): Dynamics on-premises with Exchange Online (dataverse.md §2). */
export const SERVER_TYPE_EXO_HYBRID = 3;

const EXCHANGE_ONLINE_HOST =
    /(^|\.)(outlook\.office365\.(com|us)|partner\.outlook\.cn|outlook-dod\.office365\.us|webmail\.apps\.mil)$/i;

function hostOf(url: string | null | undefined): string {
    if (!url) return '';
    const match = /^https?:\/\/([^/:?#]+)/i.exec(url.trim());
    return match ? match[1] : '';
}

/** Decide which kind of profile this is, from the server type, the credential retrieval and the EWS host. */
export function classifyProfile(profile: ProfileRecord): ProfileKind {
    if (profile.servertype === SERVER_TYPE_EXO_HYBRID) return 'hybridS2S';
    if (profile.servertype !== EXO_SERVER_TYPE) return 'unsupported';
    if (profile.incomingcredentialretrieval === XT_CREDENTIAL_RETRIEVAL) return 'crossTenantOAuth';
    const host = hostOf(profile.incomingserverlocation);
    const label = (profile.emailservertypename ?? '').toLowerCase();
    if (host === '' ? label.includes('exchange online') : EXCHANGE_ONLINE_HOST.test(host)) return 'exchangeOnline';
    return 'unsupported';
}

/**
 * Whether server-side sync signs in with a client secret stored on the profile: only cross-tenant OAuth does (entra
 * §1: Client secret → oauthclientsecret). Exchange Online (Hybrid) uses a certificate (entra §6) and same-tenant
 * Exchange Online the platform's own server-to-server trust, so neither has a secret to miss.
 */
export function needsClientSecret(kind: ProfileKind): boolean {
    return kind === 'crossTenantOAuth';
}

/** The cloud of each serverauthority option value: 0 Public+GCC, 1 US Gov, 2 China, 3 Automatic. */
const AUTHORITY_CLOUDS: readonly Cloud[] = ['commercial', 'usGov', 'china', 'automatic'];

/** Map serverauthority to a cloud; any other value is 'unknown'. */
export function cloudOfAuthority(serverAuthority: number | null): Cloud {
    return (serverAuthority !== null && AUTHORITY_CLOUDS[serverAuthority]) || 'unknown';
}

/**
 * The profile could not be read because no Dataverse Web API answered: the request never got an answer, or the page
 * answered with something that is not Dataverse (pcf-start's harness, a web server without the API).
 */
export class DataverseUnreachableError extends Error {
    constructor(detail: string) {
        super(detail);
        this.name = 'DataverseUnreachableError';
    }
}
