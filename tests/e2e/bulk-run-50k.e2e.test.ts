/**
 * Issue 14 item 8: a 50,000-mailbox Approve & test, reloaded half-way through its approvals, resumes from the ledger
 * the browser kept in IndexedDB and finishes with no mailbox approved twice and every mailbox accounted for. The
 * sessionStorage ledger of before was over the quota at this size, so the reloaded page had nothing to resume.
 */
import type { Page } from 'playwright-core';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { expectCleanPage, itWithScreenshot, startE2E, waitReady, type E2E } from './harness';
import {
    BatchRecorder,
    confirmStart,
    expectSettledRun,
    idsOf,
    need,
    prepareApproveAndTest,
    profileMailboxes,
    resumeInterrupted,
    storedLedger,
    twice,
    waitUntil,
} from './bulk-run-kit';

const N = 50_000;
const PROFILE = PROFILE_IDS.commercial;
let e2e: E2E | undefined;
let recorder: BatchRecorder;
const page = (): Page => need(e2e).page;
const sandbox = () => need(e2e).sandbox;
const test = itWithScreenshot(() => e2e?.page);

beforeAll(async () => {
    // Test & Enable takes 20 emulated seconds: a tenth of a real second at this scale, so the run is the approvals'.
    // The page runs on the emulator's clock: its own five-minute request window must pass as fast as the server's.
    e2e = await startE2E({ testDelayMs: 20_000, mailboxCount: N, timeScale: 20, clientClock: 'emulated' });
    recorder = new BatchRecorder(e2e.page);
}, 180_000);
afterAll(async () => {
    await e2e?.close();
});

describe('a 50,000-mailbox run reloaded half-way', () => {
    test('resumes from the stored ledger and approves no mailbox twice', async () => {
        const p = await prepareApproveAndTest(
            { page: page(), sandbox: sandbox(), recorder, profileId: PROFILE },
            { mailboxCount: N },
            N,
        );
        expect(p.toApprove.length).toBeGreaterThan(N / 4);
        await confirmStart(page());
        // Half of the approvals applied on the server: the ledger in IndexedDB says so, then the page reloads.
        await waitUntil(() => p.applied.size >= p.toApprove.length / 2, 240_000);
        expect(await storedLedger(page(), PROFILE)).not.toBeNull();
        await page().reload();
        await waitReady(page(), 1);

        // The reloaded page tells of the interrupted run at once; Resume continues it. The run takes about five minutes
        // on two idle cores; the wait allows four times that for a loaded machine (seen: over ten minutes at load 10).
        await resumeInterrupted(page(), 120_000);
        const summary = await expectSettledRun(page(), PROFILE, N, 1_200_000);

        // The server's own count: every planned approval applied once, every mailbox to test tested in this run.
        expect(twice(p.applied)).toEqual([]);
        expect([...p.applied.keys()].sort()).toEqual(idsOf(p.toApprove));
        const after = await profileMailboxes(sandbox(), PROFILE);
        const tested = after.filter(
            (m) => typeof m.testmailboxaccesscompletedon === 'string' && m.testmailboxaccesscompletedon >= p.startedAt,
        );
        expect(tested.length).toBe(p.toTest.length);
        expect(summary.enabled + summary.failed + summary.retrying).toBe(p.toTest.length);
        expect(summary.skipped).toBe(N - p.toTest.length);
    }, 1_620_000);
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e));
});
