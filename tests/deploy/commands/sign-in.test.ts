/**
 * Sign-in against the sandbox's Entra stand-in: device code, browser, service principal, the token cache and
 * logout; and nothing secret in any output, log or backup.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPLICATION } from '../../sandbox/deploy/accounts';
import { setSwitch } from '../../sandbox/deploy/test-kit';
import { filesUnder, runCli } from '../cli-kit';
import { deployState, MANAGED_ZIP, setUpFreshCli } from '../deploy-kit';

const { kit, ws, env } = setUpFreshCli((started) => setSwitch(started, 'entra', { deviceCode: 'approve' }));
const cacheFolder = () => join(ws().home, 'esp-deploy');
const grants = async () =>
    ((await deployState(kit())).tokenRequests as { grant: string; status: number }[]).map(
        (r) => `${r.grant}:${r.status}`,
    );

/** The secret values msal keeps in the cache file (access and refresh tokens). */
function cachedSecrets(): string[] {
    const cache = JSON.parse(readFileSync(join(cacheFolder(), 'token-cache.json'), 'utf8')) as Record<
        string,
        Record<string, { secret?: string }>
    >;
    return Object.values(cache).flatMap((section) =>
        Object.values(section ?? {})
            .map((e) => e.secret)
            .filter((s): s is string => !!s),
    );
}

describe('sign-in', () => {
    it('signs in with a device code, keeps the tokens 0600 and signs in silently the next time', async () => {
        const before = (await grants()).length;
        const login = await runCli(['login', ...env(), '--device-code'], ws());
        expect(login.code).toBe(0);
        expect(login.stderr).toMatch(
            /To sign in, use a web browser to open the page https:\/\/microsoft\.com\/devicelogin and enter the code \w+/,
        );
        expect(login.stdout).toBe(
            'Signed in to 127.0.0.1 as avery@woodgrovebank.com; tokens kept for the next commands.\n',
        );
        for (const file of ['token-cache.json', 'profiles.json'])
            expect(filesUnder(cacheFolder()).find((f) => f.path.endsWith(file))?.mode).toBe(0o600);
        const status = await runCli(['status', ...env(), '--device-code'], ws());
        expect(status.code).toBe(0);
        expect(status.stderr).not.toMatch(/devicelogin/);
        expect((await grants()).slice(before).filter((g) => g.startsWith('device_code:200'))).toHaveLength(1);
        // Nothing secret anywhere we write, the cache file itself aside.
        const secrets = cachedSecrets();
        expect(secrets.length).toBeGreaterThan(0);
        const written = [
            login.stdout,
            login.stderr,
            status.stdout,
            status.stderr,
            ...filesUnder(ws().logs).map((f) => f.text),
        ].join('\n');
        expect(written).not.toMatch(/eyJ/);
        for (const secret of secrets) expect(written).not.toContain(secret);
    });

    it('asks again in the browser when the refresh token has expired (AADSTS700082)', async () => {
        // Tokens that live a second are renewed at once (msal renews ahead of expiry), with a refresh token Entra refuses.
        await setSwitch(kit(), 'entra', { accessTokenLifetimeSeconds: 1 });
        expect((await runCli(['login', ...env()], ws())).code).toBe(0);
        await setSwitch(kit(), 'entra', { refreshTokens: 'expire' });
        const again = await runCli(['status', ...env(), '--json'], ws());
        expect(again.code).toBe(0);
        expect(ws().urlsOpened).toHaveLength(2);
        expect(await grants()).toEqual(expect.arrayContaining(['refresh_token:400', 'authorization_code:200']));
    });

    it('keeps nothing with --no-cache, and logout deletes what was kept', async () => {
        expect((await runCli(['login', ...env(), '--no-cache'], ws())).code).toBe(0);
        expect(existsSync(cacheFolder())).toBe(false);
        expect((await runCli(['login', ...env()], ws())).code).toBe(0);
        const one = await runCli(['logout', ...env()], ws());
        expect(one).toMatchObject({ code: 0, stdout: 'Signed out of 127.0.0.1.\n' });
        expect(JSON.parse(readFileSync(join(cacheFolder(), 'profiles.json'), 'utf8'))).toEqual({});
        const all = await runCli(['logout'], ws());
        expect(all).toMatchObject({ code: 0, stdout: 'Deleted the kept sign-in.\n' });
        expect(filesUnder(cacheFolder())).toEqual([]);
    });

    it('signs in as a service principal from environment variables only, never showing the secret', async () => {
        const r = await runCli(
            ['deploy', ...env(), '--service-principal', '--zip', MANAGED_ZIP, '--json', '--verbose'],
            ws(),
            {
                env: { AZURE_CLIENT_ID: APPLICATION.clientId, AZURE_CLIENT_SECRET: APPLICATION.clientSecret },
            },
        );
        expect(r.code).toBe(0);
        expect(r.stdout + r.stderr).not.toContain(APPLICATION.clientSecret);
        expect(r.stdout + r.stderr).not.toMatch(/eyJ/);
        expect(r.stderr).not.toMatch(/sample client/);
        expect(await grants()).toContain('client_credentials:200');
        expect(
            filesUnder(ws().logs)
                .map((f) => f.text)
                .join(''),
        ).not.toContain(APPLICATION.clientSecret);
    });

    it('names the missing variable when the service principal has no secret (exit 2)', async () => {
        const r = await runCli(['login', ...env(), '--service-principal'], ws(), {
            env: { AZURE_CLIENT_ID: APPLICATION.clientId },
        });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/AZURE_CLIENT_SECRET is not set/);
    });

    it('says which client it uses: the sample with a warning, or --client-id', async () => {
        const sample = await runCli(['login', ...env()], ws());
        expect(sample.stderr).toMatch(/Using Microsoft's sample client 51f81489-12ee-4a9e-aaae-a2591f45987d/);
        const own = await runCli(['login', ...env(), '--client-id', '51f81489-12ee-4a9e-aaae-a2591f45987d'], ws());
        expect(own.stderr).not.toMatch(/sample client/);
    });

    it('reports a refused sign-in with its AADSTS code (exit 3)', async () => {
        await setSwitch(kit(), 'entra', {
            fail: [
                {
                    grant: 'authorization_code',
                    error: 'invalid_grant',
                    code: 50126,
                    description: 'Error validating credentials.',
                },
            ],
        });
        const r = await runCli(['login', ...env()], ws());
        expect(r.code).toBe(3);
        expect(r.stderr).toMatch(/Sign-in failed: .*AADSTS50126/);
        expect(r.stderr).not.toMatch(/Trace ID/);
    });

    it('reports a declined device code (exit 3)', async () => {
        await setSwitch(kit(), 'entra', { deviceCode: 'decline' });
        const r = await runCli(['login', ...env(), '--device-code'], ws());
        expect(r.code).toBe(3);
        expect(r.stderr).toMatch(/Sign-in failed/);
    });
});
