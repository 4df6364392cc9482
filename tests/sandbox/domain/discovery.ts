/**
 * Entra OpenID discovery stand-in (entra-and-exchange.md §2.1, §4). The sandbox maps
 * `https://<login host>/<tenant>/v2.0/.well-known/openid-configuration` to
 * `/_discovery/<login host>/<tenant>/v2.0/.well-known/openid-configuration` on the local server.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cloud, DiscoveryTenant } from './types';

/** Whether error replies carry `Access-Control-Allow-Origin: *`: (unconfirmed) in entra-and-exchange.md §2.1. */
export const DISCOVERY_ERRORS_CARRY_CORS = true;

/**
 * What a login host answers for a tenant of another cloud: (unconfirmed) (§2.1 "which host answers for a US Gov
 * tenant"). 'notFound' = AADSTS90002 ("tenant not found (or wrong cloud)", §7); 'otherCloud' = AADSTS90038.
 */
export const WRONG_CLOUD_REPLY: 'notFound' | 'otherCloud' = 'notFound';

export type DiscoveryOptions = { errorsCarryCors?: boolean; wrongCloudReply?: 'notFound' | 'otherCloud' };

const PREFIX = '/_discovery/';
const WELL_KNOWN = 'v2.0/.well-known/openid-configuration';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Instance = { clouds: Cloud[]; host: string; instanceName: string; graphHost: string; label: string };
const COMMERCIAL: Instance = {
    clouds: ['commercial', 'gcc'],
    host: 'login.microsoftonline.com',
    instanceName: 'microsoftonline.com',
    graphHost: 'graph.microsoft.com',
    label: 'Public',
};
const US_GOV: Instance = {
    clouds: ['gccHigh', 'dod'],
    host: 'login.microsoftonline.us',
    instanceName: 'microsoftonline.us',
    graphHost: 'graph.microsoft.us',
    label: 'US Government',
};
const CHINA: Instance = {
    clouds: ['china'],
    host: 'login.partner.microsoftonline.cn',
    instanceName: 'partner.microsoftonline.cn',
    graphHost: 'microsoftgraph.chinacloudapi.cn',
    label: 'China',
};

/** Login hosts and aliases (entra-and-exchange.md §4). */
const INSTANCES: Record<string, Instance> = {
    'login.microsoftonline.com': COMMERCIAL,
    'login.windows.net': COMMERCIAL,
    'login.microsoft.com': COMMERCIAL,
    'sts.windows.net': COMMERCIAL,
    'login.microsoftonline.us': US_GOV,
    'login.usgovcloudapi.net': US_GOV,
    'login.partner.microsoftonline.cn': CHINA,
    'login.chinacloudapi.cn': CHINA,
};
const SUB_SCOPE: Partial<Record<Cloud, string>> = { gcc: 'GCC', gccHigh: 'DODCON', dod: 'DOD' };
const INSTANCE_OF_CLOUD: Record<Cloud, Instance> = {
    commercial: COMMERCIAL,
    gcc: COMMERCIAL,
    gccHigh: US_GOV,
    dod: US_GOV,
    china: CHINA,
};
const PSEUDO_TENANTS: Record<string, string> = {
    common: '{tenantid}',
    organizations: '{tenantid}',
    consumers: '9188040d-6c67-4c5b-b112-36a304b66dad',
};

function configuration(instance: Instance, tenantSegment: string, tenant?: DiscoveryTenant): Record<string, unknown> {
    const base = `https://${instance.host}/${tenantSegment}`;
    const body: Record<string, unknown> = {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${base}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `https://${instance.graphHost}/oidc/userinfo`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        claims_supported: [
            'sub',
            'iss',
            'cloud_instance_name',
            'cloud_instance_host_name',
            'cloud_graph_host_name',
            'msgraph_host',
            'aud',
            'exp',
            'iat',
            'auth_time',
            'acr',
            'nonce',
            'preferred_username',
            'name',
            'tid',
            'ver',
            'at_hash',
            'c_hash',
            'email',
        ],
        kerberos_endpoint: `${base}/kerberos`,
        tenant_region_scope: tenant ? tenant.regionScope : null,
        cloud_instance_name: instance.instanceName,
        cloud_graph_host_name: instance === CHINA ? 'graph.chinacloudapi.cn' : 'graph.windows.net',
        msgraph_host: instance.graphHost,
        rbac_url: instance === COMMERCIAL ? 'https://pas.windows.net' : `https://pasff.${instance.instanceName}`,
    };
    const sub = tenant ? SUB_SCOPE[tenant.cloud] : undefined;
    if (sub) body.tenant_region_sub_scope = sub;
    return body;
}

/** An Entra ID error answer in the documented shape (entra-and-exchange.md §7); the deploy stand-in uses it too. */
export function aadError(
    host: string,
    status: number,
    error: string,
    code: number,
    description: string,
): { status: number; body: Record<string, unknown> } {
    const traceId = randomUUID();
    const correlationId = randomUUID();
    const now = new Date();
    const timestamp = now
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d{3}Z$/, 'Z');
    return {
        status,
        body: {
            error,
            error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
            error_codes: [code],
            timestamp,
            trace_id: traceId,
            correlation_id: correlationId,
            error_uri: `https://${host}/error?code=${code}`,
        },
    };
}

const notFound = (host: string, tenant: string): ReturnType<typeof aadError> =>
    aadError(
        host,
        400,
        'invalid_tenant',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    );

/** The reply for one tenant segment at one login host. */
export function resolveDiscovery(
    host: string,
    tenantSegment: string,
    tenants: DiscoveryTenant[],
    wrongCloud: 'notFound' | 'otherCloud' = WRONG_CLOUD_REPLY,
): { status: number; body: Record<string, unknown> } {
    const instance = INSTANCES[host];
    const key = tenantSegment.trim().toLowerCase();
    if (key in PSEUDO_TENANTS) return { status: 200, body: configuration(instance, PSEUDO_TENANTS[key]) };
    if (!GUID.test(key) && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(key)) {
        return aadError(
            host,
            400,
            'invalid_tenant',
            900023,
            `Specified tenant identifier '${tenantSegment}' is neither a valid DNS name, nor a valid external domain.`,
        );
    }
    const tenant = tenants.find((t) => t.tenantId === key || t.domains.includes(key));
    if (!tenant) return notFound(host, tenantSegment);
    if (!instance.clouds.includes(tenant.cloud)) {
        if (wrongCloud === 'notFound') return notFound(host, tenantSegment);
        const home = INSTANCE_OF_CLOUD[tenant.cloud];
        return aadError(
            host,
            400,
            'invalid_request',
            90038,
            `Tenant '${tenant.tenantId}' belongs to the National Cloud '${home.label}'. Current cloud instance '${instance.label}' does not federate with '${home.label}'.`,
        );
    }
    return { status: 200, body: configuration(instance, tenant.tenantId, tenant) };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
}

/** Serve `/_discovery/...` requests; answers false for anything else so the caller can route it elsewhere. */
export function handleDiscovery(
    req: IncomingMessage,
    res: ServerResponse,
    tenants: DiscoveryTenant[],
    options: DiscoveryOptions = {},
): boolean {
    const path = (req.url ?? '').split('?')[0];
    if (!path.startsWith(PREFIX)) return false;
    const [host = '', tenantRaw = '', ...rest] = path.slice(PREFIX.length).split('/');
    const cors = { 'Access-Control-Allow-Origin': '*' };
    const errorCors = (options.errorsCarryCors ?? DISCOVERY_ERRORS_CARRY_CORS) ? cors : {};
    if (!(host.toLowerCase() in INSTANCES)) {
        // Not a login host: behave like a failed DNS lookup seen through a proxy (no CORS → the browser's fetch throws).
        res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(`Unknown host ${host}`);
        return true;
    }
    if (req.method === 'OPTIONS') {
        res.writeHead(204, {
            ...cors,
            'Access-Control-Allow-Methods': 'GET, OPTIONS',
            'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
            'Access-Control-Max-Age': '86400',
        });
        res.end();
        return true;
    }
    if (req.method !== 'GET' || rest.join('/') !== WELL_KNOWN) {
        send(
            res,
            req.method === 'GET' ? 404 : 405,
            { error: 'not_found', error_description: `No such discovery path: ${path}` },
            errorCors,
        );
        return true;
    }
    let tenant: string;
    try {
        tenant = decodeURIComponent(tenantRaw);
    } catch {
        tenant = tenantRaw;
    }
    const reply = resolveDiscovery(host.toLowerCase(), tenant, tenants, options.wrongCloudReply);
    send(
        res,
        reply.status,
        reply.body,
        reply.status === 200 ? { ...cors, 'Cache-Control': 'max-age=86400, private' } : errorCors,
    );
    return true;
}
