/** Application (client) ID validation (entra-and-exchange.md §2.2). */
import {
    DYNAMICS_CRM_APP_ID,
    EXCHANGE_RESOURCE_APP_ID,
    FULL_ACCESS_AS_APP_ROLE_ID,
    GRAPH_RESOURCE_APP_ID,
    GUID_INSIDE,
    NIL_GUID,
    isGuid,
    sameGuid,
} from './guid';
import { cleanPaste, type FixCode } from './paste';
import type { StringKey } from '../string-keys';

/** Why an application ID is refused. */
export type ApplicationIdCode =
    | 'appEmpty'
    | 'appNotGuid'
    | 'appNil'
    | 'appSameAsTenant'
    | 'appIsExchangeResource'
    | 'appIsGraphResource'
    | 'appIsPermissionId'
    | 'appIsDynamicsCrm';

/** Result of parseApplicationId; `hintKey` always explains Application (client) ID vs Object ID. */
export type ApplicationIdResult =
    | { ok: true; value: string; fixes: FixCode[]; hintKey: 'Hint_AppIdNotObjectId' }
    | { ok: false; code: ApplicationIdCode; fixes: FixCode[]; hintKey: 'Hint_AppIdNotObjectId' };

const HINT = 'Hint_AppIdNotObjectId' satisfies StringKey;

// Microsoft's own IDs look valid but can never be the customer's app registration (entra §2.2, Inference).
const WELL_KNOWN: ReadonlyMap<string, ApplicationIdCode> = new Map([
    [EXCHANGE_RESOURCE_APP_ID, 'appIsExchangeResource'],
    [GRAPH_RESOURCE_APP_ID, 'appIsGraphResource'],
    [FULL_ACCESS_AS_APP_ROLE_ID, 'appIsPermissionId'],
    [DYNAMICS_CRM_APP_ID, 'appIsDynamicsCrm'],
]);

const PORTAL_APP_SEGMENT = /(?:\/appid\/|[?&#]client_?id=|[?&#]appid=)([0-9a-f-]{36})/i;

function fromUrl(text: string): string | undefined {
    if (!/^https?:\/\//i.test(text)) return undefined;
    const named = PORTAL_APP_SEGMENT.exec(text) ?? GUID_INSIDE.exec(text);
    return named ? (named[1] ?? named[0]) : undefined;
}

/** Parse what an admin pasted into Application ID; `tenantId` catches the classic copy slip. Never throws. */
export function parseApplicationId(raw: string, tenantId?: string): ApplicationIdResult {
    const cleaned = cleanPaste(raw, true);
    const fixes = cleaned.fixes;
    const refuse = (code: ApplicationIdCode): ApplicationIdResult => ({ ok: false, code, fixes, hintKey: HINT });
    let text = cleaned.text;
    if (text === '') return refuse('appEmpty');
    const extracted = fromUrl(text);
    if (extracted !== undefined) {
        text = extracted;
        fixes.push('extractedFromUrl');
    }
    if (!isGuid(text)) return refuse('appNotGuid');
    const lower = text.toLowerCase();
    if (lower !== text) fixes.push('lowercased');
    if (lower === NIL_GUID) return refuse('appNil');
    const wellKnown = WELL_KNOWN.get(lower);
    if (wellKnown) return refuse(wellKnown);
    if (sameGuid(lower, tenantId)) return refuse('appSameAsTenant');
    return { ok: true, value: lower, fixes, hintKey: HINT };
}
