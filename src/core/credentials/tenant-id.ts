/** Tenant ID validation (entra-and-exchange.md §2.1): a GUID, or a domain that discovery resolves to one. */
import { GUID_INSIDE, NIL_GUID, isGuid } from './guid';
import { cleanPaste, safeDecode, type FixCode } from './paste';

/** Why a tenant value is refused. */
export type TenantIdCode = 'tenantEmpty' | 'tenantNil' | 'tenantGeneric' | 'tenantInvalid';

/** A usable tenant: a GUID to store, or a domain that must be resolved to its GUID before save. */
export type TenantValue =
    { kind: 'guid'; tenantId: string } | { kind: 'domain'; domain: string; mustResolveBeforeSave: true };

/** Result of parseTenantId; `fixes` lists what was corrected so the UI can offer the normalised value. */
export type TenantIdResult =
    | { ok: true; value: TenantValue; normalised: string; fixes: FixCode[] }
    | { ok: false; code: TenantIdCode; fixes: FixCode[] };

/** The column holds 36 characters (dataverse.md §2), so a domain is never stored. */
export const TENANT_COLUMN_LENGTH = 36;

const GENERIC_TENANTS = new Set(['common', 'organizations', 'consumers']);
// RFC 1035 labels: 1–63 letters/digits/hyphens, no hyphen at either end; at least one dot; alphabetic TLD.
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const NAMED_SEGMENT = /(?:[?&#]tenant(?:id)?=|\/tenantid\/|\/directoryid\/)([^/?&#\s]+)/i;
const FIRST_PATH_SEGMENT = /^https?:\/\/[^/?#]+\/([^/?#]+)/i;

/** Pick the tenant out of a pasted URL: a named tenant parameter, any GUID, else the first path segment. */
function extractFromUrl(text: string): string | undefined {
    if (!/^https?:\/\//i.test(text) && !/[/?#]/.test(text)) return undefined;
    const named = NAMED_SEGMENT.exec(text);
    if (named) return safeDecode(named[1]);
    const guid = GUID_INSIDE.exec(text);
    if (guid) return guid[0];
    const first = FIRST_PATH_SEGMENT.exec(text);
    return first ? safeDecode(first[1]) : undefined;
}

function refused(code: TenantIdCode, fixes: FixCode[]): TenantIdResult {
    return { ok: false, code, fixes };
}

function classify(text: string, fixes: FixCode[]): TenantIdResult {
    const lower = text.toLowerCase();
    if (isGuid(text)) {
        if (lower === NIL_GUID) return refused('tenantNil', fixes);
        if (lower !== text) fixes.push('lowercased');
        return { ok: true, value: { kind: 'guid', tenantId: lower }, normalised: lower, fixes };
    }
    if (GENERIC_TENANTS.has(lower)) return refused('tenantGeneric', fixes);
    if (DOMAIN.test(text)) {
        return {
            ok: true,
            value: { kind: 'domain', domain: lower, mustResolveBeforeSave: true },
            normalised: lower,
            fixes,
        };
    }
    return refused('tenantInvalid', fixes);
}

/** Parse what an admin pasted into Tenant ID; never throws. */
export function parseTenantId(raw: string): TenantIdResult {
    const { text, fixes } = cleanPaste(raw, true);
    if (text === '') return refused('tenantEmpty', fixes);
    const fromUrl = extractFromUrl(text);
    if (fromUrl === undefined) return classify(text, fixes);
    fixes.push('extractedFromUrl');
    return classify(fromUrl.replace(/^\{|\}$/g, ''), fixes);
}
