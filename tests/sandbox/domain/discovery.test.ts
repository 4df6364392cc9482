import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveDiscovery } from './discovery';
import { handleDiscovery, TENANT_IDS } from './index';
import { TENANTS } from './tenants';

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: Record<string, unknown> };

let server: Server;
let port = 0;
let errorsCarryCors = true;

beforeAll(async () => {
    server = createServer((req, res) => {
        if (!handleDiscovery(req, res, TENANTS, { errorsCarryCors })) {
            res.writeHead(418);
            res.end();
        }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
});

function call(path: string, method = 'GET'): Promise<Reply> {
    return new Promise((resolve, reject) => {
        const req = request(
            { host: '127.0.0.1', port, path, method, headers: { Origin: 'https://org.crm.dynamics.com' } },
            (res) => {
                let text = '';
                res.setEncoding('utf8');
                res.on('data', (chunk: string) => (text += chunk));
                res.on('end', () => {
                    let body: Record<string, unknown> = {};
                    try {
                        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
                    } catch {
                        body = { raw: text };
                    }
                    resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
                });
            },
        );
        req.on('error', reject);
        req.end();
    });
}

const wellKnown = (host: string, tenant: string) =>
    `/_discovery/${host}/${encodeURIComponent(tenant)}/v2.0/.well-known/openid-configuration`;

describe('handleDiscovery', () => {
    it('resolves a commercial tenant by GUID with issuer, endpoints, CORS and a one-day cache', async () => {
        const reply = await call(wellKnown('login.microsoftonline.com', TENANT_IDS.contoso));
        expect(reply.status).toBe(200);
        expect(reply.headers['access-control-allow-origin']).toBe('*');
        expect(reply.headers['cache-control']).toContain('max-age=86400');
        expect(reply.body).toMatchObject({
            issuer: `https://login.microsoftonline.com/${TENANT_IDS.contoso}/v2.0`,
            token_endpoint: `https://login.microsoftonline.com/${TENANT_IDS.contoso}/oauth2/v2.0/token`,
            authorization_endpoint: `https://login.microsoftonline.com/${TENANT_IDS.contoso}/oauth2/v2.0/authorize`,
            jwks_uri: `https://login.microsoftonline.com/${TENANT_IDS.contoso}/discovery/v2.0/keys`,
            tenant_region_scope: 'NA',
            cloud_instance_name: 'microsoftonline.com',
        });
        expect(reply.body).not.toHaveProperty('tenant_region_sub_scope');
    });

    it.each(['contoso.onmicrosoft.com', 'contoso.com', 'CONTOSO.COM'])(
        'resolves the verified domain %s to the tenant GUID',
        async (domain) => {
            const reply = await call(wellKnown('login.microsoftonline.com', domain));
            expect(reply.body.issuer).toBe(`https://login.microsoftonline.com/${TENANT_IDS.contoso}/v2.0`);
        },
    );

    it.each([
        ['login.microsoftonline.com', TENANT_IDS.fabrikam, 'NA', 'GCC', 'microsoftonline.com'],
        ['login.microsoftonline.us', TENANT_IDS.adatum, 'USGov', 'DODCON', 'microsoftonline.us'],
        ['login.microsoftonline.us', TENANT_IDS.tailspin, 'USGov', 'DOD', 'microsoftonline.us'],
        ['login.partner.microsoftonline.cn', TENANT_IDS.wingtip, 'AS', undefined, 'partner.microsoftonline.cn'],
        ['login.microsoftonline.com', TENANT_IDS.litware, 'EU', undefined, 'microsoftonline.com'],
    ])('serves %s for tenant %s with region %s / %s', async (host, tenant, scope, sub, instance) => {
        const reply = await call(wellKnown(host, tenant));
        expect(reply.status).toBe(200);
        expect(reply.body).toMatchObject({
            issuer: `https://${host}/${tenant}/v2.0`,
            tenant_region_scope: scope,
            cloud_instance_name: instance,
        });
        expect(reply.body.tenant_region_sub_scope).toBe(sub);
    });

    it('answers an unknown tenant with the AADSTS90002 error shape', async () => {
        const reply = await call(wellKnown('login.microsoftonline.com', '00000000-1111-4222-8333-444444444444'));
        expect(reply.status).toBe(400);
        expect(reply.body).toMatchObject({
            error: 'invalid_tenant',
            error_codes: [90002],
            error_uri: 'https://login.microsoftonline.com/error?code=90002',
        });
        expect(reply.body.error_description).toMatch(
            /^AADSTS90002: Tenant '00000000-1111-4222-8333-444444444444' not found\./,
        );
        for (const key of ['timestamp', 'trace_id', 'correlation_id']) expect(typeof reply.body[key]).toBe('string');
        expect(reply.headers['access-control-allow-origin']).toBe('*');
    });

    it('answers AADSTS90002 for a US Gov tenant asked at the commercial host, and for a commercial domain at the US host', async () => {
        expect((await call(wellKnown('login.microsoftonline.com', TENANT_IDS.adatum))).body.error_codes).toEqual([
            90002,
        ]);
        expect((await call(wellKnown('login.microsoftonline.us', 'northwind.com'))).body.error_codes).toEqual([90002]);
        expect((await call(wellKnown('login.microsoftonline.com', 'northwind.com'))).body.issuer).toBe(
            `https://login.microsoftonline.com/${TENANT_IDS.northwind}/v2.0`,
        );
    });

    it('can answer a wrong-cloud request with AADSTS90038 naming the home cloud instead', () => {
        const reply = resolveDiscovery('login.microsoftonline.com', TENANT_IDS.tailspin, TENANTS, 'otherCloud');
        expect(reply.status).toBe(400);
        expect(reply.body.error_codes).toEqual([90038]);
        expect(reply.body.error_description).toMatch(/^AADSTS90038: .*belongs to the National Cloud 'US Government'/);
    });

    it('rejects a malformed tenant with AADSTS900023', async () => {
        const reply = await call(wellKnown('login.microsoftonline.com', 'not a tenant'));
        expect(reply.body.error_codes).toEqual([900023]);
    });

    it('answers common with the templated issuer, as Entra does', async () => {
        const reply = await call(wellKnown('login.microsoftonline.com', 'common'));
        expect(reply.body.issuer).toBe('https://login.microsoftonline.com/{tenantid}/v2.0');
    });

    it('omits CORS on errors when configured to, keeping it on success', async () => {
        errorsCarryCors = false;
        try {
            const failed = await call(wellKnown('login.microsoftonline.com', 'nobody.example'));
            expect(failed.status).toBe(400);
            expect(failed.headers['access-control-allow-origin']).toBeUndefined();
            const ok = await call(wellKnown('login.microsoftonline.com', TENANT_IDS.contoso));
            expect(ok.headers['access-control-allow-origin']).toBe('*');
        } finally {
            errorsCarryCors = true;
        }
    });

    it('answers an OPTIONS preflight with CORS headers', async () => {
        const reply = await call(wellKnown('login.microsoftonline.com', TENANT_IDS.contoso), 'OPTIONS');
        expect(reply.status).toBe(204);
        expect(reply.headers['access-control-allow-origin']).toBe('*');
        expect(reply.headers['access-control-allow-methods']).toContain('GET');
    });

    it('fails an unknown login host without CORS, and leaves other paths to the caller', async () => {
        const unknownHost = await call(wellKnown('login.evil.example', TENANT_IDS.contoso));
        expect(unknownHost.status).toBe(502);
        expect(unknownHost.headers['access-control-allow-origin']).toBeUndefined();
        expect((await call('/api/data/v9.2/WhoAmI')).status).toBe(418);
    });
});
