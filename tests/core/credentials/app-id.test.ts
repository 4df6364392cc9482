import { parseApplicationId } from '../../../src/core/credentials/app-id';

const APP = '1b2c3d4e-0000-4000-8000-123456789abc';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('parseApplicationId', () => {
    it.each([
        ['a GUID', APP, []],
        ['an uppercase GUID', APP.toUpperCase(), ['lowercased']],
        ['a GUID with whitespace', `\t${APP} `, ['trimmed']],
        ['a GUID in braces', `{${APP}}`, ['removedBraces']],
        ['a quoted GUID', `"${APP}"`, ['removedQuotes']],
        [
            'a portal URL with /appId/',
            `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${APP}/isMSAApp~/false`,
            ['extractedFromUrl'],
        ],
        [
            'an admin consent URL',
            `https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${APP}`,
            ['extractedFromUrl'],
        ],
    ])('accepts %s', (_name, raw, fixes) => {
        expect(parseApplicationId(raw, TENANT)).toEqual({
            ok: true,
            value: APP,
            fixes,
            hintKey: 'Hint_AppIdNotObjectId',
        });
    });

    it.each([
        ['', 'appEmpty'],
        ['  ', 'appEmpty'],
        ['not-a-guid', 'appNotGuid'],
        [APP.slice(0, 35), 'appNotGuid'],
        [`${APP}f`, 'appNotGuid'],
        ['contoso.onmicrosoft.com', 'appNotGuid'],
        ['\u{1F600}', 'appNotGuid'],
        ['00000000-0000-0000-0000-000000000000', 'appNil'],
        [TENANT, 'appSameAsTenant'],
        [TENANT.toUpperCase(), 'appSameAsTenant'],
        ['00000002-0000-0ff1-ce00-000000000000', 'appIsExchangeResource'],
        ['00000003-0000-0000-C000-000000000000', 'appIsGraphResource'],
        ['dc890d15-9560-4a4c-9b7f-a736ec74ec40', 'appIsPermissionId'],
        ['{00000007-0000-0000-c000-000000000000}', 'appIsDynamicsCrm'],
    ])('rejects %j with %s', (raw, code) => {
        expect(parseApplicationId(raw, TENANT)).toMatchObject({ ok: false, code, hintKey: 'Hint_AppIdNotObjectId' });
    });

    it('accepts the tenant GUID as an app ID when no tenant is known', () => {
        expect(parseApplicationId(TENANT).ok).toBe(true);
    });

    it('compares with a tenant given in braces', () => {
        expect(parseApplicationId(TENANT, `{${TENANT.toUpperCase()}}`)).toMatchObject({ code: 'appSameAsTenant' });
    });
});
