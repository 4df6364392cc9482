/** The --env URL: normalised to an origin, https only, plain http only for this machine behind --allow-http. */
import { DeployError, EXIT } from '../exit-codes';

/** A Dataverse environment the CLI talks to. */
export type Environment = {
    /** https://<host> (http://127.0.0.1:<port> for the sandbox), no trailing slash. */
    origin: string;
    host: string;
    /** The sandbox on this machine, reached over plain http behind --allow-http. */
    isLocal: boolean;
};

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

/**
 * Normalise --env. A bare host gets https:// (a scope without a scheme fails with AADSTS70011, deploy.md §1); a path,
 * query or trailing slash is dropped. http:// is refused unless --allow-http and the host is 127.0.0.1 or localhost.
 */
export function parseEnvironment(value: string | undefined, allowHttp: boolean): Environment {
    if (!value) throw new DeployError(EXIT.usage, 'Say which environment: --env https://<org>.crm.dynamics.com');
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
    let url: URL;
    try {
        url = new URL(withScheme);
    } catch {
        throw new DeployError(EXIT.usage, `"${value}" is not a URL.`, 'Use --env https://<org>.crm.dynamics.com');
    }
    const isLocal = LOCAL_HOSTS.has(url.hostname);
    if (allowHttp && !isLocal)
        throw new DeployError(
            EXIT.usage,
            `--allow-http is accepted only for 127.0.0.1 or localhost, not ${url.hostname}.`,
            'Use the https address of the environment and leave out --allow-http.',
        );
    if (url.protocol === 'http:' && !allowHttp)
        throw new DeployError(
            EXIT.usage,
            `${url.origin} is plain http; environments are reached over https only.`,
            isLocal ? 'For the local sandbox add --allow-http.' : `Use https://${url.host} instead.`,
        );
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new DeployError(EXIT.usage, `${url.protocol} is not a scheme Dataverse answers on; use https.`);
    if (url.username || url.password)
        throw new DeployError(EXIT.usage, 'The environment URL must not contain a user name or password.');
    return { origin: url.origin, host: url.hostname, isLocal };
}
