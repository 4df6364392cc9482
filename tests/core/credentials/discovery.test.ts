import {
    buildDiscoveryUrl,
    buildLoginUrl,
    checkCloudMatch,
    discoveryOrder,
    interpretDiscovery,
    loginHostsFor,
} from '../../../src/core/credentials/discovery';

const T = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('loginHostsFor', () => {
    it.each([
        ['commercial', ['login.microsoftonline.com']],
        ['gcc', ['login.microsoftonline.com']],
        ['automatic', ['login.microsoftonline.com']],
        ['usGov', ['login.microsoftonline.us']],
        ['gccHigh', ['login.microsoftonline.us']],
        ['dod', ['login.microsoftonline.us']],
        ['usGov-unknown', ['login.microsoftonline.us']],
        ['china', ['login.partner.microsoftonline.cn']],
        ['unknown', ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.partner.microsoftonline.cn']],
    ] as const)('gives the login hosts of %s', (cloud, hosts) => {
        expect(loginHostsFor(cloud)).toEqual(hosts);
    });
});

describe('buildDiscoveryUrl', () => {
    it('builds the OIDC metadata URL', () => {
        expect(buildDiscoveryUrl(T, 'login.microsoftonline.us')).toBe(
            `https://login.microsoftonline.us/${T}/v2.0/.well-known/openid-configuration`,
        );
    });

    it('maps the host through the sandbox override', () => {
        const override = (host: string) => `http://127.0.0.1:1234/_discovery/${host}`;
        expect(buildDiscoveryUrl('contoso.com', 'login.microsoftonline.com', override)).toBe(
            'http://127.0.0.1:1234/_discovery/login.microsoftonline.com/contoso.com/v2.0/.well-known/openid-configuration',
        );
    });

    it('URL-encodes the tenant segment', () => {
        expect(buildDiscoveryUrl('a/../b?x#', 'login.microsoftonline.com')).toBe(
            'https://login.microsoftonline.com/a%2F..%2Fb%3Fx%23/v2.0/.well-known/openid-configuration',
        );
    });

    it('drops a trailing slash from the override base', () => {
        expect(buildLoginUrl(T, 'h', 'x', () => 'http://127.0.0.1:1/base/')).toBe(`http://127.0.0.1:1/base/${T}/x`);
    });
});

describe('discoveryOrder', () => {
    it.each([
        [0, ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.partner.microsoftonline.cn']],
        [null, ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.partner.microsoftonline.cn']],
        [3, ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.partner.microsoftonline.cn']],
        [1, ['login.microsoftonline.us', 'login.microsoftonline.com', 'login.partner.microsoftonline.cn']],
        [2, ['login.partner.microsoftonline.cn', 'login.microsoftonline.com', 'login.microsoftonline.us']],
    ])('asks the host of serverauthority %p first', (authority, hosts) => {
        expect(discoveryOrder(authority)).toEqual(hosts);
    });
});

describe('interpretDiscovery', () => {
    const doc = (host: string, extra: Record<string, unknown> = {}) => ({
        issuer: `https://${host}/${T.toUpperCase()}/v2.0`,
        token_endpoint: `https://${host}/${T}/oauth2/v2.0/token`,
        ...extra,
    });

    it.each([
        ['commercial', doc('login.microsoftonline.com', { tenant_region_scope: 'EU' }), 'commercial', 'EU', undefined],
        [
            'GCC',
            doc('login.microsoftonline.com', { tenant_region_scope: 'NA', tenant_region_sub_scope: 'GCC' }),
            'gcc',
            'NA',
            'GCC',
        ],
        [
            'GCC High',
            doc('login.microsoftonline.us', { tenant_region_scope: 'USGov', tenant_region_sub_scope: 'DODCON' }),
            'gccHigh',
            'USGov',
            'DODCON',
        ],
        [
            'DoD',
            doc('login.microsoftonline.us', { tenant_region_scope: 'USGov', tenant_region_sub_scope: 'DOD' }),
            'dod',
            'USGov',
            'DOD',
        ],
        [
            'US Gov without sub-scope',
            doc('login.microsoftonline.com', { tenant_region_scope: 'USG' }),
            'usGov-unknown',
            'USG',
            undefined,
        ],
        ['a .us issuer without scopes', doc('login.microsoftonline.us'), 'usGov-unknown', undefined, undefined],
        ['China', doc('login.partner.microsoftonline.cn', { tenant_region_scope: 'AS' }), 'china', 'AS', undefined],
    ])('finds a %s tenant', (_name, body, cloud, regionScope, subScope) => {
        expect(interpretDiscovery(200, body)).toEqual({ kind: 'found', tenantId: T, cloud, regionScope, subScope });
    });

    it.each([
        [400, { error: 'invalid_tenant', error_codes: [90002] }, 90002],
        [404, { error: 'invalid_tenant', error_codes: [90002, 50000] }, 90002],
        [400, { error: 'invalid_request', error_codes: [900023] }, 900023],
    ])('reports HTTP %p %j as not found', (status, body, code) => {
        expect(interpretDiscovery(status, body)).toEqual({ kind: 'notFound', code });
    });

    it.each([
        ['fetch threw (status 0)', 0, undefined],
        ['a 500', 500, { error_codes: [90002] }],
        ['a 503', 503, {}],
        ['a 403 from a proxy', 403, { error_codes: [90002] }],
        ['a 400 without error codes', 400, { error: 'x' }],
        ['an unparseable body', 200, 'not json'],
        ['null', 200, null],
        ['an array', 200, []],
        ['a 200 without issuer', 200, { token_endpoint: 'x' }],
        ['a 200 whose issuer holds no GUID', 200, { issuer: 'https://login.microsoftonline.com/contoso.com/v2.0' }],
        ['error codes that are strings', 400, { error_codes: ['90002'] }],
    ])('never claims "not found" for %s', (_name, status, body) => {
        expect(interpretDiscovery(status, body)).toEqual({ kind: 'unverifiable' });
    });
});

describe('checkCloudMatch', () => {
    it.each([
        ['commercial', 0],
        ['commercial', 3],
        ['commercial', null],
        ['gcc', 0],
        ['gcc', 3],
        ['gccHigh', 1],
        ['dod', 1],
        ['usGov-unknown', 1],
        ['china', 2],
    ] as const)('accepts %s with serverauthority %p', (cloud, authority) => {
        expect(checkCloudMatch(cloud, authority)).toEqual({ ok: true });
    });

    it.each([
        ['commercial', 1, 0],
        ['commercial', 2, 0],
        ['gccHigh', 0, 1],
        ['dod', 3, 1],
        ['usGov-unknown', 2, 1],
        ['china', 0, 2],
        ['china', 3, 2],
    ] as const)('names the right value when %s meets serverauthority %p', (cloud, authority, expected) => {
        expect(checkCloudMatch(cloud, authority)).toEqual({
            ok: false,
            code: 'cloudMismatch',
            detectedCloud: cloud,
            expectedAuthority: expected,
        });
    });
});
