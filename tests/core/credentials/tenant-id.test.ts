import { parseTenantId } from '../../../src/core/credentials/tenant-id';

const G = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const UPPER = G.toUpperCase();

describe('parseTenantId', () => {
    it.each([
        ['a lowercase GUID', G, []],
        ['an uppercase GUID', UPPER, ['lowercased']],
        ['a GUID with surrounding spaces', `  ${G}\t`, ['trimmed']],
        ['a GUID with a trailing line break', `${G}\r\n`, ['trimmed']],
        ['a GUID in braces', `{${G}}`, ['removedBraces']],
        ['a GUID in double quotes', `"${G}"`, ['removedQuotes']],
        ['a GUID in single quotes', `'${G}'`, ['removedQuotes']],
        ['a GUID in typographic quotes', `\u201c${G}\u201d`, ['removedQuotes']],
        [
            'a quoted GUID in braces with spaces',
            ` "{${UPPER}}" `,
            ['trimmed', 'removedQuotes', 'removedBraces', 'lowercased'],
        ],
        ['a login URL', `https://login.microsoftonline.com/${G}/v2.0`, ['extractedFromUrl']],
        ['a token endpoint URL', `https://login.microsoftonline.us/${G}/oauth2/v2.0/token`, ['extractedFromUrl']],
        [
            'a portal URL with /tenantId/',
            `https://portal.azure.com/#view/Microsoft_AAD_IAM/TenantOverview.ReactView/tenantId/${G}`,
            ['extractedFromUrl'],
        ],
        ['an Entra URL with ?tenant=', `https://entra.microsoft.com/?tenant=${G}#home`, ['extractedFromUrl']],
        [
            'a URL with an uppercase GUID',
            `https://login.microsoftonline.com/${UPPER}/v2.0`,
            ['extractedFromUrl', 'lowercased'],
        ],
    ])('accepts %s', (_name, raw, fixes) => {
        const result = parseTenantId(raw);
        expect(result).toEqual({ ok: true, value: { kind: 'guid', tenantId: G }, normalised: G, fixes });
    });

    it.each([
        ['contoso.onmicrosoft.com', 'contoso.onmicrosoft.com'],
        ['Contoso.COM', 'contoso.com'],
        ['mail.sub-domain.contoso.co.uk', 'mail.sub-domain.contoso.co.uk'],
        ['a-b.de', 'a-b.de'],
        ['https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0', 'contoso.onmicrosoft.com'],
    ])('accepts the domain %s but asks to resolve it before save', (raw, domain) => {
        const result = parseTenantId(raw);
        expect(result.ok && result.value).toEqual({ kind: 'domain', domain, mustResolveBeforeSave: true });
    });

    it.each([
        ['', 'tenantEmpty'],
        ['   ', 'tenantEmpty'],
        ['""', 'tenantEmpty'],
        ['{}', 'tenantEmpty'],
        ['00000000-0000-0000-0000-000000000000', 'tenantNil'],
        ['{00000000-0000-0000-0000-000000000000}', 'tenantNil'],
        ['common', 'tenantGeneric'],
        ['Organizations', 'tenantGeneric'],
        ['consumers', 'tenantGeneric'],
        ['https://login.microsoftonline.com/common/v2.0', 'tenantGeneric'],
        [G.slice(0, 35), 'tenantInvalid'],
        [`${G}0`, 'tenantInvalid'],
        [G.replace(/-/g, ''), 'tenantInvalid'],
        [G.replace('7', 'g'), 'tenantInvalid'],
        [`${G} ${G}`, 'tenantInvalid'],
        ['contoso', 'tenantInvalid'],
        ['-contoso.com', 'tenantInvalid'],
        ['contoso-.com', 'tenantInvalid'],
        ['contoso..com', 'tenantInvalid'],
        ['contoso.c', 'tenantInvalid'],
        ['conto so.com', 'tenantInvalid'],
        ['contoso.com.', 'tenantInvalid'],
        [`${'a'.repeat(64)}.com`, 'tenantInvalid'],
        ['user@contoso.com', 'tenantInvalid'],
        ['\u{1F600}', 'tenantInvalid'],
        [`${G}\u{1F600}`, 'tenantInvalid'],
        ['https://login.microsoftonline.com/', 'tenantInvalid'],
        ['https://portal.azure.com/#home', 'tenantInvalid'],
    ])('rejects %j with %s', (raw, code) => {
        expect(parseTenantId(raw)).toMatchObject({ ok: false, code });
    });

    it('accepts a 36-character GUID but not 35 or 37 characters', () => {
        expect(G).toHaveLength(36);
        expect(parseTenantId(G).ok).toBe(true);
        expect(parseTenantId(G.slice(1)).ok).toBe(false);
        expect(parseTenantId(`${G}a`).ok).toBe(false);
    });

    it('reports the fixes on a rejected value so the UI can still explain the cleanup', () => {
        expect(parseTenantId(' common ')).toEqual({ ok: false, code: 'tenantGeneric', fixes: ['trimmed'] });
    });

    it('never throws on a malformed URL escape', () => {
        expect(parseTenantId('https://login.microsoftonline.com/%E0%A4%A/v2.0')).toMatchObject({ ok: false });
    });
});
