/**
 * The Entra ID stand-in per login host (deploy.md §1, §8): `<origin>/_entra/<login host>/…` mirrors
 * `https://<login host>/…` — OpenID configuration, instance discovery, authorize (auto form_post), devicecode and
 * token (device_code, authorization_code with S256 PKCE, refresh_token, client_credentials). It signs tokens the
 * emulator accepts, approves device codes by itself after a moment and can be told to fail any grant with an AADSTS
 * error. It never prints a token, a secret or a code in full.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { aadError, resolveDiscovery } from '../domain/discovery';
import { TENANTS } from '../domain/tenants';
import { APPLICATION, DEFAULT_SIGNIN_UPN, personByUpn, type Person } from './accounts';
import { AADSTS, ACCESS_TOKEN_LIFETIME_S, DEVICE_APPROVAL_MS, DEVICE_CODE, ENVIRONMENT_TENANT_ID } from './constants';
import { clientInfo, createSigner, opaque, resourceOfScope } from './tokens';

/** Path prefix of the stand-in. */
export const ENTRA_ROOT = '/_entra/';

const LOGIN_HOSTS = new Set([
    'login.microsoftonline.com',
    'login.windows.net',
    'login.microsoft.com',
    'login.microsoftonline.us',
    'login.partner.microsoftonline.cn',
    'login.chinacloudapi.cn',
]);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the device-code stand-in does with new codes. */
export type DeviceCodeMode = 'approve' | 'decline' | 'expire' | 'never';

/** An error the next matching token (or devicecode) request answers with. */
export type InjectedError = {
    /** grant_type to match (`device_code`, `authorization_code`, `refresh_token`, `client_credentials`), `devicecode` or `*`. */
    grant: string;
    error: string;
    code: number;
    description?: string;
    status?: number;
    /** How many requests it answers (default 1). */
    times?: number;
};

type Grant = { tenant: string; clientId: string; scope: string; person: Person };
type DeviceCode = Grant & { userCode: string; expiresAt: number; state: 'pending' | 'approved' | 'declined' };
type AuthCode = Grant & { redirectUri: string; challenge?: string; nonce?: string; used: boolean };
type Refresh = Grant & { expired: boolean };
type Reply = { status: number; body: Record<string, unknown> };

/** The stand-in's state and HTTP handler. */
export type Entra = {
    handle(req: IncomingMessage, res: ServerResponse): boolean;
    /** Verify an access token this stand-in issued; undefined when forged, altered or not one of ours. */
    verify(token: string): Record<string, unknown> | undefined;
    setSigninUser(upn: string): void;
    signinUser(): string;
    configure(change: EntraConfig): EntraConfig;
    /** The token endpoint's requests so far (grant types and outcomes, never a secret). */
    requests(): { grant: string; status: number; error?: string }[];
    close(): void;
};

/** What POST /_emulator/deploy/entra accepts. */
export type EntraConfig = {
    deviceCode?: DeviceCodeMode;
    accessTokenLifetimeSeconds?: number;
    /** `expire` marks every refresh token issued so far as expired (AADSTS700082). */
    refreshTokens?: 'expire';
    fail?: InjectedError[];
};

function sendJson(res: ServerResponse, reply: Reply): void {
    res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(reply.body));
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
        req.on('error', reject);
    });
}

const escapeHtml = (s: string): string =>
    s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The page Entra answers an authorize request with response_mode=form_post: a form that posts itself. */
export function formPostPage(redirectUri: string, fields: Record<string, string>): string {
    const inputs = Object.entries(fields)
        .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}" />`)
        .join('');
    return `<!doctype html><html><head><title>Working...</title></head><body><form method="POST" name="hiddenform" action="${escapeHtml(redirectUri)}">${inputs}<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript></form><script>document.forms[0].submit();</script></body></html>`;
}

const isLoopback = (uri: string): boolean => {
    try {
        const u = new URL(uri);
        return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
    } catch {
        return false;
    }
};

const mask = (code: string): string => `${code.slice(0, 2)}…`;

/** Creates the stand-in; `log` receives its one-line notices (device-code approvals). */
export function createEntra(log: (line: string) => void = (line) => console.log(line)): Entra {
    const signer = createSigner();
    const deviceCodes = new Map<string, DeviceCode>();
    const authCodes = new Map<string, AuthCode>();
    const refreshTokens = new Map<string, Refresh>();
    const timers = new Set<NodeJS.Timeout>();
    const requestLog: { grant: string; status: number; error?: string }[] = [];
    let signinUpn = DEFAULT_SIGNIN_UPN;
    let deviceMode: DeviceCodeMode = 'approve';
    let lifetimeS = ACCESS_TOKEN_LIFETIME_S;
    let injected: InjectedError[] = [];

    const tenantOf = (segment: string): string | undefined => {
        const key = segment.toLowerCase();
        if (['organizations', 'common'].includes(key)) return ENVIRONMENT_TENANT_ID;
        if (GUID.test(key)) return TENANTS.some((t) => t.tenantId === key) ? key : undefined;
        return TENANTS.find((t) => t.domains.includes(key))?.tenantId;
    };

    const takeInjected = (grant: string): InjectedError | undefined => {
        const hit = injected.find((i) => i.grant === grant || i.grant === '*');
        if (!hit) return undefined;
        hit.times = (hit.times ?? 1) - 1;
        if (hit.times <= 0) injected = injected.filter((i) => i !== hit);
        return hit;
    };

    const issue = (host: string, g: Grant, delegated: boolean): Reply => {
        const aud = resourceOfScope(g.scope);
        if (!aud)
            return aadError(
                host,
                400,
                'invalid_scope',
                AADSTS.invalidScope,
                `The provided value for scope ${g.scope} is not valid.`,
            );
        const now = Math.floor(Date.now() / 1000);
        const iss = `https://sts.windows.net/${g.tenant}/`;
        const common = { aud, iss, iat: now, nbf: now, exp: now + lifetimeS, tid: g.tenant, appid: g.clientId };
        const claims = delegated
            ? { ...common, oid: g.person.oid, upn: g.person.upn, name: g.person.name, scp: 'user_impersonation' }
            : { ...common, oid: APPLICATION.oid, roles: ['user'] };
        const body: Record<string, unknown> = {
            token_type: 'Bearer',
            scope: delegated
                ? g.scope
                      .split(/\s+/)
                      .filter((s) => s.includes('/'))
                      .join(' ')
                : `${aud}/.default`,
            expires_in: lifetimeS,
            ext_expires_in: lifetimeS,
            access_token: signer.sign(claims),
        };
        if (delegated) {
            body.id_token = signer.sign({
                aud: g.clientId,
                iss: `https://${host}/${g.tenant}/v2.0`,
                iat: now,
                nbf: now,
                exp: now + lifetimeS,
                name: g.person.name,
                oid: g.person.oid,
                preferred_username: g.person.upn,
                sub: g.person.oid,
                tid: g.tenant,
                ver: '2.0',
                ...('nonce' in g && g.nonce ? { nonce: g.nonce } : {}),
            });
            body.client_info = clientInfo(g.person.oid, g.tenant);
            if (/\boffline_access\b/.test(g.scope)) {
                const rt = opaque(32);
                refreshTokens.set(rt, { ...g, expired: false });
                body.refresh_token = rt;
            }
        }
        return { status: 200, body };
    };

    const person = (): Person => personByUpn(signinUpn) ?? (personByUpn(DEFAULT_SIGNIN_UPN) as Person);

    const deviceCode = (tenant: string, form: URLSearchParams): Reply => {
        const code = opaque(32);
        const userCode = opaque(6)
            .replace(/[^A-Za-z0-9]/g, 'X')
            .slice(0, 9)
            .toUpperCase();
        const entry: DeviceCode = {
            tenant,
            clientId: form.get('client_id') ?? '',
            scope: form.get('scope') ?? '',
            person: person(),
            userCode,
            expiresAt: Date.now() + (deviceMode === 'expire' ? 0 : DEVICE_CODE.expiresInS * 1000),
            state: 'pending',
        };
        deviceCodes.set(code, entry);
        if (deviceMode === 'approve' || deviceMode === 'decline') {
            const timer = setTimeout(() => {
                timers.delete(timer);
                entry.state = deviceMode === 'decline' ? 'declined' : 'approved';
                log(
                    `[entra] ${entry.state === 'approved' ? 'Approved' : 'Declined'} device code ${mask(userCode)} for ${entry.person.upn} (the sandbox answers device codes by itself).`,
                );
            }, DEVICE_APPROVAL_MS);
            timer.unref();
            timers.add(timer);
        }
        const verification = 'https://microsoft.com/devicelogin';
        return {
            status: 200,
            body: {
                user_code: userCode,
                device_code: code,
                verification_uri: verification,
                expires_in: DEVICE_CODE.expiresInS,
                interval: DEVICE_CODE.intervalS,
                message: `To sign in, use a web browser to open the page ${verification} and enter the code ${userCode} to authenticate.`,
            },
        };
    };

    const deviceGrant = (host: string, form: URLSearchParams): Reply => {
        const entry = deviceCodes.get(form.get('device_code') ?? '');
        if (!entry)
            return aadError(
                host,
                400,
                'bad_verification_code',
                AADSTS.badVerificationCode,
                'The provided device code is not valid.',
            );
        if (Date.now() >= entry.expiresAt)
            return aadError(host, 400, 'expired_token', AADSTS.expiredToken, 'The device code has expired.');
        if (entry.state === 'declined')
            return aadError(
                host,
                400,
                'authorization_declined',
                AADSTS.authorizationDeclined,
                'The end user declined the authorization request.',
            );
        if (entry.state === 'pending')
            return aadError(
                host,
                400,
                'authorization_pending',
                AADSTS.authorizationPending,
                'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
            );
        deviceCodes.delete(form.get('device_code') ?? '');
        return issue(host, { ...entry, scope: form.get('scope') ?? entry.scope }, true);
    };

    const codeGrant = (host: string, form: URLSearchParams): Reply => {
        const code = form.get('code') ?? '';
        const entry = authCodes.get(code);
        if (!entry || entry.used)
            return aadError(
                host,
                400,
                'invalid_grant',
                AADSTS.codeRedeemed,
                'The provided authorization code or refresh token has expired due to inactivity or was already redeemed.',
            );
        entry.used = true;
        if ((form.get('redirect_uri') ?? '') !== entry.redirectUri)
            return aadError(
                host,
                400,
                'invalid_grant',
                50011,
                'The redirect URI specified in the request does not match the redirect URI of the authorization request.',
            );
        if (entry.challenge !== undefined) {
            const verifier = form.get('code_verifier') ?? '';
            const hashed = createHash('sha256').update(verifier).digest('base64url');
            if (hashed !== entry.challenge)
                return aadError(
                    host,
                    400,
                    'invalid_grant',
                    AADSTS.pkceMismatch,
                    'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.',
                );
        }
        return issue(host, { ...entry, scope: form.get('scope') ?? entry.scope }, true);
    };

    const refreshGrant = (host: string, form: URLSearchParams): Reply => {
        const entry = refreshTokens.get(form.get('refresh_token') ?? '');
        if (!entry || entry.expired)
            return aadError(
                host,
                400,
                'invalid_grant',
                AADSTS.refreshExpired,
                'The refresh token has expired due to inactivity. The token was issued on a date before the inactivity limit.',
            );
        return issue(host, { ...entry, scope: form.get('scope') ?? entry.scope }, true);
    };

    const clientGrant = (host: string, tenant: string, form: URLSearchParams): Reply => {
        if ((form.get('client_id') ?? '') !== APPLICATION.clientId)
            return aadError(
                host,
                400,
                'unauthorized_client',
                AADSTS.unknownClient,
                `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory.`,
            );
        if ((form.get('client_secret') ?? '') !== APPLICATION.clientSecret)
            return aadError(
                host,
                401,
                'invalid_client',
                AADSTS.invalidClientSecret,
                `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${APPLICATION.clientId}'.`,
            );
        return issue(
            host,
            { tenant, clientId: APPLICATION.clientId, scope: form.get('scope') ?? '', person: person() },
            false,
        );
    };

    const token = (host: string, tenant: string, form: URLSearchParams): Reply => {
        const grant = form.get('grant_type') ?? '';
        const injectedError = takeInjected(
            grant === 'urn:ietf:params:oauth:grant-type:device_code' ? 'device_code' : grant,
        );
        if (injectedError)
            return aadError(
                host,
                injectedError.status ?? 400,
                injectedError.error,
                injectedError.code,
                injectedError.description ?? 'Injected by the sandbox.',
            );
        if (grant === 'device_code' || grant === 'urn:ietf:params:oauth:grant-type:device_code')
            return deviceGrant(host, form);
        if (grant === 'authorization_code') return codeGrant(host, form);
        if (grant === 'refresh_token') return refreshGrant(host, form);
        if (grant === 'client_credentials') return clientGrant(host, tenant, form);
        return aadError(
            host,
            400,
            'unsupported_grant_type',
            70003,
            `The app requested an unsupported grant type '${grant}'.`,
        );
    };

    const authorize = (host: string, tenant: string, url: URL, res: ServerResponse): void => {
        const q = url.searchParams;
        const redirectUri = q.get('redirect_uri') ?? '';
        if (!isLoopback(redirectUri)) {
            sendJson(
                res,
                aadError(
                    host,
                    400,
                    'invalid_request',
                    50011,
                    `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application.`,
                ),
            );
            return;
        }
        const method = q.get('code_challenge_method');
        if (q.get('code_challenge') && method && method !== 'S256') {
            sendJson(res, aadError(host, 400, 'invalid_request', 501491, 'Invalid code_challenge_method.'));
            return;
        }
        const code = opaque(32);
        authCodes.set(code, {
            tenant,
            clientId: q.get('client_id') ?? '',
            scope: q.get('scope') ?? '',
            person: person(),
            redirectUri,
            challenge: q.get('code_challenge') ?? undefined,
            nonce: q.get('nonce') ?? undefined,
            used: false,
        });
        const fields: Record<string, string> = { code };
        const state = q.get('state');
        if (state !== null) fields.state = state;
        if (q.get('client_info') === '1') fields.client_info = clientInfo(person().oid, tenant);
        if ((q.get('response_mode') ?? 'query') === 'form_post') {
            res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
            res.end(formPostPage(redirectUri, fields));
            return;
        }
        const target = new URL(redirectUri);
        for (const [k, v] of Object.entries(fields)) target.searchParams.set(k, v);
        res.writeHead(302, { Location: target.toString(), 'Cache-Control': 'no-store' });
        res.end();
    };

    const route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
        const [host = '', tenantSegment = '', ...rest] = url.pathname.slice(ENTRA_ROOT.length).split('/');
        if (!LOGIN_HOSTS.has(host.toLowerCase())) {
            res.writeHead(502, { 'Content-Type': 'text/plain' });
            res.end(`Unknown host ${host}`);
            return;
        }
        const path = rest.join('/');
        if (tenantSegment === 'common' && path === 'discovery/instance') {
            const tenantUrl =
                url.searchParams.get('authorization_endpoint') ?? `https://${host}/common/oauth2/v2.0/authorize`;
            const tenant = /^https:\/\/[^/]+\/([^/]+)\//.exec(tenantUrl)?.[1] ?? 'common';
            sendJson(res, {
                status: 200,
                body: {
                    tenant_discovery_endpoint: `https://${host}/${tenant}/v2.0/.well-known/openid-configuration`,
                    'api-version': '1.1',
                    metadata: [
                        {
                            preferred_network: 'login.microsoftonline.com',
                            preferred_cache: 'login.windows.net',
                            aliases: [
                                'login.microsoftonline.com',
                                'login.windows.net',
                                'login.microsoft.com',
                                'sts.windows.net',
                            ],
                        },
                    ],
                },
            });
            return;
        }
        if (path === 'v2.0/.well-known/openid-configuration') {
            sendJson(res, resolveDiscovery(host.toLowerCase(), tenantSegment, TENANTS));
            return;
        }
        const tenant = tenantOf(tenantSegment);
        if (!tenant) {
            sendJson(res, aadError(host, 400, 'invalid_tenant', 90002, `Tenant '${tenantSegment}' not found.`));
            return;
        }
        if (path === 'oauth2/v2.0/authorize' && req.method === 'GET') return authorize(host, tenant, url, res);
        if (path === 'oauth2/v2.0/devicecode' && req.method === 'POST') {
            const form = await readForm(req);
            const injectedError = takeInjected('devicecode');
            const reply = injectedError
                ? aadError(
                      host,
                      injectedError.status ?? 400,
                      injectedError.error,
                      injectedError.code,
                      injectedError.description ?? 'Injected by the sandbox.',
                  )
                : deviceCode(tenant, form);
            requestLog.push({
                grant: 'devicecode',
                status: reply.status,
                error: reply.body.error as string | undefined,
            });
            return sendJson(res, reply);
        }
        if (path === 'oauth2/v2.0/token' && req.method === 'POST') {
            const form = await readForm(req);
            const reply = token(host, tenant, form);
            requestLog.push({
                grant: form.get('grant_type') ?? '',
                status: reply.status,
                error: reply.body.error as string | undefined,
            });
            return sendJson(res, reply);
        }
        sendJson(res, {
            status: 404,
            body: { error: 'not_found', error_description: `No Entra endpoint ${req.method ?? ''} ${url.pathname}` },
        });
    };

    return {
        handle(req, res) {
            const url = new URL(req.url ?? '/', 'http://sandbox');
            if (!url.pathname.startsWith(ENTRA_ROOT)) return false;
            route(req, res, url).catch((e: Error) => {
                if (!res.headersSent)
                    sendJson(res, { status: 500, body: { error: 'server_error', error_description: e.message } });
            });
            return true;
        },
        verify: (t) => signer.verify(t),
        setSigninUser(upn) {
            const p = personByUpn(upn);
            if (!p) throw new Error(`unknown upn ${upn}`);
            signinUpn = p.upn;
        },
        signinUser: () => signinUpn,
        configure(change) {
            if (change.deviceCode !== undefined) {
                if (!['approve', 'decline', 'expire', 'never'].includes(change.deviceCode))
                    throw new Error('deviceCode must be approve, decline, expire or never');
                deviceMode = change.deviceCode;
            }
            if (change.accessTokenLifetimeSeconds !== undefined) {
                if (!(change.accessTokenLifetimeSeconds > 0)) throw new Error('accessTokenLifetimeSeconds must be > 0');
                lifetimeS = change.accessTokenLifetimeSeconds;
            }
            if (change.refreshTokens === 'expire') for (const r of refreshTokens.values()) r.expired = true;
            if (change.fail) injected = [...injected, ...change.fail.map((f) => ({ ...f, times: f.times ?? 1 }))];
            return { deviceCode: deviceMode, accessTokenLifetimeSeconds: lifetimeS, fail: injected };
        },
        requests: () => [...requestLog],
        close() {
            for (const t of timers) clearTimeout(t);
            timers.clear();
        },
    };
}
