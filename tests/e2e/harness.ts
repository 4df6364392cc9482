/**
 * Browser end-to-end harness: the sandbox on a free port of 127.0.0.1 and Debian's chromium driven by
 * playwright-core. One browser per test file; tests reuse its page.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';

export { resxStrings } from '../resx-strings';

export const ROOT = resolve(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Fail fast with a clear message when the production bundle is missing (npm test builds it first). */
export function assertBuilt(outDir = join(ROOT, 'out', 'controls')): void {
    const bundle = join(outDir, 'bundle.js');
    if (!existsSync(bundle)) {
        throw new Error(`${bundle} is missing: run "npm run build" before the e2e tests (npm test builds first).`);
    }
}

/** A started sandbox plus a chromium page on its form. */
export type E2E = {
    sandbox: Sandbox;
    browser: BrowserContext;
    page: Page;
    /** Uncaught exceptions in the page since start. */
    pageErrors: string[];
    /** Texts the page has shown since start (across reloads) with a resx placeholder left unfilled, such as "{0}". */
    unfilledPlaceholders: string[];
    /** Requests the page sent anywhere but the sandbox (a CDN font, a real Microsoft endpoint…). */
    foreignRequests: string[];
    close(): Promise<void>;
};

/** Start the sandbox (port 0) and chromium with the project's flags; open the form and wait until it is ready. */
export async function startE2E(options: SandboxOptions = {}): Promise<E2E> {
    // E2E_CONTROL_DIR runs the tests against another build, e.g. one without a fix, to see a regression test fail.
    const outDir = options.outDir ?? process.env.E2E_CONTROL_DIR;
    assertBuilt(outDir ? resolve(ROOT, outDir) : undefined);
    const sandbox = await startSandbox({
        ...{ port: 0, root: ROOT, seed: 1, mailboxCount: 10, timeScale: 10 },
        ...options,
        outDir,
    });
    const userDataDir = mkdtempSync(join(tmpdir(), 'esp-e2e-chromium-'));
    let browser: BrowserContext;
    try {
        // Playwright refuses --user-data-dir in `args`; a persistent context on a fresh temp folder is the same thing.
        browser = await chromium.launchPersistentContext(userDataDir, {
            executablePath: CHROMIUM,
            headless: true,
            viewport: { width: 1280, height: 900 },
            args: [
                '--headless=new',
                '--no-sandbox',
                '--disable-gpu',
                '--disable-quic',
                '--no-first-run',
                '--disable-background-networking',
                '--disable-component-update',
                '--disable-sync',
            ],
        });
    } catch (e) {
        await sandbox.close();
        rmSync(userDataDir, { recursive: true, force: true });
        throw e;
    }
    const page = browser.pages()[0] ?? (await browser.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const foreignRequests: string[] = [];
    page.on('request', (r) => {
        if (new URL(r.url()).origin !== new URL(sandbox.url).origin) foreignRequests.push(r.url());
    });
    const unfilledPlaceholders: string[] = [];
    await page.exposeFunction('__reportUnfilled', (text: string) => {
        if (!unfilledPlaceholders.includes(text)) unfilledPlaceholders.push(text);
    });
    await page.addInitScript(watchPlaceholders);
    if (options.clientClock === 'emulated') await page.addInitScript(runOnScaledClock, options.timeScale ?? 1);
    await openForm(page, sandbox.url);
    return {
        sandbox,
        browser,
        page,
        pageErrors,
        unfilledPlaceholders,
        foreignRequests,
        async close() {
            await browser.close().catch(() => undefined);
            await sandbox.close();
            rmSync(userDataDir, { recursive: true, force: true });
        },
    };
}

/** What a browser test file uses of its one sandbox and page (setUpE2E); each getter throws until they have started. */
export type E2EFile = {
    e2e: () => E2E;
    page: () => Page;
    sandbox: () => Sandbox;
    /** `it` that saves a screenshot of the page when it fails (itWithScreenshot). */
    test: ReturnType<typeof itWithScreenshot>;
};

/**
 * One sandbox and page for a test file: started (startE2E with `options`, then `setUp`) before its tests, closed after
 * them. Call it at the top level of the file, where its beforeAll should run.
 */
export function setUpE2E(
    options: SandboxOptions = {},
    { setUp, timeoutMs = 120_000 }: { setUp?: (e2e: E2E) => unknown; timeoutMs?: number } = {},
): E2EFile {
    let started: E2E | undefined;
    beforeAll(async () => {
        started = await startE2E(options);
        await setUp?.(started);
    }, timeoutMs);
    afterAll(async () => {
        await started?.close();
    });
    const e2e = (): E2E => {
        if (!started) throw new Error('the browser did not start');
        return started;
    };
    return { e2e, page: () => e2e().page, sandbox: () => e2e().sandbox, test: itWithScreenshot(() => started?.page) };
}

/**
 * Runs in the page before its scripts (with `clientClock: 'emulated'`): the page's clocks run `scale` times faster and
 * its timers wait `scale` times less, like the emulator's. A long run needs it: at a time scale of 200 the emulator's
 * five-minute service-protection window passes in 1.5 real seconds, while a page on real time would keep its own
 * five-minute request window and wait for it as a real client must — so both sides share one clock. The emulator
 * then sends Retry-After in emulated seconds. Fixed at page start: a later change of the emulator's scale is not seen.
 */
function runOnScaledClock(scale: number): void {
    const realNow = performance.now.bind(performance);
    const start = realNow();
    const epoch = Date.now();
    const elapsed = () => (realNow() - start) * scale;
    const RealDate = Date;
    class ScaledDate extends RealDate {
        constructor(...args: unknown[]) {
            if (args.length === 0) super(epoch + elapsed());
            else super(...(args as [number]));
        }
        static now(): number {
            return epoch + elapsed();
        }
    }
    window.Date = ScaledDate as DateConstructor;
    performance.now = () => start + elapsed();
    const setTimeoutReal = window.setTimeout.bind(window);
    const setIntervalReal = window.setInterval.bind(window);
    window.setTimeout = ((handler: TimerHandler, ms = 0, ...rest: unknown[]) =>
        setTimeoutReal(handler, Number(ms) / scale, ...rest)) as typeof window.setTimeout;
    window.setInterval = ((handler: TimerHandler, ms = 0, ...rest: unknown[]) =>
        setIntervalReal(handler, Number(ms) / scale, ...rest)) as typeof window.setInterval;
}

/**
 * Runs in the page before its scripts: records every text shown anywhere (control, dialogs, callouts) that still holds
 * a "{n}" placeholder, which would mean a string was shown without being formatted.
 */
function watchPlaceholders(): void {
    const report = (window as unknown as { __reportUnfilled: (text: string) => void }).__reportUnfilled;
    const code = /^(SCRIPT|STYLE)$/;
    const checkText = (text: Node) => {
        if (code.test(text.parentElement?.tagName ?? '')) return; // injected scripts (axe) and styles are not text
        if (/\{\d+\}/.test(text.nodeValue ?? '')) report((text.nodeValue ?? '').slice(0, 300));
    };
    const check = (node: Node) => {
        if (node.nodeType === Node.TEXT_NODE) return checkText(node);
        if (node.nodeType !== Node.ELEMENT_NODE) return;
        const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
        for (let text = walker.nextNode(); text; text = walker.nextNode()) checkText(text);
    };
    new MutationObserver((records) => {
        for (const r of records) {
            if (r.type === 'characterData') check(r.target);
            r.addedNodes.forEach(check);
        }
    }).observe(document, { childList: true, subtree: true, characterData: true });
}

/**
 * What every browser test file checks last: no uncaught error, no unformatted string was ever on screen, and nothing
 * was requested from outside the sandbox (everything the platform would serve, icon font included, is served locally).
 */
export async function expectCleanPage(e2e: E2E | undefined): Promise<void> {
    if (!e2e) throw new Error('the browser never started');
    // A round trip to the page lets reports still on their way from the page arrive first.
    await e2e.page.evaluate(() => undefined);
    expect(e2e.pageErrors).toEqual([]);
    expect(e2e.unfilledPlaceholders).toEqual([]);
    expect(e2e.foreignRequests).toEqual([]);
}

/** Navigate to the form and wait for the host to have booted the control. */
export async function openForm(page: Page, url: string): Promise<void> {
    await page.goto(url);
    await waitReady(page, 1);
}

/** Wait until the host has booted `boots` times (each scenario switch boots again). */
export async function waitReady(page: Page, boots: number): Promise<void> {
    await page.waitForFunction(
        (n) => document.body.dataset.hostState === 'error' || Number(document.body.dataset.boots ?? 0) >= n,
        boots,
        { timeout: 60_000 },
    );
    const state = await page.evaluate(() => document.body.dataset.hostState);
    if (state === 'error') {
        const message = await page.locator('#form-notification').textContent();
        throw new Error(`the host page failed to start: ${message ?? ''}`);
    }
}

/** Use the sandbox panel like a person: pick the options, apply, wait for the form to boot again. */
export async function applyScenario(
    page: Page,
    change: {
        userId?: string;
        profileId?: string;
        mailboxCount?: number;
        fault?: string;
        languageId?: number;
        /** The panel's "Email processed only when approved for": 'users,queues', 'users', 'queues' or 'none'. */
        requireApproval?: string;
    },
): Promise<void> {
    const boots = Number(await page.evaluate(() => document.body.dataset.boots ?? 0));
    const panel = page.getByRole('complementary', { name: 'Sandbox controls' });
    if (change.userId) await panel.getByLabel('Signed-in user').selectOption(change.userId);
    if (change.profileId) await panel.getByLabel('Email server profile').selectOption(change.profileId);
    if (change.mailboxCount !== undefined)
        await panel.getByLabel('Mailboxes (seed size)').selectOption(String(change.mailboxCount));
    if (change.fault) await panel.getByLabel('Fault scenario').selectOption(change.fault);
    if (change.languageId) await panel.getByLabel('Language').selectOption(String(change.languageId));
    if (change.requireApproval)
        await panel.getByLabel('Email processed only when approved for').selectOption(change.requireApproval);
    await panel.getByRole('button', { name: 'Apply and reload the form' }).click();
    await waitReady(page, boots + 1);
}

/** One axe violation, reduced to what a report needs. */
export type AxeViolation = { id: string; impact: string | null; help: string; targets: string[] };

/**
 * Run axe-core (node_modules/axe-core/axe.min.js) on the whole page at rest; returns the violations. Fluent fades
 * messages and list rows in, and a half-transparent text has a blended colour that axe would misjudge (seen: the first
 * rows' name links "below 4.5:1" while they faded in), so finite animations finish first (spinners run forever and
 * are left alone).
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
    await page.waitForFunction(
        () =>
            document
                .getAnimations()
                .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
        undefined,
        { timeout: 10_000 },
    );
    const injected = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
    if (!injected) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    return page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<any> } }).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return (result.violations as any[]).map((v) => ({
            id: v.id,
            impact: v.impact ?? null,
            help: v.help,
            targets: (v.nodes as any[]).map((n) => String(n.target)),
        }));
    });
}

/**
 * `it` that saves a screenshot to test-results/<test name>.png when the test fails.
 * `getPage` is called lazily because the page exists only after beforeAll.
 */
export function itWithScreenshot(getPage: () => Page | undefined) {
    return (name: string, fn: () => Promise<void>, timeout?: number): void => {
        it(
            name,
            async () => {
                try {
                    await fn();
                } catch (e) {
                    const page = getPage();
                    if (page) {
                        const dir = join(ROOT, 'test-results');
                        mkdirSync(dir, { recursive: true });
                        const file = join(dir, `${name.replace(/[^a-z0-9-]+/gi, '_').slice(0, 120)}.png`);
                        await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
                    }
                    throw e;
                }
            },
            timeout,
        );
    };
}
