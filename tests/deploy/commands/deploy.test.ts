/**
 * `deploy` and `import` against the sandbox started in-process: each seeded failure, with the exit code, the message
 * and what changed in the emulator (nothing, where the command stopped).
 */
import { truncateSync, writeFileSync } from 'node:fs';
import { MAX_SOLUTION_ZIP_BYTES } from '../../../solution/deploy/assumptions';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { setSwitch, startKit, type Kit } from '../../sandbox/deploy/test-kit';
import { filesUnder, runCli } from '../cli-kit';
import {
    CONTROL,
    deployState,
    installed,
    MANAGED_ZIP,
    publishedFormXml,
    setUpFreshCli,
    UNMANAGED_ZIP,
} from '../deploy-kit';

const { kit, ws, env } = setUpFreshCli();

describe('deploy', () => {
    it('signs in in the browser, imports, publishes and places the control, with NDJSON ending {ok: true}', async () => {
        const r = await runCli(['deploy', ...env(), '--zip', MANAGED_ZIP, '--json'], ws());
        expect(r.code).toBe(0);
        const last = r.events[r.events.length - 1];
        expect(last).toMatchObject({ ok: true, exitCode: 0 });
        expect(r.events.map((e) => `${e.step}:${e.status}`)).toEqual(
            expect.arrayContaining([
                'member:ok',
                'rights:ok',
                'installed:ok',
                'stage:ok',
                'import:ok',
                'backup:ok',
                'verify:ok',
            ]),
        );
        expect(r.events.every((e) => typeof e.ts === 'string')).toBe(true);
        expect(await installed(kit())).toEqual([
            { version: '0.1.0.0', ismanaged: true, solutionid: expect.any(String) },
        ]);
        const [form] = await publishedFormXml(kit());
        for (const factor of ['0', '1', '2'])
            expect(form).toContain(`<customControl formFactor="${factor}" name="${CONTROL}">`);
        expect((await deployState(kit())).form).toMatchObject({
            placement: expect.anything(),
            control: { source: 'solution' },
        });
        // The browser was sent to the sandbox's stand-in with PKCE and a loopback redirect.
        const authorize = new URL(ws().urlsOpened[0]);
        expect(authorize.pathname).toMatch(
            /^\/_entra\/login\.microsoftonline\.com\/[0-9a-f-]+\/oauth2\/v2\.0\/authorize$/,
        );
        expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
        expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+\/?$/);
    });

    it('saves the import job result XML to the logs folder and a form backup with its record', async () => {
        const r = await runCli(['deploy', ...env(), '--zip', MANAGED_ZIP], ws());
        expect(r.code).toBe(0);
        const files = filesUnder(ws().logs).map((f) => f.path.replace(ws().logs, ''));
        expect(files).toEqual(
            expect.arrayContaining([
                expect.stringMatching(/^\/import-[0-9a-f-]+\.xml$/),
                expect.stringMatching(/^\/forms\/[0-9a-f-]+-.+\.xml$/),
                expect.stringMatching(/^\/forms\/[0-9a-f-]+-.+\.json$/),
            ]),
        );
        const record = JSON.parse(filesUnder(join(ws().logs, 'forms')).find((f) => f.path.endsWith('.json'))!.text);
        expect(record).toMatchObject({
            name: 'Information',
            sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
            afterSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
            command: 'form place',
        });
        expect(r.stdout).toMatch(/^Deployed EmailServerProfileAssistant 0\.1\.0\.0 to 127\.0\.0\.1\./);
    });

    it('publishes an unmanaged import with PublishAllXml', async () => {
        const r = await runCli(['deploy', ...env(), '--zip', UNMANAGED_ZIP, '--unmanaged'], ws());
        expect(r.code).toBe(0);
        expect(r.stderr).toMatch(/✓ Published all customizations \(PublishAllXml\)/);
        expect(await installed(kit())).toMatchObject([{ ismanaged: false }]);
    });

    it('stops after staging with --stage-only and changes nothing', async () => {
        const r = await runCli(['deploy', ...env(), '--zip', MANAGED_ZIP, '--stage-only'], ws());
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/Dry run passed: .* can be imported \(fresh\)\. Nothing was changed\./);
        expect((await deployState(kit())).imports).toEqual([]);
        expect(await installed(kit())).toEqual([]);
        expect((await publishedFormXml(kit())).join('')).not.toContain(CONTROL);
    });

    it('lists a missing dependency at the stage, exits 5 and imports nothing', async () => {
        await setSwitch(kit(), 'failures', { missingDependency: true });
        const r = await runCli(['deploy', ...env(), '--zip', MANAGED_ZIP], ws());
        expect(r.code).toBe(5);
        expect(r.stderr).toMatch(/✗ Missing dependency: /);
        expect(r.stderr).toMatch(/Staging found 1 problem\(s\); nothing was imported\./);
        expect((await deployState(kit())).imports).toEqual([]);
        expect(await installed(kit())).toEqual([]);
    });

    it('refuses a managed zip over an unmanaged install (exit 5) before anything changes', async () => {
        await setSwitch(kit(), 'solution', { managed: false, version: '0.0.1.0' });
        const r = await runCli(['deploy', ...env(), '--zip', MANAGED_ZIP, '--json'], ws());
        expect(r.code).toBe(5);
        expect(r.events.at(-1)).toMatchObject({
            ok: false,
            exitCode: 5,
            message: expect.stringMatching(/installed as an unmanaged solution/),
        });
        expect((await deployState(kit())).imports).toEqual([]);
        expect(await installed(kit())).toMatchObject([{ version: '0.0.1.0', ismanaged: false }]);
    });

    it('warns when the version is not higher than the installed one, and goes on', async () => {
        await setSwitch(kit(), 'solution', { managed: true, version: '0.1.0.0' });
        const r = await runCli(['import', ...env(), '--zip', MANAGED_ZIP], ws());
        expect(r.code).toBe(0);
        expect(r.stderr).toMatch(/! The zip's version 0\.1\.0\.0 is not higher than the installed 0\.1\.0\.0/);
    });

    it.each(['reported', 'silent'])(
        'decodes a %s component failure with its code, exit 5, the form untouched',
        async (mode) => {
            await setSwitch(kit(), 'failures', { componentFailure: mode });
            const r = await runCli(['deploy', ...env(), '--zip', MANAGED_ZIP], ws());
            expect(r.code).toBe(5);
            expect(r.stderr).toMatch(/✗ .*0x8004f016/);
            expect(r.stderr).toMatch(/The import job's result is in .*import-[0-9a-f-]+\.xml/);
            expect((await publishedFormXml(kit())).join('')).not.toContain(CONTROL);
            expect(filesUnder(join(ws().logs, 'forms'))).toEqual([]);
        },
    );

    it('says when the import was canceled (exit 5)', async () => {
        await setSwitch(kit(), 'failures', { cancelImport: true });
        const r = await runCli(['import', ...env(), '--zip', MANAGED_ZIP], ws());
        expect(r.code).toBe(5);
        expect(r.stderr).toMatch(/The import failed/);
    });

    it('refuses an unreadable zip locally (exit 5) and sends nothing', async () => {
        const bad = join(ws().home, 'broken.zip');
        writeFileSync(bad, 'this is not a zip');
        const tokensBefore = (await deployState(kit())).tokenRequests.length;
        const r = await runCli(['import', ...env(), '--zip', bad], ws());
        expect(r.code).toBe(5);
        expect(r.stderr).toMatch(/not a readable zip/);
        expect((await deployState(kit())).tokenRequests).toHaveLength(tokensBefore);
        expect((await deployState(kit())).imports).toEqual([]);
    });

    it('refuses a zip over the size limit locally (exit 5)', async () => {
        const big = join(ws().home, 'big.zip');
        writeFileSync(big, '');
        truncateSync(big, MAX_SOLUTION_ZIP_BYTES + 1);
        const r = await runCli(['import', ...env(), '--zip', big], ws());
        expect(r.code).toBe(5);
        expect(r.stderr).toMatch(/over the 28\.6 MB we send/);
        expect((await deployState(kit())).imports).toEqual([]);
    });

    it('passes on the environment’s own refusal of a broken solution file with its code (exit 5)', async () => {
        const broken = join(ws().home, 'no-customizations.zip');
        writeFileSync(
            broken,
            zipSync({
                'solution.xml': strToU8(
                    '<ImportExportXml><SolutionManifest><UniqueName>EmailServerProfileAssistant</UniqueName><Version>0.1.0.0</Version><Managed>1</Managed></SolutionManifest></ImportExportXml>',
                ),
            }),
        );
        const r = await runCli(['import', ...env(), '--zip', broken], ws());
        expect(r.code).toBe(5);
        expect(r.stderr).toMatch(/0x8004/);
        expect(await installed(kit())).toEqual([]);
    });
});

describe('faults on the way', () => {
    it('rides out a 401 while polling (new token), a dropped poll and a 503 at the start', async () => {
        await setSwitch(kit(), 'faults', {
            rules: [
                { match: 'ImportSolutionAsync', reply: 503 },
                { match: 'asyncoperations(', reply: 401 },
                { match: 'importjobs(', reply: 'drop', after: 1 },
            ],
        });
        const r = await runCli(['import', ...env(), '--zip', MANAGED_ZIP], ws());
        expect(r.code).toBe(0);
        expect((await deployState(kit())).imports).toHaveLength(1);
        expect(await installed(kit())).toMatchObject([{ version: '0.1.0.0' }]);
    });

    it('never sends the import twice after a dropped POST, and says it may have started (exit 5)', async () => {
        await setSwitch(kit(), 'faults', { rules: [{ match: 'ImportSolutionAsync', reply: 'drop' }] });
        const r = await runCli(['import', ...env(), '--zip', MANAGED_ZIP], ws());
        expect(r.code).toBe(5);
        expect(r.stderr).toMatch(/connection dropped while starting the import; it may have started anyway/);
        expect((await deployState(kit())).imports.length).toBeLessThanOrEqual(1);
    });
});

describe('pre-checks', () => {
    it('stops a user without prvImportCustomization (exit 4) before anything changes', async () => {
        await setSwitch(kit(), 'signin-user', { upn: 'bo@woodgrovebank.com' });
        const r = await runCli(['deploy', ...env(), '--zip', MANAGED_ZIP], ws());
        expect(r.code).toBe(4);
        expect(r.stderr).toMatch(/You do not hold prvImportCustomization, which importing a solution needs\./);
        expect((await deployState(kit())).imports).toEqual([]);
    });

    it('stops someone who is not a member of the environment (exit 4, 0x80072560)', async () => {
        await setSwitch(kit(), 'signin-user', { upn: 'olive@woodgrovebank.com' });
        const r = await runCli(['import', ...env(), '--zip', MANAGED_ZIP], ws());
        expect(r.code).toBe(4);
        expect(r.stderr).toMatch(/is not a member of 127\.0\.0\.1 \(0x80072560\)/);
        expect((await deployState(kit())).imports).toEqual([]);
    });
});

describe('a slow import', () => {
    let slowKit: Kit;
    beforeAll(async () => (slowKit = await startKit({ deployment: 'fresh', timeScale: 1 })));
    afterAll(() => slowKit.close());

    it('exits 8 with the ids when --wait runs out, the import still running', async () => {
        // The clock jumps two hours after the first poll; the import (40 emulated s at scale 1) is still running.
        let jumped = false;
        const clock = {
            now: () => Date.now() + (jumped ? 120 * 60_000 : 0),
            sleep: () => ((jumped = true), Promise.resolve()),
        };
        const r = await runCli(
            ['import', '--env', slowKit.origin, '--allow-http', '--zip', MANAGED_ZIP, '--wait', '1', '--json'],
            ws(),
            { clock },
        );
        expect(r.code).toBe(8);
        expect(r.events.at(-1)).toMatchObject({
            ok: false,
            exitCode: 8,
            asyncOperationId: expect.any(String),
            importJobId: expect.any(String),
        });
        expect(r.events.at(-1)?.message).toMatch(/still running after 1 minute\(s\); it may still finish/);
        expect((await deployState(slowKit)).imports).toMatchObject([{ done: false }]);
    });
});
