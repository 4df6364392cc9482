/** The one place that fetches the OIDC discovery document of a tenant (entra-and-exchange.md §2.1, §4). */
import {
    buildDiscoveryUrl,
    discoveryOrder,
    interpretDiscovery,
    type DiscoveryResult,
    type HostOverride,
} from '../core/credentials/discovery';

/** The subset of window.fetch the client needs (injected so tests and the sandbox can fake it). */
export type DiscoveryFetch = (url: string, init: RequestInit) => Promise<Response>;

/** Resolves a tenant GUID or domain to its GUID and cloud. */
export type DiscoveryClient = {
    resolveTenant: (tenant: string, serverAuthority: number | null, signal?: AbortSignal) => Promise<DiscoveryResult>;
};

async function askHost(fetchFn: DiscoveryFetch, url: string, signal?: AbortSignal): Promise<DiscoveryResult> {
    let response: Response;
    try {
        // No credentials and no custom headers: the request stays "simple", so no CORS preflight (entra §3).
        response = await fetchFn(url, { method: 'GET', credentials: 'omit', signal });
    } catch (error) {
        if (signal?.aborted) throw error;
        // CORS / CSP block or offline: we could not ask, which is not the same as "not found" (entra §2.1).
        return { kind: 'unverifiable' };
    }
    // An unreadable body (not JSON) is judged like a missing one.
    const body: unknown = await response.json().catch(() => undefined);
    return interpretDiscovery(response.status, body);
}

/**
 * Create the discovery client. Hosts are asked in discoveryOrder(serverAuthority); the first "found" wins.
 * "notFound" is returned only when every host answered "not found"; a host that could not be asked
 * (thrown fetch, CSP, unexpected reply) makes the result "unverifiable", never "not found". An aborted signal rejects with the abort error.
 */
export function createDiscoveryClient(fetchFn: DiscoveryFetch, hostOverride?: HostOverride): DiscoveryClient {
    async function resolveTenant(
        tenant: string,
        serverAuthority: number | null,
        signal?: AbortSignal,
    ): Promise<DiscoveryResult> {
        let notFound: DiscoveryResult | undefined;
        let couldNotAsk = false;
        for (const host of discoveryOrder(serverAuthority)) {
            const result = await askHost(fetchFn, buildDiscoveryUrl(tenant, host, hostOverride), signal);
            if (result.kind === 'found') return result;
            if (result.kind === 'notFound') notFound ??= result;
            else couldNotAsk = true;
        }
        // The tenant may live behind a host we could not ask, so one unanswered host keeps it "unverifiable".
        return couldNotAsk || !notFound ? { kind: 'unverifiable' } : notFound;
    }
    return { resolveTenant };
}
