import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { PROFILE_IDS, USER_IDS } from './domain/ids';
import { startSandbox, type Sandbox } from './server';

const ROOT = join(__dirname, '..', '..');
const built = existsSync(join(ROOT, 'out', 'controls', 'bundle.js'));

/** Raw GET that does not normalise the path (to probe traversal). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
        const req = request(new URL(url), { path, method: 'GET', agent: false }, (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString('utf8')));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
    });
}

describe('startSandbox', () => {
    let sandbox: Sandbox;

    beforeAll(async () => {
        sandbox = await startSandbox({ port: 0, root: ROOT, seed: 1, mailboxCount: 10, timeScale: 10 });
    });

    afterAll(async () => {
        await sandbox.close();
    });

    it('listens on 127.0.0.1 on a free port', () => {
        expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    });

    it('serves the form page with a lang attribute', async () => {
        const res = await fetch(sandbox.url);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toContain('text/html');
        expect(await res.text()).toContain('<html lang="en">');
    });

    it('serves the form page at the record link a model-driven app (and the deploy CLI) gives', async () => {
        const res = await fetch(new URL('main.aspx?pagetype=entityrecord&etn=emailserverprofile', sandbox.url));
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('<script type="module" src="/host/host.js"></script>');
    });

    it('serves the platform libraries from pcf-start', async () => {
        const res = await fetch(new URL('/vendor/fluent_8_121_1.js', sandbox.url));
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('FluentUIReactv81211');
    });

    it('serves every icon font file the platform Fluent names, and nothing else from that folder', async () => {
        const fluent = await (await fetch(new URL('/vendor/fluent_8_121_1.js', sandbox.url))).text();
        const fonts = [...new Set(fluent.match(/fabric-icons-[a-z0-9-]+\.woff/g))];
        expect(fonts.length).toBeGreaterThan(10);
        for (const font of fonts) {
            const res = await fetch(new URL(`/vendor/fonts/${font}`, sandbox.url));
            expect({ font, status: res.status, type: res.headers.get('content-type') }).toEqual({
                font,
                status: 200,
                type: 'font/woff',
            });
            await res.arrayBuffer();
        }
        expect((await rawGet(sandbox.url, '/vendor/fonts/../package.json')).status).toBe(404);
        expect((await rawGet(sandbox.url, '/vendor/fonts/%2e%2e/package.json')).status).toBe(404);
    });

    (built ? it : it.skip)('serves the production bundle under /control/', async () => {
        const res = await fetch(new URL('/control/bundle.js', sandbox.url));
        expect(res.status).toBe(200);
        expect(await res.text()).toContain("registerControl('EmailServerProfile.ProfileAssistant'");
    });

    it('refuses paths that leave the build folder', async () => {
        const res = await rawGet(sandbox.url, '/control/../../package.json');
        expect(res.status).toBe(404);
        expect(res.body).not.toContain('"devDependencies"');
        const encoded = await rawGet(sandbox.url, '/control/%2e%2e/%2e%2e/package.json');
        expect(encoded.status).toBe(404);
    });

    it('hands Web API requests to the emulator', async () => {
        const res = await fetch(
            new URL(`/api/data/v9.2/emailserverprofiles(${PROFILE_IDS.commercial})?$select=name`, sandbox.url),
            {
                headers: { Accept: 'application/json', 'OData-Version': '4.0' },
            },
        );
        expect(res.status).toBe(200);
        const body = (await res.json()) as { name: string };
        expect(body.name).toBe(sandbox.state().profiles.find((p) => p.id === PROFILE_IDS.commercial)?.name);
    });

    it('reports the scenario and defaults to the first profile and user', async () => {
        const res = await fetch(new URL('/_sandbox/scenario', sandbox.url));
        const state = (await res.json()) as ReturnType<Sandbox['state']>;
        expect(state).toMatchObject({
            profileId: PROFILE_IDS.commercial,
            mailboxCount: 10,
            fault: 'none',
            languageId: 1033,
        });
        expect(state.languages.map((l) => l.languageId)).toEqual([1033, 1031, 1036]);
        expect(state.entitySets.emailserverprofile).toBe('emailserverprofiles');
        expect(state.faultScenarios).toContain('throttling-storm');
    });

    it('switches profile, user, size and fault scenario with POST /_sandbox/scenario', async () => {
        const change = {
            profileId: PROFILE_IDS.hybridS2S,
            userId: USER_IDS.basicUser,
            mailboxCount: 1_000,
            fault: 'slow',
        };
        const res = await fetch(new URL('/_sandbox/scenario', sandbox.url), {
            method: 'POST',
            body: JSON.stringify(change),
        });
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject(change);
        expect(sandbox.state()).toMatchObject(change);
        sandbox.setScenario({
            profileId: PROFILE_IDS.commercial,
            userId: USER_IDS.approver,
            mailboxCount: 10,
            fault: 'none',
        });
    });

    it('switches the language and keeps it across other scenario changes', async () => {
        const res = await fetch(new URL('/_sandbox/scenario', sandbox.url), {
            method: 'POST',
            body: JSON.stringify({ languageId: 1031 }),
        });
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ languageId: 1031, profileId: PROFILE_IDS.commercial });
        expect(sandbox.setScenario({ profileId: PROFILE_IDS.hybridS2S }).languageId).toBe(1031);
        expect(sandbox.setScenario({ profileId: PROFILE_IDS.commercial, languageId: 1033 }).languageId).toBe(1033);
    });

    (built ? it : it.skip)('serves the German resx the manifest lists', async () => {
        const manifest = await (await fetch(new URL('/control/ControlManifest.xml', sandbox.url))).text();
        expect(manifest).toContain('strings/ProfileAssistant.1031.resx');
        const res = await fetch(new URL('/control/strings/ProfileAssistant.1031.resx', sandbox.url));
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('<value>Verbindung testen</value>');
    });

    it('seeds the organisation approval switches and keeps them across other changes', async () => {
        const org = async () =>
            (
                (await (
                    await fetch(
                        new URL(
                            '/api/data/v9.2/organizations?$select=requireapprovalforuseremail,requireapprovalforqueueemail',
                            sandbox.url,
                        ),
                    )
                ).json()) as { value: Record<string, unknown>[] }
            ).value[0];
        expect(await org()).toMatchObject({ requireapprovalforuseremail: true, requireapprovalforqueueemail: true });
        const res = await fetch(new URL('/_sandbox/scenario', sandbox.url), {
            method: 'POST',
            body: JSON.stringify({ requireApproval: { users: false, queues: true } }),
        });
        expect(await res.json()).toMatchObject({ requireApproval: { users: false, queues: true } });
        expect(await org()).toMatchObject({ requireapprovalforuseremail: false, requireapprovalforqueueemail: true });
        sandbox.setScenario({ mailboxCount: 12 });
        expect(await org()).toMatchObject({ requireapprovalforuseremail: false });
        sandbox.setScenario({ mailboxCount: 10, requireApproval: { users: true, queues: true } });
        expect(await org()).toMatchObject({ requireapprovalforuseremail: true });
    });

    it('poses as a large environment with the heavy cost model, and keeps both across other changes', async () => {
        const res = await fetch(new URL('/_sandbox/scenario', sandbox.url), {
            method: 'POST',
            body: JSON.stringify({ environment: 'large', costModel: 'heavy' }),
        });
        expect(await res.json()).toMatchObject({ environment: 'large', costModel: 'heavy' });
        sandbox.setScenario({ fault: 'slow' });
        const api = await fetch(new URL('/api/data/v9.2/WhoAmI', sandbox.url));
        expect(api.headers.get('x-ms-dop-hint')).toBe('48');
        expect(sandbox.state()).toMatchObject({ environment: 'large', costModel: 'heavy', fault: 'slow' });
        const after = sandbox.setScenario({ fault: 'none', environment: 'small', costModel: 'default' });
        expect(after).toMatchObject({ environments: ['small', 'large'], costModels: ['default', 'heavy'] });
        const small = await fetch(new URL('/api/data/v9.2/WhoAmI', sandbox.url));
        expect(small.headers.get('x-ms-dop-hint')).toBe('4');
    });

    it.each([
        [{ environment: 'huge' }, /environment must be one of small, large/],
        [{ requireApproval: { users: 'no', queues: true } }, /requireApproval must be/],
        [{ costModel: 'free' }, /costModel must be one of default, heavy/],
        [{ languageId: 1041 }, /languageId must be one of 1033, 1031, 1036/],
        [{ languageId: '1031' }, /languageId must be one of/],
        [{ fault: 'meteor-strike' }, /fault must be one of/],
        [{ profileId: 'nope' }, /unknown profileId/],
        [{ mailboxCount: -1 }, /mailboxCount/],
    ])('refuses the invalid scenario change %j', async (change, message) => {
        const res = await fetch(new URL('/_sandbox/scenario', sandbox.url), {
            method: 'POST',
            body: JSON.stringify(change),
        });
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: string }).error).toMatch(message);
        expect(sandbox.state().profileId).toBe(PROFILE_IDS.commercial);
    });

    it('answers 404 for unknown paths', async () => {
        expect((await fetch(new URL('/nothing-here', sandbox.url))).status).toBe(404);
    });
});

describe('Sandbox.close', () => {
    it('closes the server and open keep-alive connections', async () => {
        const sandbox = await startSandbox({ port: 0, root: ROOT, mailboxCount: 10 });
        await fetch(sandbox.url, { keepalive: true });
        await sandbox.close();
        await expect(fetch(sandbox.url)).rejects.toThrow();
    });
});
