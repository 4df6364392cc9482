/**
 * The production bundle in Microsoft's own PCF test harness (pcf-start, a devDependency), offline: a host we did not
 * write. It has no Dataverse behind it, a context.page.getClientUrl that throws, an en-US user, and it loads every
 * resx of the manifest into one table (issue 13). The control must start, speak the user's language and say in one
 * message, without an icon the offline page cannot draw, that it cannot reach Dataverse.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT, assertBuilt, itWithScreenshot, resxStrings } from './harness';
import { startPcfStartHarness, type HarnessServer } from './pcf-start-harness';

const en = resxStrings(1033);
const de = resxStrings(1031);
const OUT = join(ROOT, 'out', 'controls');

let harness: HarnessServer | undefined;
let browser: BrowserContext | undefined;
let userDataDir = '';
const pageErrors: string[] = [];
const blocked: string[] = [];
let bundleServed = '';
const page = (): Page => (browser as BrowserContext).pages()[0];
const test = itWithScreenshot(() => browser?.pages()[0]);
/** The control's own root: the element the harness renders it into holds its heading. */
const control = () =>
    page()
        .locator('div', { has: page().getByRole('heading', { level: 1 }) })
        .last();

beforeAll(async () => {
    assertBuilt(OUT);
    harness = await startPcfStartHarness(ROOT, OUT);
    userDataDir = mkdtempSync(join(tmpdir(), 'esp-pcf-start-chromium-'));
    browser = await chromium.launchPersistentContext(userDataDir, {
        executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        headless: true,
        locale: 'en-US',
        viewport: { width: 1280, height: 900 },
        args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const origin = new URL(harness.url).origin;
    // Offline as on this machine, but deterministic: whatever is not the harness (the harness's own Fluent asks the
    // Office CDN for Segoe UI and the icon font) is refused on the spot and listed.
    await browser.route('**/*', (route) => {
        const url = route.request().url();
        if (new URL(url).origin === origin) return route.continue();
        blocked.push(url);
        return route.abort('internetdisconnected');
    });
    const tab = browser.pages()[0] ?? (await browser.newPage());
    tab.on('pageerror', (e) => pageErrors.push(e.message));
    tab.on('response', (r) => {
        if (new URL(r.url()).pathname === '/bundle.js' && r.ok()) bundleServed = r.url();
    });
    await tab.goto(harness.url);
}, 120_000);

afterAll(async () => {
    await browser?.close();
    await harness?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('the control in pcf-start', () => {
    test('starts from the production bundle without a page error', async () => {
        await page()
            .getByRole('heading', { level: 1, name: en('Header_Title') })
            .waitFor({ timeout: 60_000 });
        expect(bundleServed).not.toBe('');
        const served = await page().evaluate(async (url) => (await fetch(url)).text(), bundleServed);
        expect(served).toBe(readFileSync(join(OUT, 'bundle.js'), 'utf8'));
        await expect(page().getByText('Error loading control').count()).resolves.toBe(0);
        expect(pageErrors).toEqual([]);
    });

    test('speaks the language of the harness user (en-US), not the resx the harness loaded last', async () => {
        await control().getByText(en('State_NoDataverse')).waitFor();
        await expect(page().getByText(de('Header_Title')).count()).resolves.toBe(0);
        await expect(page().getByText(de('State_NoDataverse')).count()).resolves.toBe(0);
    });

    test('says once, without an icon, that Dataverse cannot be reached, and offers to try again', async () => {
        await expect(control().getByRole('alert').allInnerTexts()).resolves.toEqual([en('State_NoDataverse')]);
        await expect(control().locator('[data-icon-name]').count()).resolves.toBe(0);
        await expect(control().getByRole('button').allInnerTexts()).resolves.toEqual([en('Action_Retry')]);

        await control()
            .getByRole('button', { name: en('Action_Retry') })
            .click();
        await control().getByRole('alert').waitFor();
        await expect(control().getByRole('alert').allInnerTexts()).resolves.toEqual([en('State_NoDataverse')]);
        expect(pageErrors).toEqual([]);
    });

    test('aligns its text to the start as a form does, though the harness centres its page', async () => {
        const align = (locator: ReturnType<typeof control>) =>
            locator.first().evaluate((element) => getComputedStyle(element).textAlign);
        await expect(align(control().locator('xpath=..'))).resolves.toBe('center');
        await expect(align(control().getByRole('alert'))).resolves.toBe('start');
    });

    test('reaches for no icon font and nothing else outside the harness but the Segoe UI text font', async () => {
        await page().evaluate(() => undefined); // requests still on their way are counted first
        // The harness's Fluent registers Segoe UI from the Office CDN; any icon the control drew would ask for an
        // icon font (…/assets/icons/…), which offline shows as an empty box.
        const segoe = /^https:\/\/res(-1)?\.cdn\.office\.net\/files\/fabric-cdn-prod_[\d.]+\/assets\/fonts\/segoeui-/;
        expect(blocked.filter((url) => !segoe.test(url))).toEqual([]);
    });
});
