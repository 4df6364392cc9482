/**
 * A bulk run across a reload of the page (issue 14 item 3 and the interrupted-run notice), in chromium against the
 * sandbox: the reloaded page keeps the Retry-After the previous page was told, and it says at once that a run was
 * interrupted and waits for Resume or Discard. Checked on the page, in the emulator's request log and in the
 * approvals the emulated Dataverse applied.
 */
import type { RequestLogEntry } from '../sandbox/emulator/contract';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { expectCleanPage, setUpE2E, waitReady } from './harness';
import {
    BatchRecorder,
    INTERRUPTED_NOTICE,
    confirmStart,
    controlOf,
    expectSettledRun,
    idsOf,
    prepareApproveAndTest,
    resumeInterrupted,
    setEmulatorConfig,
    twice,
    waitUntil,
    type PreparedRun,
} from './bulk-run-kit';

let recorder: BatchRecorder;
const control = () => controlOf(page());
const PROFILE = PROFILE_IDS.commercial;
const N = 10;
/** Emulated ms per real ms: a Test & Enable (20 emulated s) takes half a real second. */
const SCALE = 40;
/** The Retry-After window the run meets, in real ms: long enough that a reload lands well inside it. */
const WINDOW_REAL_MS = 25_000;

const { e2e, page, sandbox, test } = setUpE2E(
    { testDelayMs: 20_000, mailboxCount: N, timeScale: SCALE },
    {
        setUp: (started) => {
            recorder = new BatchRecorder(started.page);
        },
    },
);

const prepare = (): Promise<PreparedRun> =>
    prepareApproveAndTest({ page: page(), sandbox: sandbox(), recorder, profileId: PROFILE }, { mailboxCount: N }, N);

/**
 * The sandbox form host's own read of the record (tests/sandbox/host/host.js readRecord, its SELECT). It is the
 * form's request, not the control's: the platform's form would make it too, and the control cannot hold it back.
 */
const HOST_RECORD_READ =
    /^\/api\/data\/v9\.2\/emailserverprofiles\([0-9a-f-]{36}\)\?\$select=name,servertype,emailservertypename,serverauthority,exchangeonlinetenantid,oauthclientid$/i;
const isHostRead = (entry: RequestLogEntry): boolean => entry.method === 'GET' && HOST_RECORD_READ.test(entry.path);

/**
 * Slack when comparing the page's clock with the emulator's (real ms): the page's Date.now is whole milliseconds and
 * the log takes an answer's time after writing it. A request sent without waiting is early by the whole window.
 */
const CLOCK_SLACK_REAL_MS = 5;

/** The end (emulated ms) of the latest Retry-After the server told about in `entries`, less the clock slack. */
function toldUntil(entries: readonly RequestLogEntry[]): number {
    const ends = entries.filter((e) => e.status === 429).map((e) => e.endedMs + (e.retryAfterS ?? 0) * 1000 * SCALE);
    return Math.max(...ends) - CLOCK_SLACK_REAL_MS * SCALE;
}

/** Every planned approval applied exactly once by the server. */
function expectApprovedOnce(p: PreparedRun): void {
    expect(twice(p.applied)).toEqual([]);
    expect([...p.applied.keys()].sort()).toEqual(idsOf(p.toApprove));
}

describe('a reload during a Retry-After pause', () => {
    test('the reloaded control sends nothing before the end of the wait it was told, then finishes the run', async () => {
        const p = await prepare();
        // Once the approvals land, every request is refused for 25 real seconds, each refusal asking for all of it.
        const windowMs = WINDOW_REAL_MS * SCALE;
        const storm = { limit: 'requests', durationMs: windowMs, retryAfterMs: windowMs, startOn: 'afterFirstWrite' };
        await setEmulatorConfig(sandbox(), { faults: { throttleStorm: storm } });
        await confirmStart(page());
        await control()
            .getByText('Dataverse asked us to slow down — resuming in', { exact: false })
            .waitFor({ timeout: 60_000 });
        // Let the answers still on their way arrive, so the page was told every window the server set.
        await page().waitForTimeout(500);
        const before = sandbox().emulator.requestLog();
        const until = toldUntil(before.filter((entry) => !isHostRead(entry)));
        await page().reload();
        await waitReady(page(), 1);
        // The premise: the reloaded page started well inside the wait.
        expect(until - sandbox().emulator.now()).toBeGreaterThan(10_000 * SCALE);

        // The stored run needs no request: the notice says at once, inside the wait, that a run was interrupted, and
        // Resume waits with the control's first reads until the wait is over.
        await control().getByText(INTERRUPTED_NOTICE).waitFor({ timeout: 5_000 });
        expect(sandbox().emulator.now()).toBeLessThan(until);
        await control()
            .getByText(/You can resume once Dynamics accepts requests again, in \d+ s\./)
            .waitFor();
        await expect(control().getByRole('button', { name: 'Resume' }).isDisabled()).resolves.toBe(true);
        await resumeInterrupted(page(), 60_000);
        await expectSettledRun(page(), PROFILE, N, 120_000);
        await recorder.settle();
        expectApprovedOnce(p);

        const after = sandbox().emulator.requestLog().slice(before.length);
        const fromControl = after.filter((entry) => !isHostRead(entry));
        // The control's first reads, the list, the overview's aggregates and the resumed run all came after the end.
        expect(fromControl.length).toBeGreaterThan(0);
        expect(fromControl.filter((entry) => entry.startedMs < until)).toEqual([]);
        // The form host's own read of the record did arrive inside the wait (it is not ours to hold back).
        expect(after.filter(isHostRead).some((entry) => entry.startedMs < until)).toBe(true);
    }, 240_000);
});

describe('a reload in the middle of a run', () => {
    test('tells of the interrupted run before any area is opened; Resume finishes it, approving nothing twice', async () => {
        const p = await prepare();
        // Slow answers (real ms) so the reload lands while the approvals are on the wire.
        await setEmulatorConfig(sandbox(), { faults: { latencyMs: 400 } });
        await confirmStart(page());
        await waitUntil(() => recorder.parts().some((part) => part.approve));
        await page().reload();
        await waitReady(page(), 1);
        await setEmulatorConfig(sandbox(), { faults: { latencyMs: 0 } });
        // From here on, requests by when they arrived, not by when they were logged: the old page's approvals still
        // held by the latency are logged when they end, which on a fast machine is after the reloaded page is ready.
        const readyAt = sandbox().emulator.now();

        // Without opening Mailboxes (the form opens on Connection for this profile): the notice, its numbers.
        const notice = control().getByText(INTERRUPTED_NOTICE);
        await notice.waitFor({ timeout: 60_000 });
        const mailboxesTab = control().getByRole('tab', { name: 'Mailboxes' });
        await expect(mailboxesTab.getAttribute('aria-selected')).resolves.toBe('false');
        const [, done, total] = INTERRUPTED_NOTICE.exec((await notice.textContent()) ?? '') ?? [];
        expect(Number(total)).toBe(N);
        // Skipped mailboxes were settled when the run was planned; the approvals in flight were not.
        expect(Number(done)).toBeGreaterThanOrEqual(N - p.toTest.length);
        expect(Number(done)).toBeLessThan(N);
        // The run waits for the admin: no approval or Test & Enable (no write, no $batch) left the reloaded page.
        await page().waitForTimeout(1_000);
        const waiting = sandbox()
            .emulator.requestLog()
            .filter((entry) => entry.startedMs >= readyAt);
        expect(waiting.filter((entry) => entry.method !== 'GET')).toEqual([]);

        await resumeInterrupted(page());
        await expect(mailboxesTab.getAttribute('aria-selected')).resolves.toBe('true');
        await expectSettledRun(page(), PROFILE, N, 120_000);
        await recorder.settle();
        expectApprovedOnce(p);
    }, 180_000);
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
