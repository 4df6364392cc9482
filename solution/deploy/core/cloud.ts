/**
 * Which Microsoft cloud an environment lives in, and which sign-in host belongs to it (deploy.md §1 host table,
 * after ServiceClient's DiscoveryServers and the Dynamics 365 Government docs).
 */
import type { Environment } from './environment';

/** A national or commercial cloud and its sign-in host. */
export type Cloud = { name: string; loginHost: string };

const COMMERCIAL: Cloud = { name: 'Commercial (or GCC)', loginHost: 'login.microsoftonline.com' };
const GCC_HIGH: Cloud = { name: 'US Government GCC High', loginHost: 'login.microsoftonline.us' };
const DOD: Cloud = { name: 'US Government DoD', loginHost: 'login.microsoftonline.us' };
const CHINA: Cloud = { name: 'China (21Vianet)', loginHost: 'login.chinacloudapi.cn' };

/** Host suffix → cloud; *.crm[N].dynamics.com covers every commercial region and GCC (crm9). */
const CLOUD_BY_SUFFIX: readonly [RegExp, Cloud][] = [
    [/\.crm\d*\.dynamics\.com$/, COMMERCIAL],
    [/\.crm\.microsoftdynamics\.us$/, GCC_HIGH],
    [/\.crm\.appsplatform\.us$/, DOD],
    [/\.crm\.dynamics\.cn$/, CHINA],
];

/** Every Microsoft sign-in host we know; the local sandbox may name any of them, nothing else. */
export const KNOWN_LOGIN_HOSTS: readonly string[] = [COMMERCIAL.loginHost, GCC_HIGH.loginHost, CHINA.loginHost];

/** The environment's cloud, or undefined for a host that is not a Dataverse environment we know. */
export function cloudOf(environment: Environment): Cloud | undefined {
    if (environment.isLocal) return { name: 'Local sandbox', loginHost: COMMERCIAL.loginHost };
    return CLOUD_BY_SUFFIX.find(([suffix]) => suffix.test(environment.host))?.[1];
}

/**
 * Whether a sign-in host (from the 401 challenge) belongs to the environment's cloud. A token for a Dataverse org is
 * only ever asked of its own cloud's host: anything else would send the user's credentials to a stranger.
 */
export function isLoginHostAllowed(environment: Environment, loginHost: string): boolean {
    const host = loginHost.toLowerCase();
    if (environment.isLocal) return KNOWN_LOGIN_HOSTS.includes(host);
    return cloudOf(environment)?.loginHost === host;
}
