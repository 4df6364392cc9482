/** The Entra stand-in and the Web API's challenge and bearer checks, over real HTTP (deploy.md §1, §8). */
import { APPLICATION, PEOPLE } from './accounts';
import { ENVIRONMENT_TENANT_ID, NOT_MEMBER_CODE } from './constants';
import { api, appToken, deviceCodeToken, entraPost, pkce, setSwitch, startKit, type Kit } from './test-kit';
import { USER_IDS } from '../domain/ids';

let kit: Kit;
beforeAll(async () => {
    kit = await startKit();
});
afterAll(async () => {
    await kit.close();
});

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

describe('the 401 challenge', () => {
    it('answers the service document without a token with the tenant and resource', async () => {
        const r = await api(kit, 'GET', '');
        expect(r.status).toBe(401);
        expect(r.headers.get('www-authenticate')).toBe(
            `Bearer authorization_uri=https://login.microsoftonline.com/${ENVIRONMENT_TENANT_ID}/oauth2/authorize, resource_id=${kit.origin}/`,
        );
    });

    it('challenges every request without a token when requireBearer is on', async () => {
        expect((await api(kit, 'GET', 'WhoAmI')).status).toBe(200);
        await setSwitch(kit, 'failures', { requireBearer: true });
        try {
            expect((await api(kit, 'GET', 'WhoAmI')).status).toBe(401);
        } finally {
            await setSwitch(kit, 'failures', { requireBearer: false });
        }
    });
});

describe('device code', () => {
    it('stays pending, approves itself after a moment with one line naming no code in full, then issues tokens', async () => {
        const scope = `${kit.origin}/user_impersonation openid profile offline_access`;
        const code = await entraPost(kit, 'oauth2/v2.0/devicecode', { client_id: 'c', scope });
        expect(code.status).toBe(200);
        expect(code.body).toMatchObject({ expires_in: 900, interval: 1 });
        const pending = await entraPost(kit, 'oauth2/v2.0/token', {
            grant_type: 'device_code',
            device_code: code.body.device_code,
            client_id: 'c',
        });
        expect(pending.body).toMatchObject({ error: 'authorization_pending', error_codes: [70016] });
        const lines = kit.lines.length;
        const token = await deviceCodeToken(kit);
        expect(kit.lines.length).toBeGreaterThan(lines);
        expect(kit.lines.join('\n')).not.toContain(code.body.user_code);
        expect(kit.lines.join('\n')).not.toContain(code.body.device_code);
        const c = claims(token.access_token);
        expect(c).toMatchObject({
            aud: kit.origin,
            tid: ENVIRONMENT_TENANT_ID,
            oid: PEOPLE[0].oid,
            upn: PEOPLE[0].upn,
        });
        expect(c.exp).toBeGreaterThan(Date.now() / 1000);
        expect(JSON.parse(Buffer.from(token.client_info, 'base64url').toString())).toEqual({
            uid: PEOPLE[0].oid,
            utid: ENVIRONMENT_TENANT_ID,
        });
        expect(claims(token.id_token)).toMatchObject({ preferred_username: PEOPLE[0].upn });
        expect(token.refresh_token).toEqual(expect.any(String));
        const who = await api(kit, 'GET', 'WhoAmI', { token: token.access_token });
        expect(who.body.UserId).toBe(USER_IDS.approver);
    });

    it('declines when told to', async () => {
        await setSwitch(kit, 'entra', { deviceCode: 'decline' });
        try {
            await expect(deviceCodeToken(kit)).rejects.toThrow('authorization_declined');
        } finally {
            await setSwitch(kit, 'entra', { deviceCode: 'approve' });
        }
    });

    it('signs in as the user the test selects', async () => {
        await setSwitch(kit, 'signin-user', { upn: 'bo@woodgrovebank.com' });
        try {
            const token = await deviceCodeToken(kit);
            expect((await api(kit, 'GET', 'WhoAmI', { token: token.access_token })).body.UserId).toBe(
                USER_IDS.basicUser,
            );
        } finally {
            await setSwitch(kit, 'signin-user', { upn: PEOPLE[0].upn });
        }
    });
});

describe('bearer validation', () => {
    it('refuses a token for another audience, another tenant, an expired or an altered one with 401', async () => {
        const token = (await deviceCodeToken(kit)).access_token as string;
        const [h, p, s] = token.split('.');
        const altered = `${h}.${Buffer.from(JSON.stringify({ ...claims(token), aud: 'https://other.crm.dynamics.com' })).toString('base64url')}.${s}`;
        expect((await api(kit, 'GET', 'WhoAmI', { token: altered })).status).toBe(401);
        expect((await api(kit, 'GET', 'WhoAmI', { token: `${h}.${p}.${s.slice(0, -2)}AA` })).status).toBe(401);
        const res = await fetch(
            `${kit.origin}/_entra/login.microsoftonline.com/${'4a1c7e2b-6d3f-4b8e-9a05-1c2d3e4f5a60'}/oauth2/v2.0/token`,
            {
                method: 'POST',
                headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
                body: new URLSearchParams({
                    grant_type: 'client_credentials',
                    client_id: APPLICATION.clientId,
                    client_secret: APPLICATION.clientSecret,
                    scope: `${kit.origin}/.default`,
                }).toString(),
            },
        );
        const foreign = (await res.json()) as { access_token: string };
        const r = await api(kit, 'GET', 'WhoAmI', { token: foreign.access_token });
        expect(r.status).toBe(401);
        expect(r.headers.get('www-authenticate')).toContain('error="invalid_token"');
    });

    it('refuses a genuine token issued for another environment (aud) with 401 naming the audience', async () => {
        const other = await entraPost(kit, 'oauth2/v2.0/token', {
            grant_type: 'client_credentials',
            client_id: APPLICATION.clientId,
            client_secret: APPLICATION.clientSecret,
            scope: 'https://org-other.crm.dynamics.com/.default',
        });
        expect(claims(other.body.access_token).aud).toBe('https://org-other.crm.dynamics.com');
        const r = await api(kit, 'GET', 'WhoAmI', { token: other.body.access_token });
        expect(r.status).toBe(401);
        expect(r.headers.get('www-authenticate')).toContain(
            "The audience 'https://org-other.crm.dynamics.com' is invalid",
        );
    });

    it('refuses an expired token with 401', async () => {
        // exp is whole seconds from a floored iat: a 1 s token issued late in a second lived a few ms, so the first
        // call could meet it expired. Two seconds leave it at least one; then wait until its own exp has passed.
        await setSwitch(kit, 'entra', { accessTokenLifetimeSeconds: 2 });
        try {
            const token = await appToken(kit);
            expect((await api(kit, 'GET', 'WhoAmI', { token })).status).toBe(200);
            const expiresAt = (claims(token) as { exp: number }).exp * 1000;
            await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now() + 20));
            expect((await api(kit, 'GET', 'WhoAmI', { token })).status).toBe(401);
        } finally {
            await setSwitch(kit, 'entra', { accessTokenLifetimeSeconds: 3600 });
        }
    });

    it('answers 403 0x80072560 to a signed-in person who is not a member of the environment', async () => {
        await setSwitch(kit, 'signin-user', { upn: 'olive@woodgrovebank.com' });
        try {
            const token = await deviceCodeToken(kit);
            const r = await api(kit, 'GET', 'WhoAmI', { token: token.access_token });
            expect(r.status).toBe(403);
            expect(r.body.error.code).toBe(NOT_MEMBER_CODE);
        } finally {
            await setSwitch(kit, 'signin-user', { upn: PEOPLE[0].upn });
        }
    });
});

describe('authorization code with PKCE', () => {
    async function authorize(challenge: string): Promise<{ code: string; state: string; action: string }> {
        const q = new URLSearchParams({
            client_id: 'c',
            scope: `${kit.origin}/user_impersonation openid profile offline_access`,
            redirect_uri: 'http://localhost:53123/',
            response_type: 'code',
            response_mode: 'form_post',
            state: 'st<&>',
            code_challenge: challenge,
            code_challenge_method: 'S256',
        });
        const res = await fetch(
            `${kit.origin}/_entra/login.microsoftonline.com/${ENVIRONMENT_TENANT_ID}/oauth2/v2.0/authorize?${q}`,
        );
        expect(res.status).toBe(200);
        const html = await res.text();
        expect(html).toContain('document.forms[0].submit()');
        const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
        const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
        return {
            code: field('code'),
            state: unescape(field('state')),
            action: /action="([^"]*)"/.exec(html)?.[1] ?? '',
        };
    }

    const redeem = (code: string, verifier: string) =>
        entraPost(kit, 'oauth2/v2.0/token', {
            grant_type: 'authorization_code',
            code,
            code_verifier: verifier,
            redirect_uri: 'http://localhost:53123/',
            client_id: 'c',
        });

    it('posts code and state to the loopback and redeems the code once, with the right verifier only', async () => {
        const { verifier, challenge } = pkce();
        const first = await authorize(challenge);
        expect(first.action).toBe('http://localhost:53123/');
        expect(first.state).toBe('st<&>');
        const wrong = await redeem(first.code, pkce().verifier);
        expect(wrong.body.error_codes).toEqual([501481]);
        const second = await authorize(challenge);
        const ok = await redeem(second.code, verifier);
        expect(ok.status).toBe(200);
        expect(claims(ok.body.access_token).upn).toBe(PEOPLE[0].upn);
        const again = await redeem(second.code, verifier);
        expect(again.body.error).toBe('invalid_grant');
    });

    it('refreshes, and answers AADSTS700082 once the refresh token expired', async () => {
        const token = await deviceCodeToken(kit);
        const refreshed = await entraPost(kit, 'oauth2/v2.0/token', {
            grant_type: 'refresh_token',
            refresh_token: token.refresh_token,
            client_id: 'c',
            scope: `${kit.origin}/user_impersonation offline_access`,
        });
        expect(refreshed.status).toBe(200);
        await setSwitch(kit, 'entra', { refreshTokens: 'expire' });
        const expired = await entraPost(kit, 'oauth2/v2.0/token', {
            grant_type: 'refresh_token',
            refresh_token: token.refresh_token,
            client_id: 'c',
        });
        expect(expired.body.error_codes).toEqual([700082]);
    });
});

describe('client credentials', () => {
    it('acts as the application user, refuses a wrong secret and answers an injected AADSTS error', async () => {
        const who = await api(kit, 'GET', 'WhoAmI', { token: await appToken(kit) });
        expect(who.body.UserId).toBe(USER_IDS.silentApprover);
        const wrong = await entraPost(kit, 'oauth2/v2.0/token', {
            grant_type: 'client_credentials',
            client_id: APPLICATION.clientId,
            client_secret: 'nope',
            scope: `${kit.origin}/.default`,
        });
        expect(wrong.body.error_codes).toEqual([7000215]);
        expect(JSON.stringify(wrong.body)).not.toContain('nope');
        await setSwitch(kit, 'entra', {
            fail: [
                {
                    grant: 'client_credentials',
                    error: 'invalid_request',
                    code: 53003,
                    description: 'Blocked by Conditional Access.',
                },
            ],
        });
        const blocked = await entraPost(kit, 'oauth2/v2.0/token', {
            grant_type: 'client_credentials',
            client_id: APPLICATION.clientId,
            client_secret: APPLICATION.clientSecret,
            scope: `${kit.origin}/.default`,
        });
        expect(blocked.body.error_codes).toEqual([53003]);
        expect(
            (
                await entraPost(kit, 'oauth2/v2.0/token', {
                    grant_type: 'client_credentials',
                    client_id: APPLICATION.clientId,
                    client_secret: APPLICATION.clientSecret,
                    scope: `${kit.origin}/.default`,
                })
            ).status,
        ).toBe(200);
    });

    it('serves the OpenID configuration and instance discovery with the real host names', async () => {
        const res = await fetch(
            `${kit.origin}/_entra/login.microsoftonline.com/${ENVIRONMENT_TENANT_ID}/v2.0/.well-known/openid-configuration`,
        );
        const body = (await res.json()) as { token_endpoint: string; device_authorization_endpoint: string };
        expect(body.token_endpoint).toBe(
            `https://login.microsoftonline.com/${ENVIRONMENT_TENANT_ID}/oauth2/v2.0/token`,
        );
        const inst = await fetch(
            `${kit.origin}/_entra/login.microsoftonline.com/common/discovery/instance?api-version=1.1&authorization_endpoint=https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize`,
        );
        expect(((await inst.json()) as { tenant_discovery_endpoint: string }).tenant_discovery_endpoint).toContain(
            '/organizations/v2.0/.well-known/openid-configuration',
        );
    });
});
