/**
 * Client secret checks (entra-and-exchange.md §2.3). The secret itself never appears in a result, except the
 * corrected value inside `fix` so the UI can write it back into the field it came from.
 */
import { isGuid, sameGuid } from './guid';
import { unquote, type FixCode } from './paste';
import type { StringKey } from '../string-keys';

/** Why a secret is refused (error) or questioned (warning). */
export type ClientSecretCode =
    | 'secretEmpty'
    | 'secretPasteArtifacts'
    | 'secretTooLong'
    | 'secretIsSecretId'
    | 'secretEqualsTenantId'
    | 'secretEqualsAppId'
    | 'secretLegacyFormat'
    | 'secretUnrecognisedFormat';

/** Which known shape the value has. */
export type SecretFormat = 'current40' | 'older37' | 'legacy32' | 'legacy34' | 'other';

/** Result of checkClientSecret: errors block save, warnings do not. */
export type ClientSecretResult =
    | { ok: true; value: { format: SecretFormat; severity: 'ok' } }
    | { ok: true; value: { format: SecretFormat; severity: 'warning'; code: ClientSecretCode } }
    | { ok: false; code: ClientSecretCode; severity: 'error'; fix?: { value: string; fixes: FixCode[] } };

/** The column holds 1024 characters (dataverse.md §2). */
export const SECRET_MAX_LENGTH = 1024;

const URL_SAFE = '[A-Za-z0-9_~.-]';
// Version digit at 0-based index 3, "Q~" at index 4–5 (entra §2.3).
const CURRENT_40 = new RegExp(`^${URL_SAFE}{3}8Q~${URL_SAFE}{34}$`);
const OLDER_37 = new RegExp(`^${URL_SAFE}{3}7Q~${URL_SAFE}{31}$`);
const LEGACY_32 = /^[A-Za-z0-9+/=:@[\]?*._~-]{32}$/;
const LEGACY_34 = /^(?=.*[-~_.])[A-Za-z0-9_~.-]{34}$/;

function errorResult(code: ClientSecretCode): ClientSecretResult {
    return { ok: false, code, severity: 'error' };
}

/** Whitespace anywhere, line breaks or wrapping quotes: never part of a real secret. */
function pasteFix(raw: string): { value: string; fixes: FixCode[] } | undefined {
    const fixes: FixCode[] = [];
    let value = raw;
    if (/[\r\n]/.test(value)) fixes.push('removedLineBreaks');
    if (value.trim() !== value) fixes.push('trimmed');
    value = value.replace(/\s+/g, '');
    const unquoted = unquote(value);
    if (unquoted !== undefined) {
        value = unquoted;
        fixes.push('removedQuotes');
    }
    if (value === raw) return undefined;
    if (fixes.length === 0) fixes.push('trimmed');
    return { value, fixes };
}

function formatOf(value: string): SecretFormat {
    if (CURRENT_40.test(value)) return 'current40';
    if (OLDER_37.test(value)) return 'older37';
    if (LEGACY_32.test(value)) return 'legacy32';
    if (LEGACY_34.test(value)) return 'legacy34';
    return 'other';
}

function classifyFormat(value: string): ClientSecretResult {
    const format = formatOf(value);
    if (format === 'current40' || format === 'older37') return { ok: true, value: { format, severity: 'ok' } };
    // Any printable-ASCII 16–64 character value may be an older secret (entra §2.3).
    const plausible = value.length >= 16 && value.length <= 64 && /^[\x21-\x7e]+$/.test(value);
    const code = format !== 'other' || plausible ? 'secretLegacyFormat' : 'secretUnrecognisedFormat';
    return { ok: true, value: { format, severity: 'warning', code } };
}

/** Check a pasted client secret against the other two fields; never throws and never echoes the secret. */
export function checkClientSecret(
    raw: string,
    ids: { tenantId?: string; applicationId?: string } = {},
): ClientSecretResult {
    if (raw.trim() === '') return errorResult('secretEmpty');
    if (raw.length > SECRET_MAX_LENGTH) return errorResult('secretTooLong');
    const fix = pasteFix(raw);
    if (fix) return { ok: false, code: 'secretPasteArtifacts', severity: 'error', fix };
    if (sameGuid(raw, ids.tenantId)) return errorResult('secretEqualsTenantId');
    if (sameGuid(raw, ids.applicationId)) return errorResult('secretEqualsAppId');
    if (isGuid(raw.replace(/^\{|\}$/g, ''))) return errorResult('secretIsSecretId');
    return classifyFormat(raw);
}

/** Show at most the first 3 characters (the Graph `hint`) and the length, e.g. "abc…(40 characters)". */
export function maskSecret(value: string): string {
    const { prefix, length } = secretHint(value);
    return `${prefix}\u2026(${length} characters)`;
}

/** The parts of maskSecret for a localised template: prefix (≤ 3 chars) and length. */
export function secretHint(value: string): { prefix: string; length: number } {
    const chars = [...value];
    // Showing 3 characters of a very short value would reveal most of it.
    return { prefix: chars.length >= 12 ? chars.slice(0, 3).join('') : '', length: chars.length };
}

/** Localised form of maskSecret: {0} = secretHint().prefix, {1} = secretHint().length. */
export const SECRET_MASK_KEY = 'Secret_Masked' satisfies StringKey;
