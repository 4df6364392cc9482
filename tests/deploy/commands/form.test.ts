/** `form show | place | remove | restore` against the sandbox, with what each leaves on the published form. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setSwitch } from '../../sandbox/deploy/test-kit';
import { filesUnder, runCli } from '../cli-kit';
import { CONTROL, publishedFormXml, setUpFreshCli } from '../deploy-kit';

const { kit, ws, env } = setUpFreshCli(async (started) => {
    // The control installed (from the local build), the stock form without it.
    await setSwitch(started, 'reset', { mode: 'placed' });
    await setSwitch(started, 'forms', { variant: 'stock' });
});
const backups = () => filesUnder(join(ws().logs, 'forms')).filter((f) => f.path.endsWith('.xml'));
const placed = (xml: string) =>
    ['0', '1', '2'].every((f) => xml.includes(`<customControl formFactor="${f}" name="${CONTROL}">`));

describe('form place', () => {
    it('binds the control for Web, Tablet and Phone after backing up the exact form XML', async () => {
        const [before] = await publishedFormXml(kit());
        const r = await runCli(['form', 'place', ...env()], ws());
        expect(r.code).toBe(0);
        const [after] = await publishedFormXml(kit());
        expect(placed(after)).toBe(true);
        expect(after).toContain(
            '<tenantId>exchangeonlinetenantid</tenantId><applicationId>oauthclientid</applicationId>',
        );
        expect(backups().map((b) => b.text)).toEqual([before]);
        expect(r.stderr).toMatch(/✓ Verified on the published form "Information"\./);
    });

    it('changes nothing when placed twice (no second backup)', async () => {
        expect((await runCli(['form', 'place', ...env()], ws())).code).toBe(0);
        const [once] = await publishedFormXml(kit());
        const again = await runCli(['form', 'place', ...env()], ws());
        expect(again.code).toBe(0);
        expect(again.stdout).toBe('The control was already on "Information".\n');
        expect(await publishedFormXml(kit())).toEqual([once]);
        expect(backups()).toHaveLength(1);
    });

    it('prints a unified diff with --dry-run and changes nothing', async () => {
        const [before] = await publishedFormXml(kit());
        const r = await runCli(['form', 'place', ...env(), '--dry-run'], ws());
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^={0,}\n?--- Information\.xml \(now\)/m);
        expect(r.stdout).toMatch(
            /^\+ +<customControl formFactor="2" name="esp_EmailServerProfile\.ProfileAssistant">$/m,
        );
        expect(r.stdout.split('\n').filter((l) => /^-[^-]/.test(l))).toEqual([
            expect.stringMatching(/<control id="exchangeonlinetenantid"/),
        ]);
        expect(await publishedFormXml(kit())).toEqual([before]);
        expect(backups()).toEqual([]);
    });

    it('leaves the change as a draft with --no-publish until publish runs', async () => {
        const [before] = await publishedFormXml(kit());
        const r = await runCli(['form', 'place', ...env(), '--no-publish'], ws());
        expect(r.code).toBe(0);
        expect(r.stderr).toMatch(/Verified on the draft of form "Information"/);
        expect(await publishedFormXml(kit())).toEqual([before]);
        expect((await runCli(['publish', ...env()], ws())).code).toBe(0);
        expect(placed((await publishedFormXml(kit()))[0])).toBe(true);
    });

    it('adds the field in a one-column section where the form lacks it, and remove takes the section out again', async () => {
        await setSwitch(kit(), 'forms', { variant: 'no-field' });
        const [before] = await publishedFormXml(kit());
        expect((await runCli(['form', 'place', ...env()], ws())).code).toBe(0);
        const [after] = await publishedFormXml(kit());
        expect(after).toMatch(/<section name="esp_ProfileAssistant"[^>]*columns="1"/);
        expect(placed(after)).toBe(true);
        const removed = await runCli(['form', 'remove', ...env()], ws());
        expect(removed.code).toBe(0);
        expect(removed.stderr).toMatch(/Removed the section/);
        const [back] = await publishedFormXml(kit());
        expect(back).not.toContain('esp_ProfileAssistant');
        expect(back.replace(/\s*\/>/g, '/>')).toBe(before.replace(/\s*\/>/g, '/>'));
    });

    it('refuses a form with unpublished changes (exit 7) unless --include-draft', async () => {
        await setSwitch(kit(), 'forms', { variant: 'foreign-draft' });
        const [before] = await publishedFormXml(kit());
        const refused = await runCli(['form', 'place', ...env()], ws());
        expect(refused.code).toBe(7);
        expect(refused.stderr).toMatch(/has unpublished changes; editing it now would publish them together with ours/);
        expect(refused.stderr).toMatch(/--include-draft/);
        expect(await publishedFormXml(kit())).toEqual([before]);
        const included = await runCli(['form', 'place', ...env(), '--include-draft'], ws());
        expect(included.code).toBe(0);
        const [after] = await publishedFormXml(kit());
        expect(placed(after)).toBe(true);
        expect(after).toContain('description="Client ID"');
    });

    it('asks which form when there are several (exit 7), and places on the one named by --form', async () => {
        await setSwitch(kit(), 'forms', { variant: 'two-forms' });
        const refused = await runCli(['form', 'place', ...env()], ws());
        expect(refused.code).toBe(7);
        expect(refused.stderr).toMatch(/2 active main forms with the Tenant ID field/);
        expect(refused.stderr).toMatch(/"Information \(Exchange\)"/);
        expect((await runCli(['form', 'place', ...env(), '--form', 'Information (Exchange)'], ws())).code).toBe(0);
        const forms = await publishedFormXml(kit());
        expect(forms.filter(placed)).toHaveLength(1);
    });

    it.each([
        ['a form that is not customizable', { forms: { variant: 'not-customizable' } }, /is not customizable/],
        ['a table that is not customizable', { failures: { tableCustomizable: false } }, /table is not customizable/],
    ])('refuses %s (exit 7)', async (_name, switches, message) => {
        for (const [path, body] of Object.entries(switches)) await setSwitch(kit(), path, body);
        const [before] = await publishedFormXml(kit());
        const r = await runCli(['form', 'place', ...env()], ws());
        expect(r.code).toBe(7);
        expect(r.stderr).toMatch(message);
        expect(await publishedFormXml(kit())).toEqual([before]);
    });

    it('refuses when the control is not installed (exit 7)', async () => {
        await setSwitch(kit(), 'reset', { mode: 'fresh' });
        const r = await runCli(['form', 'place', ...env()], ws());
        expect(r.code).toBe(7);
        expect(r.stderr).toMatch(/is not installed in this environment/);
    });

    it('stops a user without the form privilege (exit 4)', async () => {
        await setSwitch(kit(), 'signin-user', { upn: 'bo@woodgrovebank.com' });
        const r = await runCli(['form', 'place', ...env()], ws());
        expect(r.code).toBe(4);
        expect(r.stderr).toMatch(/You do not hold prvWriteSystemForm/);
    });
});

describe('form remove, restore and show', () => {
    it('remove puts the default field back', async () => {
        await runCli(['form', 'place', ...env()], ws());
        const r = await runCli(['form', 'remove', ...env(), '--json'], ws());
        expect(r.code).toBe(0);
        const [after] = await publishedFormXml(kit());
        expect(after).not.toContain(CONTROL);
        expect(after).toMatch(/<control id="exchangeonlinetenantid"[^>]*datafieldname="exchangeonlinetenantid"/);
        expect(r.events.at(-1)).toMatchObject({ ok: true });
    });

    it('restore puts the backup back', async () => {
        const [before] = await publishedFormXml(kit());
        await runCli(['form', 'place', ...env()], ws());
        const [backup] = backups();
        const r = await runCli(['form', 'restore', ...env(), '--backup', backup.path], ws());
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^Restored "Information" from the backup/);
        expect((await publishedFormXml(kit()))[0].replace(/\s*\/>/g, '/>')).toBe(before.replace(/\s*\/>/g, '/>'));
    });

    it('restore refuses when the form changed since the backup (exit 7) unless --force', async () => {
        await runCli(['form', 'place', ...env()], ws());
        const [backup] = backups();
        await setSwitch(kit(), 'forms/edit', {});
        const [edited] = await publishedFormXml(kit());
        const refused = await runCli(['form', 'restore', ...env(), '--backup', backup.path], ws());
        expect(refused.code).toBe(7);
        expect(refused.stderr).toMatch(/changed since the backup was taken/);
        expect(await publishedFormXml(kit())).toEqual([edited]);
        const forced = await runCli(['form', 'restore', ...env(), '--backup', backup.path, '--force'], ws());
        expect(forced.code).toBe(0);
        expect((await publishedFormXml(kit()))[0]).not.toContain(CONTROL);
    });

    it('restore refuses a backup whose XML no longer matches its record (exit 2)', async () => {
        await runCli(['form', 'place', ...env()], ws());
        const [backup] = backups();
        const tampered = join(ws().home, 'tampered.xml');
        require('node:fs').writeFileSync(tampered, backup.text.replace('Name', 'Nome'));
        require('node:fs').writeFileSync(
            tampered.replace('.xml', '.json'),
            readFileSync(backup.path.replace('.xml', '.json')),
        );
        const r = await runCli(['form', 'restore', ...env(), '--backup', tampered], ws());
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/does not match its record/);
    });

    it('show lists the main forms and where the control is', async () => {
        await runCli(['form', 'place', ...env()], ws());
        const r = await runCli(['form', 'show', ...env(), '--json'], ws());
        expect(r.code).toBe(0);
        expect(r.events.find((e) => e.step === 'form' && e.name === 'Information')).toMatchObject({
            active: true,
            hasField: true,
            factors: ['0', '1', '2'],
            hasDraft: false,
        });
    });

    it('status names the installed version and the forms with the control', async () => {
        await runCli(['form', 'place', ...env()], ws());
        const r = await runCli(['status', ...env()], ws());
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(
            /^EmailServerProfileAssistant [\d.]+ \((managed|unmanaged)\); the control is on "Information"\.\n$/,
        );
    });
});
