/** connect(): the challenge decides where to sign in; a foreign sign-in host or no challenge stops before any sign-in. */
import { createWorkspace, runCli, type Workspace } from '../cli-kit';

let ws: Workspace;
let requested: string[];
beforeEach(() => {
    ws = createWorkspace();
    requested = [];
});
afterEach(() => ws.close());

/** A fake network: the environment answers `status` with `challenge`; anything else is recorded and refused. */
function network(status: number, challenge?: string) {
    return (url: string) => {
        requested.push(url);
        if (url.startsWith('https://contoso.crm.dynamics.com/'))
            return Promise.resolve(
                new Response('{}', { status, headers: challenge ? { 'WWW-Authenticate': challenge } : {} }),
            );
        return Promise.reject(new Error(`unexpected request to ${url}`));
    };
}

const ENV = ['login', '--env', 'https://contoso.crm.dynamics.com', '--device-code'];

describe('connect', () => {
    it('refuses a sign-in host that does not belong to the environment’s cloud (exit 3) and never contacts it', async () => {
        const fetch = network(
            401,
            'Bearer authorization_uri=https://login.evil.example/t/oauth2/authorize, resource_id=https://contoso.crm.dynamics.com/',
        );
        const r = await runCli(ENV, ws, { fetch });
        expect(r.code).toBe(3);
        expect(r.stderr).toMatch(
            /asks for sign-in at login\.evil\.example, which does not belong to its cloud \(Commercial \(or GCC\): login\.microsoftonline\.com\)/,
        );
        expect(requested).toEqual([`${'https://contoso.crm.dynamics.com'}/api/data/v9.2/`]);
    });

    it('refuses a sovereign cloud’s host for a commercial environment (exit 3)', async () => {
        const fetch = network(401, 'Bearer authorization_uri=https://login.microsoftonline.us/t/oauth2/authorize');
        expect((await runCli(ENV, ws, { fetch })).code).toBe(3);
    });

    it('calls an address without a challenge a usage error (exit 2)', async () => {
        const r = await runCli(ENV, ws, { fetch: network(200) });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(
            /answered 200 without a sign-in challenge: it does not look like a Dataverse environment/,
        );
    });

    it('calls an address that does not answer a usage error (exit 2)', async () => {
        const r = await runCli(['login', '--env', 'https://nowhere.crm.dynamics.com'], ws, { fetch: network(401) });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/did not answer/);
    });

    it('refuses a host that is not a Dataverse environment before any request (exit 2)', async () => {
        const r = await runCli(['login', '--env', 'https://contoso.example.com'], ws, { fetch: network(401) });
        expect(r.code).toBe(2);
        expect(requested).toEqual([]);
    });
});
