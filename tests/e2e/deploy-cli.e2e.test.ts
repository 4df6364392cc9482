/**
 * The deploy CLI end to end (issue 15): `deploy` into a fresh sandbox, then the sandbox form in chromium shows the
 * control from the deployed zip; `form remove` (which publishes) and the form shows the default field again.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { createWorkspace, runCli, type Workspace } from '../deploy/cli-kit';
import { MANAGED_ZIP } from '../deploy/deploy-kit';
import { expectCleanPage, openForm, setUpE2E } from './harness';

let ws: Workspace;
let zipFolder: string;
const general = () => page().getByRole('region', { name: 'General' });
const MARKER = 'deployed-by-the-cli';
const env = () => ['--env', e2e().sandbox.url.replace(/\/$/, ''), '--allow-http'];

/** The dist zip with a marker in its bundle, so the page proves its bundle came from the deployed zip. */
function markedZip(): string {
    const entries = unzipSync(readFileSync(MANAGED_ZIP));
    const bundle = 'Controls/esp_EmailServerProfile.ProfileAssistant/bundle.js';
    entries[bundle] = strToU8(`${new TextDecoder().decode(entries[bundle])}\nwindow.__bundleSource = '${MARKER}';\n`);
    const path = join(zipFolder, 'marked_managed.zip');
    writeFileSync(path, zipSync(entries));
    return path;
}

const { e2e, page, test } = setUpE2E({ deployment: 'fresh', timeScale: 1000, log: () => undefined });

beforeAll(() => {
    ws = createWorkspace();
    zipFolder = mkdtempSync(join(tmpdir(), 'esp-deploy-zip-'));
});

afterAll(() => {
    ws?.close();
    rmSync(zipFolder, { recursive: true, force: true });
});

describe('npm run deploy against the sandbox', () => {
    test('starts from the stock form with the tenant field as a text box', async () => {
        await expect(general().getByLabel('Tenant ID').isVisible()).resolves.toBe(true);
        expect(await page().evaluate(() => document.body.dataset.controlPlaced)).toBe('false');
    });

    test('deploy puts the control from the deployed zip on the form', async () => {
        const r = await runCli(['deploy', ...env(), '--zip', markedZip(), '--json'], ws);
        expect(r.code).toBe(0);
        expect(r.events.at(-1)).toMatchObject({ ok: true });
        await openForm(page(), e2e().sandbox.url);
        await general().locator('#control-root').getByTestId('profile-kind').waitFor();
        await expect(page().locator('#field-tenant').isVisible()).resolves.toBe(false);
        expect(await page().evaluate(() => document.body.dataset.controlSource)).toBe('solution');
        expect(await page().evaluate(() => (window as unknown as { __bundleSource?: string }).__bundleSource)).toBe(
            MARKER,
        );
    });

    test('form remove takes it off again: the default field shows', async () => {
        const r = await runCli(['form', 'remove', ...env()], ws);
        expect(r.code).toBe(0);
        await openForm(page(), e2e().sandbox.url);
        await expect(general().getByLabel('Tenant ID').isVisible()).resolves.toBe(true);
        await expect(page().locator('#control-root').isVisible()).resolves.toBe(false);
    });

    test('raised no uncaught error and requested nothing outside the sandbox', async () => {
        await expectCleanPage(e2e());
    });
});
