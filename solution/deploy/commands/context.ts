/**
 * What every command shares: the injected I/O, the reporter, and connect() — environment URL → cloud → sign-in
 * challenge → TokenProvider → Web API client (deploy.md §1).
 */
import type { DataverseHttp } from '../../../src/dataverse/http';
import type { Options } from '../args';
import { SAMPLE_CLIENT_ID } from '../assumptions';
import { configFolder } from '../auth/cache-file';
import { createMsalTokenProvider } from '../auth/msal';
import { noRewrite, sandboxRewrite, type Fetch, type UrlRewrite } from '../auth/network';
import { SERVICE_PRINCIPAL_ENV, type SignInFlow, type TokenProvider } from '../auth/token-provider';
import type { Challenge } from '../core/challenge';
import { cloudOf, isLoginHostAllowed } from '../core/cloud';
import { parseEnvironment, type Environment } from '../core/environment';
import { DeployError, EXIT } from '../exit-codes';
import type { Reporter, Streams } from '../output';
import { readChallenge } from '../web/challenge';
import { createWebApis } from '../web/client';

/** I/O the CLI uses, injected so tests run it in-process against the sandbox. */
export type CliDeps = {
    streams: Streams;
    env: NodeJS.ProcessEnv;
    fetch: Fetch;
    /** Opens a URL in the person's browser (the sign-in page). */
    openBrowser: (url: string) => Promise<void>;
    /** Waits; with `now`, the clock for polling, retries and the request gate (tests scale both together). */
    sleep: (ms: number) => Promise<void>;
    /** Milliseconds since the epoch. */
    now: () => number;
    /** Relative paths (--zip, --logs, --backup) start here. */
    cwd: string;
    /** A new GUID without braces. */
    newId: () => string;
    /** How often the import is polled; default 10 s (Microsoft's samples), 0.5 s for the local sandbox. */
    pollIntervalMs?: number;
};

/** A signed-in connection to one environment. */
export type Session = {
    environment: Environment;
    tokens: TokenProvider;
    http: DataverseHttp;
    /** The same client without its own 429 retries: publish retries the customization lock itself. */
    publishHttp: DataverseHttp;
    rewrite: UrlRewrite;
};

/** Everything a command gets. */
export type CommandContext = { options: Options; deps: CliDeps; reporter: Reporter };

function signInFlow(options: Options): SignInFlow {
    if (options.servicePrincipal) return 'service-principal';
    return options.deviceCode ? 'device-code' : 'browser';
}

/** The client id and (service principal) secret; the secret only ever from the environment. */
function credentials(context: CommandContext, flow: SignInFlow): { clientId: string; clientSecret?: string } {
    const { options, deps, reporter } = context;
    if (flow === 'service-principal') {
        const clientId = options.clientId ?? deps.env[SERVICE_PRINCIPAL_ENV.clientId];
        const clientSecret = deps.env[SERVICE_PRINCIPAL_ENV.clientSecret];
        if (!clientId || !clientSecret)
            throw new DeployError(
                EXIT.usage,
                `--service-principal reads ${SERVICE_PRINCIPAL_ENV.clientId} and ${SERVICE_PRINCIPAL_ENV.clientSecret} from the environment; ${!clientId ? SERVICE_PRINCIPAL_ENV.clientId : SERVICE_PRINCIPAL_ENV.clientSecret} is not set.`,
                'Set both variables (never pass a secret on the command line).',
            );
        return { clientId, clientSecret };
    }
    if (options.clientId) return { clientId: options.clientId };
    reporter.warn(
        'sign-in',
        `Using Microsoft's sample client ${SAMPLE_CLIENT_ID} (for development; admins can block it): pass --client-id <your app> for production.`,
    );
    return { clientId: SAMPLE_CLIENT_ID };
}

async function signInTarget(context: CommandContext, environment: Environment): Promise<Challenge> {
    const cloud = cloudOf(environment);
    if (!cloud)
        throw new DeployError(
            EXIT.usage,
            `${environment.host} is not a Dataverse environment address we know (*.crm*.dynamics.com, *.crm.microsoftdynamics.us, *.crm.appsplatform.us, *.crm.dynamics.cn).`,
            'Use the Environment URL shown in the Power Platform admin center.',
        );
    if (context.options.tenant) return { loginHost: cloud.loginHost, tenant: context.options.tenant };
    const challenge = await readChallenge(environment, context.deps.fetch);
    if (!isLoginHostAllowed(environment, challenge.loginHost))
        throw new DeployError(
            EXIT.signIn,
            `${environment.host} asks for sign-in at ${challenge.loginHost}, which does not belong to its cloud (${cloud.name}: ${cloud.loginHost}). Not signing in there.`,
            'Check the --env address; if it is right, report the environment to your administrator.',
        );
    return challenge;
}

/** Sign in to the environment named by --env and return a Web API client. */
export async function connect(context: CommandContext): Promise<Session> {
    const { options, deps, reporter } = context;
    const environment = parseEnvironment(options.env, options.allowHttp);
    const target = await signInTarget(context, environment);
    const flow = signInFlow(options);
    const rewrite = environment.isLocal ? sandboxRewrite(environment.origin) : noRewrite;
    const tokens = createMsalTokenProvider(
        {
            environment,
            loginHost: target.loginHost,
            tenant: target.tenant,
            flow,
            ...credentials(context, flow),
            cacheFolder: options.noCache ? undefined : configFolder(deps.env),
        },
        {
            fetch: deps.fetch,
            rewrite,
            openBrowser: deps.openBrowser,
            prompt: (m) => reporter.prompt(m),
            redactor: reporter.redactor,
        },
    );
    // Sign in now, so that a refusal is reported as what it is before any Web API call.
    reporter.start('sign-in', `Signing in for ${environment.host} at ${target.loginHost}`);
    await tokens.getToken();
    reporter.ok('sign-in', `Signed in${tokens.whoAmI() ? ` as ${tokens.whoAmI()}` : ''}.`);
    const log = (line: string) => reporter.debug(line);
    const clients = createWebApis(environment, tokens, deps.fetch, log, { now: deps.now, sleep: deps.sleep });
    return { environment, tokens, rewrite, ...clients };
}
