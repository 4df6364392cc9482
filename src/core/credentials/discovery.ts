/** Tenant discovery through OIDC metadata, national clouds, and the serverauthority check (entra §2.1, §4). */
import {
    AUTOMATIC_AUTHORITY_CLOUD,
    CHINA_LOGIN_HOST,
    COMMERCIAL_LOGIN_HOST,
    DISCOVERY_FALLBACK_HOSTS,
    DISCOVERY_NOT_FOUND_STATUSES,
    US_GOV_LOGIN_HOST,
} from '../assumptions';
import type { Cloud } from '../profile';
import { isGuid } from './guid';
import type { StringKey } from '../string-keys';

/** The cloud a discovery document reveals. */
export type DetectedCloud = 'commercial' | 'gcc' | 'gccHigh' | 'dod' | 'china' | 'usGov-unknown';

/** What a discovery answer means; a failure to ask is "unverifiable", never "not found". */
export type DiscoveryResult =
    | { kind: 'found'; tenantId: string; cloud: DetectedCloud; regionScope?: string; subScope?: string }
    | { kind: 'notFound'; code: number }
    | { kind: 'unverifiable' };

/** Maps a real login host to a test base URL, e.g. `http://127.0.0.1:1234/_discovery/login.microsoftonline.com`. */
export type HostOverride = (host: string) => string;

/** serverauthority values (dataverse.md §2). */
export type ServerAuthority = 0 | 1 | 2 | 3;

/** Result of checkCloudMatch: a mismatch names the serverauthority value to pick. */
export type CloudMatch =
    | { ok: true }
    | { ok: false; code: 'cloudMismatch'; detectedCloud: DetectedCloud; expectedAuthority: ServerAuthority };

/** Login hosts to use for a cloud; an unknown cloud gets every host, in the fallback order. */
export function loginHostsFor(cloud: Cloud | DetectedCloud): readonly string[] {
    switch (cloud) {
        case 'commercial':
        case 'gcc':
            return [COMMERCIAL_LOGIN_HOST];
        case 'automatic':
            return loginHostsFor(AUTOMATIC_AUTHORITY_CLOUD);
        case 'usGov':
        case 'gccHigh':
        case 'dod':
        case 'usGov-unknown':
            return [US_GOV_LOGIN_HOST];
        case 'china':
            return [CHINA_LOGIN_HOST];
        default:
            return DISCOVERY_FALLBACK_HOSTS;
    }
}

/** The ONE builder of login-host URLs: `https://<host>/<tenant>/<path>`, tenant URL-encoded, host overridable. */
export function buildLoginUrl(tenant: string, host: string, path: string, hostOverride?: HostOverride): string {
    const base = hostOverride ? hostOverride(host).replace(/\/+$/, '') : `https://${host}`;
    return `${base}/${encodeURIComponent(tenant)}/${path}`;
}

/** OIDC discovery document URL for a tenant (GUID or domain) on one login host. */
export function buildDiscoveryUrl(tenant: string, host: string, hostOverride?: HostOverride): string {
    return buildLoginUrl(tenant, host, 'v2.0/.well-known/openid-configuration', hostOverride);
}

type AuthorityCloud = typeof AUTOMATIC_AUTHORITY_CLOUD;
const AUTHORITY_OF: Readonly<Record<AuthorityCloud, 0 | 1 | 2>> = { commercial: 0, usGov: 1, china: 2 };

function authorityCloud(serverAuthority: number | null): AuthorityCloud {
    if (serverAuthority === 1) return 'usGov';
    if (serverAuthority === 2) return 'china';
    if (serverAuthority === 3) return AUTOMATIC_AUTHORITY_CLOUD;
    return 'commercial';
}

/** Hosts to ask, in order: the one matching serverauthority, then .com → .us → .cn (entra §2.1). */
export function discoveryOrder(serverAuthority: number | null): string[] {
    const first = loginHostsFor(authorityCloud(serverAuthority));
    return [...new Set([...first, ...DISCOVERY_FALLBACK_HOSTS])];
}

type Json = Record<string, unknown>;

const UNVERIFIABLE: DiscoveryResult = { kind: 'unverifiable' };

function text(body: Json, name: string): string | undefined {
    const value = body[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
}

function cloudOf(issuerHost: string, regionScope?: string, subScope?: string): DetectedCloud {
    const sub = subScope?.toUpperCase();
    if (sub === 'GCC') return 'gcc';
    if (sub === 'DODCON') return 'gccHigh';
    if (sub === 'DOD') return 'dod';
    if (/\.cn$/i.test(issuerHost)) return 'china';
    const usGovScope = regionScope !== undefined && /^(USGov|USG)$/i.test(regionScope);
    if (usGovScope || /\.us$/i.test(issuerHost)) return 'usGov-unknown';
    return 'commercial';
}

function interpretFound(body: Json): DiscoveryResult {
    const issuer = /^https:\/\/([^/]+)\/([^/]+)\/v2\.0\/?$/i.exec(text(body, 'issuer') ?? '');
    if (!issuer || !isGuid(issuer[2])) return UNVERIFIABLE;
    const regionScope = text(body, 'tenant_region_scope');
    const subScope = text(body, 'tenant_region_sub_scope');
    const cloud = cloudOf(issuer[1], regionScope, subScope);
    return { kind: 'found', tenantId: issuer[2].toLowerCase(), cloud, regionScope, subScope };
}

function interpretError(body: Json): DiscoveryResult {
    const codes = body.error_codes;
    return Array.isArray(codes) && typeof codes[0] === 'number' ? { kind: 'notFound', code: codes[0] } : UNVERIFIABLE;
}

/** Read a discovery reply. Pass status 0 when fetch threw (CORS/CSP/offline): that is "could not verify". */
export function interpretDiscovery(httpStatus: number, jsonBody: unknown): DiscoveryResult {
    if (typeof jsonBody !== 'object' || jsonBody === null || Array.isArray(jsonBody)) return UNVERIFIABLE;
    const body = jsonBody as Json;
    if (httpStatus === 200) return interpretFound(body);
    return DISCOVERY_NOT_FOUND_STATUSES.includes(httpStatus) ? interpretError(body) : UNVERIFIABLE;
}

/** serverauthority a detected cloud needs: 0 commercial/GCC, 1 US Gov (GCC High, DoD), 2 China. */
export function authorityFor(cloud: DetectedCloud): 0 | 1 | 2 {
    if (cloud === 'commercial' || cloud === 'gcc') return 0;
    return cloud === 'china' ? 2 : 1;
}

/**
 * Compare the discovered cloud with serverauthority. 3 (Automatic) counts as AUTOMATIC_AUTHORITY_CLOUD
 * (commercial: the option follows this Dynamics environment, which we cannot see) — a guess kept in
 * assumptions.ts. null counts as the column default 0.
 */
export function checkCloudMatch(detectedCloud: DetectedCloud, serverAuthority: number | null): CloudMatch {
    const expected = authorityFor(detectedCloud);
    if (expected === AUTHORITY_OF[authorityCloud(serverAuthority)]) return { ok: true };
    return { ok: false, code: 'cloudMismatch', detectedCloud, expectedAuthority: expected };
}

/** Keys for discovery outcomes that are not AADSTS causes; Discovery_CloudMismatch takes {0} = option label. */
export const DISCOVERY_KEYS = {
    unverifiable: 'Discovery_Unverifiable',
    cloudMismatch: 'Discovery_CloudMismatch',
    cloudMismatchFix: 'Fix_WrongNationalCloud',
} as const satisfies Record<string, StringKey>;
