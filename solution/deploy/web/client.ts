/**
 * The Web API client for the CLI: the project's one client (src/dataverse/http.ts: headers, 429/Retry-After,
 * error decoding) over a fetch that adds the bearer token, asks for a fresh one once after a 401, and logs each
 * request with --verbose (method, address, status: never a header).
 */
import { DataverseHttp, type FetchLike } from '../../../src/dataverse/http';
import type { Fetch } from '../auth/network';
import type { TokenProvider } from '../auth/token-provider';
import type { Environment } from '../core/environment';

/** Retries the client makes on 429 and 503 by itself (the customization lock is retried above it, see publish.ts). */
const HTTP_RETRIES = 4;

/** A failed sign-in as a 401 answer whose message says why. */
function signInFailure(error: unknown): Response {
    const message = error instanceof Error ? error.message : String(error);
    return new Response(JSON.stringify({ error: { code: 'SignInFailed', message } }), {
        status: 401,
        headers: { 'Content-Type': 'application/json' },
    });
}

/** A fetch that carries the token, only ever to the environment's own origin. */
export function authorisedFetch(
    environment: Environment,
    tokens: TokenProvider,
    fetchFn: Fetch,
    log: (line: string) => void,
): FetchLike {
    return async (url, init) => {
        if (new URL(url).origin !== environment.origin)
            throw new Error(`Refusing to send a token to ${new URL(url).origin}`);
        const send = async (forceRefresh: boolean) => {
            let token: string;
            try {
                token = await tokens.getToken({ forceRefresh });
            } catch (e) {
                // The client turns anything fetch throws into a dropped connection (and retries it); a failed sign-in
                // is no such thing, so it comes back as the 401 it amounts to, with the reason.
                log(`sign-in failed before ${init.method ?? 'GET'} ${url.replace(environment.origin, '')}`);
                return signInFailure(e);
            }
            const headers = new Headers(init.headers);
            headers.set('Authorization', `Bearer ${token}`);
            const response = await fetchFn(url, { ...init, headers });
            log(`${init.method ?? 'GET'} ${url.replace(environment.origin, '')} → ${response.status}`);
            return response;
        };
        const first = await send(false);
        if (first.status !== 401) return first;
        await first.text().catch(() => '');
        return send(true);
    };
}

/** The clock and sleep the clients wait with (Retry-After, the request gate); injected so tests run scaled time. */
export type Clock = { now: () => number; sleep: (ms: number) => Promise<void> };

/**
 * Two clients sharing one request gate (a 429 pauses both): `http` retries 429/503 itself, `publishHttp` does not,
 * because publish retries the customization lock with its own schedule (deploy.md §5).
 */
export function createWebApis(
    environment: Environment,
    tokens: TokenProvider,
    fetchFn: Fetch,
    log: (line: string) => void,
    clock: Clock,
): { http: DataverseHttp; publishHttp: DataverseHttp } {
    const fetchWithToken = authorisedFetch(environment, tokens, fetchFn, log);
    const http = new DataverseHttp(environment.origin, fetchWithToken, {
        ...clock,
        maxRetries: HTTP_RETRIES,
        maxThrottleRetries: HTTP_RETRIES,
    });
    const publishHttp = new DataverseHttp(environment.origin, fetchWithToken, {
        ...clock,
        gate: http.gate,
        maxRetries: 0,
        maxThrottleRetries: 0,
    });
    return { http, publishHttp };
}
