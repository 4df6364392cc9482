/**
 * The page's JavaScript heap while an admin approves and tests 50,000 mailboxes in chromium (issue 17): the
 * production bundle on the sandbox form, driven as the browser tests drive it — open Mailboxes, wait for the list,
 * select all, Approve & test, Start, wait for "Run finished." — with the page's heap read through the browser every
 * 250 ms (CDP Performance.getMetrics, JSHeapUsedSize: the page's main-thread V8 heap, garbage not yet collected
 * included), not from this Node process, which also holds the emulator.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { DEFAULT_LIMITS } from '../tests/sandbox/emulator';
import { PROFILE_IDS } from '../tests/sandbox/domain/ids';
import { ROOT, startE2E } from '../tests/e2e/harness';
import type { Page } from 'playwright-core';
import { askForRun, confirmStart, openMailboxes, RUN_STOPPED, waitFinished } from '../tests/e2e/bulk-run-kit';
import { realSeconds } from '../tests/sandbox/simulated-time';

/** Real time the 50,000 run may take: 15 minutes was not enough on a 2-core machine busy with other work. */
const FINISH_TIMEOUT_MS = 40 * 60_000;

/** What the browser run measured. */
export type BrowserHeap = {
    mailboxes: number;
    /** Highest JSHeapUsedSize seen, MB (1,048,576 bytes). */
    peakHeapMB: number;
    /** JSHeapUsedSize with the list loaded, before the run started. */
    listLoadedHeapMB: number;
    /** Heap samples taken. */
    samples: number;
    /** Mailboxes the page reported enabled / failed / skipped at the end. */
    summary: { enabled: number; failed: number; skipped: number };
    realSeconds: number;
};

const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 250;
// The emulator runs 50× real time and its window limits are lifted: the run measures what the page holds, not the
// pace (that is the simulated bench's job), and the real limits at 50× would only add Retry-After pauses.
const TIME_SCALE = 50;

/**
 * Wait for "Run finished." (or the stopped notice) by reading the control's text once a second. Playwright's locator
 * waits re-query the page by role and text at every animation frame, and that work runs in the page's heap: over a
 * 10,000-mailbox run it allocated ~300 MB there, a cost of the test driver, not of the control.
 */
async function waitForRunEnd(page: Page, timeout: number): Promise<void> {
    await page.waitForFunction(
        (stopped) => {
            const text = document.getElementById('control-root')?.textContent ?? '';
            return text.includes('Run finished.') || text.includes(stopped);
        },
        RUN_STOPPED,
        { polling: 1000, timeout },
    );
}

/** Build the production bundle if it is missing (npm test builds it; the bench may run first). */
function ensureBuilt(): void {
    if (existsSync(join(ROOT, 'out', 'controls', 'bundle.js'))) return;
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

/** Approve + test every mailbox of a `mailboxes`-sized seed in chromium; the peak of the page's JS heap. */
export async function measureBrowserHeap(mailboxes: number): Promise<BrowserHeap> {
    ensureBuilt();
    const started = realSeconds();
    const e2e = await startE2E({
        mailboxCount: mailboxes,
        timeScale: TIME_SCALE,
        testDelayMs: 60_000,
        profileId: PROFILE_IDS.commercial,
        environment: 'small',
        costModel: 'default',
    });
    try {
        e2e.sandbox.emulator.setLimits({ maxRequests: 1e9, maxExecutionMs: 1e12, dopHint: DEFAULT_LIMITS.dopHint });
        const cdp = await e2e.page.context().newCDPSession(e2e.page);
        await cdp.send('Performance.enable');
        const heapMB = async (): Promise<number> => {
            const { metrics } = await cdp.send('Performance.getMetrics');
            return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0) / MB;
        };
        let peak = 0;
        let samples = 0;
        const sample = async (): Promise<void> => {
            peak = Math.max(peak, await heapMB().catch(() => 0));
            samples += 1;
        };
        const timer = setInterval(() => void sample(), SAMPLE_EVERY_MS);
        try {
            await openMailboxes(e2e.page, mailboxes);
            const listLoadedHeapMB = await heapMB();
            await askForRun(e2e.page, 'Approve & test', mailboxes);
            await confirmStart(e2e.page);
            await waitForRunEnd(e2e.page, FINISH_TIMEOUT_MS);
            const summary = await waitFinished(e2e.page);
            await sample();
            return {
                mailboxes,
                peakHeapMB: peak,
                listLoadedHeapMB,
                samples,
                summary: { enabled: summary.enabled, failed: summary.failed, skipped: summary.skipped },
                realSeconds: realSeconds() - started,
            };
        } finally {
            clearInterval(timer);
        }
    } finally {
        await e2e.close();
    }
}
