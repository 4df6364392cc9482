/**
 * msal-node's network client (system.networkClient) over fetch. With --allow-http for the local sandbox it sends
 * `https://<login host>/<path>` to `<sandbox>/_entra/<login host>/<path>` instead (DEPLOY-CONTRACT.md): msal keeps
 * real https authorities (it refuses http ones), only the wire goes to the stand-in. Without the flag nothing changes.
 */
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { KNOWN_LOGIN_HOSTS } from '../core/cloud';

/** fetch, injectable. */
export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** Rewrites a sign-in URL for the local sandbox; the identity for everything else. */
export type UrlRewrite = (url: string) => string;

/** No rewriting (every real environment). */
export const noRewrite: UrlRewrite = (url) => url;

/** The sandbox rewrite: a known Microsoft sign-in host → the sandbox's Entra stand-in. */
export function sandboxRewrite(sandboxOrigin: string): UrlRewrite {
    return (url) => {
        const parsed = new URL(url);
        if (parsed.protocol !== 'https:' || !KNOWN_LOGIN_HOSTS.includes(parsed.hostname)) return url;
        return `${sandboxOrigin}/_entra/${parsed.hostname}${parsed.pathname}${parsed.search}`;
    };
}

function headerRecord(headers: Headers): Record<string, string> {
    const record: Record<string, string> = {};
    headers.forEach((value, key) => (record[key] = value));
    return record;
}

/** An INetworkModule sending through `fetchFn` after `rewrite`; errors keep msal's shape (JSON body or thrown). */
export function createNetworkClient(fetchFn: Fetch, rewrite: UrlRewrite): INetworkModule {
    const send = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeout?: number) => {
        const response = await fetchFn(rewrite(url), {
            method,
            headers: options?.headers,
            body: method === 'POST' ? (options?.body ?? '') : undefined,
            signal: timeout ? AbortSignal.timeout(timeout) : undefined,
        });
        const text = await response.text();
        let body: unknown;
        try {
            body = text ? JSON.parse(text) : {};
        } catch {
            body = { error: 'invalid_response', error_description: `HTTP ${response.status} without JSON` };
        }
        return {
            headers: headerRecord(response.headers),
            body: body as T,
            status: response.status,
        } as NetworkResponse<T>;
    };
    return {
        sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
        sendPostRequestAsync: (url, options) => send('POST', url, options),
    };
}
