/**
 * TokenProvider on @azure/msal-node (deploy.md §1): the browser on a 127.0.0.1 loopback with PKCE (msal's own loopback
 * client, form_post), a device code for headless terminals, or a service principal's secret. Silent first from the
 * cache; InteractionRequiredAuthError → sign in again.
 */
import {
    ConfidentialClientApplication,
    InteractionRequiredAuthError,
    PublicClientApplication,
    ServerError,
    type AccountInfo,
    type AuthenticationResult,
    type Configuration,
} from '@azure/msal-node';
import type { Environment } from '../core/environment';
import { DeployError, EXIT } from '../exit-codes';
import type { Redactor } from '../output';
import { fileCachePlugin, readProfiles, writeProfile } from './cache-file';
import { createNetworkClient, type Fetch, type UrlRewrite } from './network';
import type { SignInFlow, TokenProvider } from './token-provider';

/** Everything that decides how to sign in. */
export type SignInSettings = {
    environment: Environment;
    loginHost: string;
    tenant: string;
    clientId: string;
    flow: SignInFlow;
    /** The config folder for the token cache; undefined with --no-cache. */
    cacheFolder?: string;
    /** Service principal only, read from the environment variables. */
    clientSecret?: string;
};

/** I/O the sign-in needs, injected (tests open the "browser" themselves). */
export type SignInDeps = {
    fetch: Fetch;
    rewrite: UrlRewrite;
    /** Opens the sign-in page (already rewritten for the sandbox). */
    openBrowser: (url: string) => Promise<void>;
    /** Shows the device-code instruction to the person (stderr). */
    prompt: (message: string) => void;
    redactor: Redactor;
};

const SUCCESS_PAGE = '<p>Signed in. You can close this window and go back to the terminal.</p>';
const ERROR_PAGE = '<p>Sign-in did not complete. Go back to the terminal for the reason.</p>';
/** Renew a token this long before it expires. */
const EXPIRY_MARGIN_MS = 2 * 60_000;

/** An msal error as a DeployError: AADSTS70011 (bad scope) is a usage error, the rest sign-in (exit 3). */
export function signInError(error: unknown): DeployError {
    if (error instanceof DeployError) return error;
    const text = error instanceof Error ? error.message : String(error);
    const first = text.split(/\r?\n/)[0].replace(/\s*Trace ID:.*$/, '');
    const aadsts = /AADSTS(\d+)/.exec(text)?.[0];
    if (aadsts === 'AADSTS70011')
        return new DeployError(EXIT.usage, `Sign-in refused the scope: ${first}`, 'Check the --env address.');
    if (aadsts === 'AADSTS7000218')
        return new DeployError(
            EXIT.signIn,
            `The app registration is not a public client: ${first}`,
            'Turn on "Allow public client flows" in the app registration, or use --service-principal.',
        );
    return new DeployError(EXIT.signIn, `Sign-in failed: ${first}`, 'Try again, or sign in with --device-code.');
}

function configuration(settings: SignInSettings, deps: SignInDeps): Configuration {
    const { loginHost, tenant, clientId, cacheFolder, clientSecret } = settings;
    return {
        auth: { clientId, authority: `https://${loginHost}/${tenant}`, clientSecret },
        cache: cacheFolder ? { cachePlugin: fileCachePlugin(cacheFolder) } : undefined,
        // msal's logger stays off: its messages are not ours to vet for secrets.
        system: { networkClient: createNetworkClient(deps.fetch, deps.rewrite) },
    };
}

/** Remembers tokens in memory between requests of one run. */
class TokenMemory {
    private result?: AuthenticationResult;

    constructor(private readonly redactor: Redactor) {}

    valid(forceRefresh: boolean): string | undefined {
        const expires = this.result?.expiresOn?.getTime() ?? 0;
        return !forceRefresh && this.result && expires - EXPIRY_MARGIN_MS > Date.now()
            ? this.result.accessToken
            : undefined;
    }

    keep(result: AuthenticationResult | null): AuthenticationResult {
        if (!result?.accessToken) throw new DeployError(EXIT.signIn, 'Sign-in returned no access token.');
        this.redactor.add(result.accessToken);
        this.result = result;
        return result;
    }

    get account(): AccountInfo | undefined {
        return this.result?.account ?? undefined;
    }
}

/** A person signs in (browser or device code); tokens cached in the config folder unless --no-cache. */
class DelegatedProvider implements TokenProvider {
    private readonly app: PublicClientApplication;
    private readonly memory: TokenMemory;
    private readonly scopes: string[];

    constructor(
        private readonly settings: SignInSettings,
        private readonly deps: SignInDeps,
    ) {
        this.app = new PublicClientApplication(configuration(settings, deps));
        this.memory = new TokenMemory(deps.redactor);
        this.scopes = [`${settings.environment.origin}/user_impersonation`];
    }

    whoAmI(): string | undefined {
        return this.memory.account?.username;
    }

    async getToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
        const forceRefresh = options.forceRefresh ?? false;
        const kept = this.memory.valid(forceRefresh);
        if (kept) return kept;
        try {
            const result = (await this.silent(forceRefresh)) ?? (await this.interactive());
            this.memory.keep(result);
            this.remember(result.account ?? undefined);
            return result.accessToken;
        } catch (e) {
            throw signInError(e);
        }
    }

    private async silent(forceRefresh: boolean): Promise<AuthenticationResult | undefined> {
        const account = this.memory.account ?? (await this.cachedAccount());
        if (!account) return undefined;
        try {
            return await this.app.acquireTokenSilent({ account, scopes: this.scopes, forceRefresh });
        } catch (e) {
            // An expired or revoked refresh token (invalid_grant, e.g. AADSTS700082) needs the person again, whether or
            // not msal classifies it as interaction required (it does only with certain suberrors).
            if (
                e instanceof InteractionRequiredAuthError ||
                (e instanceof ServerError && e.errorCode === 'invalid_grant')
            )
                return undefined;
            throw e;
        }
    }

    private async cachedAccount(): Promise<AccountInfo | undefined> {
        if (!this.settings.cacheFolder) return undefined;
        const profile = readProfiles(this.settings.cacheFolder)[this.settings.environment.origin];
        if (!profile?.homeAccountId || profile.clientId !== this.settings.clientId) return undefined;
        const accounts = await this.app.getTokenCache().getAllAccounts();
        return accounts.find((a) => a.homeAccountId === profile.homeAccountId);
    }

    private async interactive(): Promise<AuthenticationResult> {
        if (this.settings.flow === 'device-code') {
            const result = await this.app.acquireTokenByDeviceCode({
                scopes: this.scopes,
                deviceCodeCallback: (response) => {
                    this.deps.redactor.add(response.deviceCode);
                    this.deps.prompt(response.message);
                },
            });
            return this.memory.keep(result);
        }
        return this.app.acquireTokenInteractive({
            scopes: this.scopes,
            openBrowser: (url) => this.deps.openBrowser(this.deps.rewrite(url)),
            successTemplate: SUCCESS_PAGE,
            errorTemplate: ERROR_PAGE,
        });
    }

    private remember(account: AccountInfo | undefined): void {
        const { cacheFolder, environment, loginHost, tenant, clientId } = this.settings;
        if (!cacheFolder) return;
        writeProfile(cacheFolder, environment.origin, {
            loginHost,
            tenant,
            clientId,
            homeAccountId: account?.homeAccountId,
            username: account?.username,
        });
    }
}

/** An application signs in with its secret (client credentials); tokens stay in memory. */
class ServicePrincipalProvider implements TokenProvider {
    private readonly app: ConfidentialClientApplication;
    private readonly memory: TokenMemory;

    constructor(
        private readonly settings: SignInSettings,
        deps: SignInDeps,
    ) {
        this.app = new ConfidentialClientApplication(configuration({ ...settings, cacheFolder: undefined }, deps));
        this.memory = new TokenMemory(deps.redactor);
    }

    whoAmI(): string | undefined {
        return `application ${this.settings.clientId}`;
    }

    async getToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
        const kept = this.memory.valid(options.forceRefresh ?? false);
        if (kept) return kept;
        try {
            const result = await this.app.acquireTokenByClientCredential({
                scopes: [`${this.settings.environment.origin}/.default`],
                skipCache: options.forceRefresh,
            });
            return this.memory.keep(result).accessToken;
        } catch (e) {
            throw signInError(e);
        }
    }
}

/** The TokenProvider for these settings. */
export function createMsalTokenProvider(settings: SignInSettings, deps: SignInDeps): TokenProvider {
    if (settings.flow === 'service-principal') {
        if (!settings.clientSecret) throw new DeployError(EXIT.signIn, 'The service principal has no secret.');
        deps.redactor.add(settings.clientSecret);
        return new ServicePrincipalProvider(settings, deps);
    }
    return new DelegatedProvider(settings, deps);
}

/** Forget one environment's account in the token cache (logout --env). */
export async function forgetAccount(folder: string, origin: string, deps: SignInDeps): Promise<boolean> {
    const profile = readProfiles(folder)[origin];
    if (!profile) return false;
    const app = new PublicClientApplication({
        auth: { clientId: profile.clientId, authority: `https://${profile.loginHost}/${profile.tenant}` },
        cache: { cachePlugin: fileCachePlugin(folder) },
        system: { networkClient: createNetworkClient(deps.fetch, deps.rewrite) },
    });
    const cache = app.getTokenCache();
    const account = (await cache.getAllAccounts()).find((a) => a.homeAccountId === profile.homeAccountId);
    if (account) await cache.removeAccount(account);
    writeProfile(folder, origin, undefined);
    return true;
}
