/** OData literal helpers: every value that enters a URL goes through here (house style, ERRORS AND SAFETY). */
import { bareGuid, isGuid } from './credentials/guid';

/** Normalise a record id ("{ABC…}" from the platform) to a bare lowercase GUID, or undefined when it is not one. */
export function normaliseGuid(value: string | null | undefined): string | undefined {
    if (!value) return undefined;
    const bare = bareGuid(value);
    return isGuid(bare) ? bare : undefined;
}

/** A GUID for use in a key segment or filter; throws on anything else so nothing unchecked reaches a URL. */
export function guidLiteral(value: string): string {
    const guid = normaliseGuid(value);
    if (!guid) throw new Error('Not a GUID');
    return guid;
}

/** A quoted, escaped OData string literal, URL-encoded for a query option. */
export function stringLiteral(value: string): string {
    return encodeURIComponent(`'${value.replace(/'/g, "''")}'`);
}

/** A DateTimeOffset literal (UTC, ISO 8601); throws on anything that is not a date so nothing unchecked reaches a URL. */
export function isoLiteral(value: string): string {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new Error('Not a date');
    return new Date(ms).toISOString();
}
