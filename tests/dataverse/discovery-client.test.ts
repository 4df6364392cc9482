import { createDiscoveryClient, type DiscoveryFetch } from '../../src/dataverse/discovery-client';

const GUID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const NOT_FOUND_BODY = { error: 'invalid_tenant', error_codes: [90002] };

function reply(status: number, body: unknown): Response {
    return { status, json: () => Promise.resolve(body) } as unknown as Response;
}

function found(host: string, extra: Record<string, string> = {}): Response {
    return reply(200, { issuer: `https://${host}/${GUID}/v2.0`, ...extra });
}

function fakeFetch(answers: Record<string, () => Promise<Response>>): jest.Mock & DiscoveryFetch {
    return jest.fn((url: string) => {
        const host = new URL(url).host;
        const answer = answers[host];
        return answer ? answer() : Promise.reject(new TypeError('Failed to fetch'));
    }) as jest.Mock & DiscoveryFetch;
}

function askedHosts(fetchFn: jest.Mock): string[] {
    return fetchFn.mock.calls.map(([url]: [string]) => new URL(url).host);
}

describe('createDiscoveryClient', () => {
    it('asks the host matching serverauthority first and stops at the first answer that finds the tenant', async () => {
        const fetchFn = fakeFetch({
            'login.microsoftonline.us': () =>
                Promise.resolve(
                    found('login.microsoftonline.us', {
                        tenant_region_scope: 'USGov',
                        tenant_region_sub_scope: 'DODCON',
                    }),
                ),
        });
        const result = await createDiscoveryClient(fetchFn).resolveTenant('contoso.us', 1);
        expect(result).toEqual({
            kind: 'found',
            tenantId: GUID,
            cloud: 'gccHigh',
            regionScope: 'USGov',
            subScope: 'DODCON',
        });
        expect(askedHosts(fetchFn)).toEqual(['login.microsoftonline.us']);
    });

    it('falls back .com → .us → .cn when the first host does not find the tenant', async () => {
        const fetchFn = fakeFetch({
            'login.microsoftonline.com': () => Promise.resolve(reply(400, NOT_FOUND_BODY)),
            'login.microsoftonline.us': () => Promise.resolve(reply(400, NOT_FOUND_BODY)),
            'login.partner.microsoftonline.cn': () => Promise.resolve(found('login.partner.microsoftonline.cn')),
        });
        const result = await createDiscoveryClient(fetchFn).resolveTenant('contoso.cn', 0);
        expect(result).toMatchObject({ kind: 'found', cloud: 'china' });
        expect(askedHosts(fetchFn)).toEqual([
            'login.microsoftonline.com',
            'login.microsoftonline.us',
            'login.partner.microsoftonline.cn',
        ]);
    });

    it('returns notFound when every host answers 400 invalid_tenant', async () => {
        const notFound = () => Promise.resolve(reply(400, NOT_FOUND_BODY));
        const fetchFn = fakeFetch({
            'login.microsoftonline.com': notFound,
            'login.microsoftonline.us': notFound,
            'login.partner.microsoftonline.cn': notFound,
        });
        await expect(createDiscoveryClient(fetchFn).resolveTenant('nobody.example', 0)).resolves.toEqual({
            kind: 'notFound',
            code: 90002,
        });
        expect(fetchFn).toHaveBeenCalledTimes(3);
    });

    it('returns unverifiable, never notFound, when fetch throws (CORS or CSP block)', async () => {
        const fetchFn = fakeFetch({});
        await expect(createDiscoveryClient(fetchFn).resolveTenant(GUID, 0)).resolves.toEqual({ kind: 'unverifiable' });
        expect(fetchFn).toHaveBeenCalledTimes(3);
    });

    it('returns unverifiable when one host says not found and another cannot be asked', async () => {
        const fetchFn = fakeFetch({ 'login.microsoftonline.com': () => Promise.resolve(reply(400, NOT_FOUND_BODY)) });
        await expect(createDiscoveryClient(fetchFn).resolveTenant('contoso.com', 0)).resolves.toEqual({
            kind: 'unverifiable',
        });
    });

    it('returns unverifiable when the reply is not JSON', async () => {
        const broken = () =>
            Promise.resolve({ status: 500, json: () => Promise.reject(new SyntaxError('x')) } as unknown as Response);
        const fetchFn = fakeFetch({
            'login.microsoftonline.com': broken,
            'login.microsoftonline.us': broken,
            'login.partner.microsoftonline.cn': broken,
        });
        await expect(createDiscoveryClient(fetchFn).resolveTenant(GUID, 0)).resolves.toEqual({ kind: 'unverifiable' });
    });

    it('URL-encodes the tenant, sends no credentials and passes the abort signal', async () => {
        const fetchFn = fakeFetch({
            'login.microsoftonline.com': () => Promise.resolve(found('login.microsoftonline.com')),
        });
        const signal = new AbortController().signal;
        await createDiscoveryClient(fetchFn).resolveTenant('a/b?c#d', 0, signal);
        expect(fetchFn).toHaveBeenCalledWith(
            'https://login.microsoftonline.com/a%2Fb%3Fc%23d/v2.0/.well-known/openid-configuration',
            { method: 'GET', credentials: 'omit', signal },
        );
    });

    it('sends every request through the host override', async () => {
        const fetchFn = jest.fn(() => Promise.resolve(found('login.microsoftonline.com'))) as jest.Mock &
            DiscoveryFetch;
        await createDiscoveryClient(fetchFn, (host) => `http://127.0.0.1:9/_discovery/${host}/`).resolveTenant(GUID, 3);
        expect(fetchFn.mock.calls[0][0]).toBe(
            `http://127.0.0.1:9/_discovery/login.microsoftonline.com/${GUID}/v2.0/.well-known/openid-configuration`,
        );
    });

    it('rejects with the abort error when the caller aborts', async () => {
        const controller = new AbortController();
        const fetchFn = jest.fn(() => {
            controller.abort();
            return Promise.reject(new DOMException('aborted', 'AbortError'));
        }) as jest.Mock & DiscoveryFetch;
        await expect(createDiscoveryClient(fetchFn).resolveTenant(GUID, 0, controller.signal)).rejects.toThrow(
            'aborted',
        );
        expect(fetchFn).toHaveBeenCalledTimes(1);
    });
});
