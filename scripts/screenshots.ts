/**
 * `npm run screenshots`: retakes the README's pictures from the sandbox. Starts the sandbox on 127.0.0.1 (port 0) and
 * Debian's chromium through the browser tests' harness, takes the overview cards, the mailbox table, a run in
 * progress and its summary at 1280 px and the overview at 320 px, writes them to docs/, and stops both through their
 * own handles. Needs a build (`npm run build`).
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { askForRun, confirmStart, controlOf, openMailboxes, waitFinished } from '../tests/e2e/bulk-run-kit';
import { applyScenario, ROOT, startE2E, type E2E } from '../tests/e2e/harness';
import { PROFILE_IDS } from '../tests/sandbox/domain/ids';

const DOCS = join(ROOT, 'docs');
const MAILBOXES = 60;

/** Save the top of `target` (at most `maxHeight` px of it) as docs/<name>.png; `moving`: do not wait for stillness. */
async function shoot(page: Page, target: Locator, name: string, maxHeight = 900, moving = false): Promise<void> {
    // The clip of a full-page screenshot is in page coordinates: the element's box plus the scroll.
    const box = await target.evaluate((el) => {
        const rect = el.getBoundingClientRect();
        return { x: rect.x + window.scrollX, y: rect.y + window.scrollY, width: rect.width, height: rect.height };
    });
    const clip = { ...box, height: Math.min(box.height, maxHeight) };
    // Fluent fades content in: wait until finite animations have finished, as axeAtRest does (a running run's bar
    // moves all the time).
    if (!moving)
        await page.waitForFunction(() =>
            document
                .getAnimations()
                .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
        );
    await page.screenshot({ path: join(DOCS, `${name}.png`), clip, fullPage: true });
    console.log(`docs/${name}.png ${Math.round(clip.width)}×${Math.round(clip.height)}`);
}

async function take(e2e: E2E): Promise<void> {
    const { page } = e2e;
    const control = controlOf(page);
    await applyScenario(page, { profileId: PROFILE_IDS.commercial });
    const overview = control.getByRole('region', { name: 'Overview' });
    await overview.getByRole('list', { name: 'Mailboxes by status' }).waitFor({ timeout: 60_000 });
    await shoot(page, overview, 'overview-1280');

    await openMailboxes(page, MAILBOXES);
    const mailboxes = control.getByRole('tabpanel', { name: 'Mailboxes' });
    await shoot(page, mailboxes, 'mailboxes-1280', 820);

    await askForRun(page, 'Approve & test', MAILBOXES);
    await confirmStart(page);
    const bar = control.getByRole('progressbar', { name: 'Approve and test progress' });
    // Approvals go first and the tests then run on the server for 20 emulated seconds: shoot while they wait.
    await bar.waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1_000);
    await shoot(page, mailboxes, 'run-progress-1280', 420, true);
    await waitFinished(page);
    await shoot(page, mailboxes, 'run-summary-1280', 640);

    await page.setViewportSize({ width: 320, height: 900 });
    await page.waitForFunction(() => window.innerWidth === 320);
    await shoot(page, overview, 'overview-320', 1400);
}

async function main(): Promise<void> {
    // A Test & Enable takes 20 emulated seconds: two real seconds at 10x, so the run is caught while it runs.
    const e2e = await startE2E({ mailboxCount: MAILBOXES, timeScale: 10, testDelayMs: 20_000 });
    try {
        await take(e2e);
    } finally {
        await e2e.close();
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
