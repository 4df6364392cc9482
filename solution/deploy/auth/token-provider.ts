/**
 * The one seam between the deployer and sign-in (deploy.md §1): everything else asks this for a token. msal-node's
 * next major may drop PublicClientApplication (dev-branch v7 note, PR #8836), so only auth/msal.ts knows the library.
 */

/** Hands out access tokens for one environment. */
export interface TokenProvider {
    /** An access token for the environment; `forceRefresh` after a 401 skips the cached access token. */
    getToken(options?: { forceRefresh?: boolean }): Promise<string>;
    /** Who is signed in (user name or application id), for messages; undefined before the first token. */
    whoAmI(): string | undefined;
}

/** How the person signs in. */
export type SignInFlow = 'browser' | 'device-code' | 'service-principal';

/** Environment variables the service principal reads (never argv). */
export const SERVICE_PRINCIPAL_ENV = {
    clientId: 'AZURE_CLIENT_ID',
    clientSecret: 'AZURE_CLIENT_SECRET',
} as const;
