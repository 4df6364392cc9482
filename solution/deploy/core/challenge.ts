/** The 401 challenge a Dataverse environment answers without a token (deploy.md §1, as ServiceClient reads it). */

/** What the challenge tells: the sign-in host and tenant. */
export type Challenge = { loginHost: string; tenant: string; resourceId?: string };

/** The parameters of a `Bearer k=v, k="v"` header, keys in lower case. */
function bearerParameters(header: string): Map<string, string> | undefined {
    const match = /^\s*Bearer\s+(.*)$/i.exec(header);
    if (!match) return undefined;
    const parameters = new Map<string, string>();
    for (const part of match[1].matchAll(/([A-Za-z_]+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/g))
        parameters.set(part[1].toLowerCase(), part[2] ?? part[3] ?? '');
    return parameters;
}

/**
 * Read `WWW-Authenticate: Bearer authorization_uri=https://<login host>/<tenant>/oauth2/authorize, resource_id=…`.
 * `common` becomes `organizations` (a work account is required, ServiceClient's AuthorityResolver does the same).
 * Undefined when the header is not such a challenge.
 */
export function parseChallenge(header: string | null): Challenge | undefined {
    if (!header) return undefined;
    const parameters = bearerParameters(header);
    const uri = parameters?.get('authorization_uri');
    if (!uri) return undefined;
    let url: URL;
    try {
        url = new URL(uri);
    } catch {
        return undefined;
    }
    if (url.protocol !== 'https:') return undefined;
    const tenant = url.pathname.split('/').filter(Boolean)[0];
    if (!tenant) return undefined;
    return {
        loginHost: url.hostname.toLowerCase(),
        tenant: tenant.toLowerCase() === 'common' ? 'organizations' : tenant,
        resourceId: parameters?.get('resource_id'),
    };
}
