/** GUID helpers and the Microsoft IDs admins paste by mistake (entra-and-exchange.md §1, §2.2, §6). */

/** A GUID anywhere inside a longer text (a pasted URL). */
export const GUID_INSIDE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const GUID = new RegExp(`^${GUID_INSIDE.source}$`, 'i');

/** The all-zero GUID: never a tenant or an application. */
export const NIL_GUID = '00000000-0000-0000-0000-000000000000';

/** Office 365 Exchange Online resource appId (entra §1). */
export const EXCHANGE_RESOURCE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
/** Microsoft Graph resource appId. */
export const GRAPH_RESOURCE_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Role id of the full_access_as_app application permission on Exchange Online (entra §1). */
export const FULL_ACCESS_AS_APP_ROLE_ID = 'dc890d15-9560-4a4c-9b7f-a736ec74ec40';
/** Dynamics CRM first-party service principal appId (entra §6, hybrid). */
export const DYNAMICS_CRM_APP_ID = '00000007-0000-0000-c000-000000000000';

/** True when the whole value is a GUID (any case, no braces). */
export function isGuid(value: string): boolean {
    return GUID.test(value);
}

/** Without surrounding whitespace and braces ("{ABC…}" as the platform writes ids), lower-cased. */
export function bareGuid(value: string): string {
    return value
        .trim()
        .replace(/^\{|\}$/g, '')
        .toLowerCase();
}

/** Case-insensitive GUID comparison; false when either side is empty. */
export function sameGuid(first: string | undefined, second: string | undefined): boolean {
    if (!first || !second) return false;
    return bareGuid(first) === bareGuid(second);
}
