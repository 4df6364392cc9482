import * as React from 'react';
import type { DiscoveryResult } from '../../core/credentials/discovery';

/** Looks a tenant (GUID or domain) up; injected so the UI never fetches (the PCF layer passes the real client). */
export type ResolveTenant = (
    tenant: string,
    serverAuthority: number | null,
    signal?: AbortSignal,
) => Promise<DiscoveryResult>;

/** Where the lookup of the current tenant stands. */
export type DiscoveryState =
    | { status: 'idle' }
    | { status: 'resolving'; tenant: string }
    | { status: 'done'; tenant: string; result: DiscoveryResult };

/**
 * Resolve `tenant` whenever it (or serverauthority) changes; `undefined` means "nothing valid to look up".
 * A stale answer is dropped (abort), and a rejected lookup counts as "could not verify", never "not found".
 */
export function useDiscovery(
    tenant: string | undefined,
    serverAuthority: number | null,
    resolveTenant: ResolveTenant | undefined,
): DiscoveryState {
    const [state, setState] = React.useState<DiscoveryState>({ status: 'idle' });
    React.useEffect(() => {
        if (!tenant || !resolveTenant) {
            setState({ status: 'idle' });
            return undefined;
        }
        const controller = new AbortController();
        setState({ status: 'resolving', tenant });
        const settle = (result: DiscoveryResult) => {
            if (!controller.signal.aborted) setState({ status: 'done', tenant, result });
        };
        resolveTenant(tenant, serverAuthority, controller.signal)
            .then(settle)
            .catch(() => settle({ kind: 'unverifiable' }));
        return () => controller.abort();
    }, [tenant, serverAuthority, resolveTenant]);
    return state;
}
