/**
 * Bulk approve + Test & Enable (issue 6) in chromium against the sandbox: a user who cannot approve, 5,000
 * mailboxes in one run, a reload in the middle of a run, and the CSV export — each checked on the page (the numbers
 * add up, nothing left in progress), in the emulator's store and in what the page sent.
 */
import { PROFILE_IDS, USER_IDS } from '../sandbox/domain/ids';
import { HOSTILE_NAMES } from '../sandbox/domain/names';
import { applyScenario, expectCleanPage, runAxe, waitReady, setUpE2E } from './harness';
import {
    BatchRecorder,
    CSV_HEADER,
    CSV_LABEL,
    csvRecords,
    askForRun,
    confirmStart,
    controlOf,
    downloadCsv,
    emulatedIso,
    expectConsistentProgress,
    expectSettledRun,
    fmt,
    idsOf,
    onServerSideSync,
    openMailboxes,
    prepareApproveAndTest,
    parseCsv,
    profileMailboxes,
    resumeInterrupted,
    setEmulatorConfig,
    twice,
    waitUntil,
    watchAppliedApprovals,
    watchPage,
    watched,
} from './bulk-run-kit';

let recorder: BatchRecorder;
const control = () => controlOf(page());
const PROFILE = PROFILE_IDS.commercial;

// Emulated time runs 40x (a batch of 200 parts is held 0.8 s instead of 3.2 s); a Test & Enable takes 20
// emulated seconds, half a real second. The page still polls for results after 15 real seconds.
const { e2e, page, sandbox, test } = setUpE2E(
    { testDelayMs: 20_000, mailboxCount: 40, timeScale: 40 },
    {
        setUp: (started) => {
            recorder = new BatchRecorder(started.page);
        },
    },
);

/**
 * After an approve + test run: each mailbox to approve was approved exactly once and is approved in the store,
 * every testable one was tested after `startedAt`, and the store's outcomes match the page's summary. Returns the
 * store's rows after the run.
 */
async function expectStoreMatchesRun(run: {
    applied: Map<string, number>;
    toApprove: Awaited<ReturnType<typeof profileMailboxes>>;
    toTest: Awaited<ReturnType<typeof profileMailboxes>>;
    startedAt: string;
    summary: { enabled: number; failed: number };
}) {
    expect(twice(run.applied)).toEqual([]);
    expect([...run.applied.keys()].sort()).toEqual(idsOf(run.toApprove));
    const after = await profileMailboxes(sandbox(), PROFILE);
    const byId = new Map(after.map((m) => [m.mailboxid, m]));
    for (const m of run.toApprove) expect(byId.get(m.mailboxid)?.emailrouteraccessapproval).toBe(1);
    const tested = after.filter(
        (m) => typeof m.testmailboxaccesscompletedon === 'string' && m.testmailboxaccesscompletedon >= run.startedAt,
    );
    expect(tested.length).toBe(run.toTest.length);
    expect(tested.filter((m) => m.mailboxstatus === 1).length).toBe(run.summary.enabled);
    expect(tested.filter((m) => m.mailboxstatus === 2).length).toBe(run.summary.failed);
    return { after, byId };
}

/** A fresh seed of `count` for the approver, with the confirmation for Approve & test over all of them open. */
const prepare = (count: number) =>
    prepareApproveAndTest(
        { page: page(), sandbox: sandbox(), recorder, profileId: PROFILE },
        { mailboxCount: count },
        count,
    );

describe('bulk run by users who cannot approve', () => {
    test('a user without the privilege is told exactly what is missing and can copy the pending addresses', async () => {
        await applyScenario(page(), { profileId: PROFILE, userId: USER_IDS.basicUser, mailboxCount: 40 });
        recorder.clear();
        await openMailboxes(page(), 40);
        const mailboxes = await profileMailboxes(sandbox(), PROFILE);

        // The notice names exactly what is missing: the privilege, nothing else.
        const heading = control().getByText('You cannot approve mailboxes because:');
        await heading.waitFor();
        const notice = heading.locator('xpath=ancestor::div[contains(@class, "ms-MessageBar")][1]');
        await expect(notice.getByRole('listitem').allTextContents()).resolves.toEqual([
            'your security roles lack the privilege prvApproveRejectEmailAddress (Approve Email Addresses for Users or Queues).',
        ]);
        const pending = mailboxes
            // Pending approval (issue 14 item 6, one rule for notice, filter and card): anything but Approved, rejected too.
            .filter((m) => m.emailrouteraccessapproval !== 1 && m.emailaddress)
            .map((m) => String(m.emailaddress));
        expect(pending.length).toBeGreaterThan(0);
        await control()
            .getByText(`${fmt(pending.length)} mailboxes are waiting for approval.`)
            .waitFor();
        expect(await runAxe(page())).toEqual([]);

        // Copy pending addresses puts exactly those addresses on the clipboard, one per line.
        await e2e().browser.grantPermissions(['clipboard-read', 'clipboard-write']);
        await page().evaluate(() => navigator.clipboard.writeText(''));
        await control().getByRole('button', { name: 'Copy pending addresses' }).click();
        await page().waitForFunction(async () => (await navigator.clipboard.readText()).length > 0);
        const copied = await page().evaluate(() => navigator.clipboard.readText());
        expect(copied.split('\n').sort()).toEqual([...pending].sort());

        // This user may not write the profile either (read-only form): no command that writes can be used.
        await control().getByRole('button', { name: 'Select all 40 shown' }).click();
        for (const name of ['Approve & test', 'Test only', 'Retry failed']) {
            const command = control().getByRole('menuitem', { name });
            await expect(command.getAttribute('aria-disabled')).resolves.toBe('true');
            await expect(command.getAttribute('title')).resolves.toBe(
                'This form is read-only, so the assistant shows the settings but changes nothing.',
            );
        }
        await control().getByRole('menuitem', { name: 'Test only' }).click({ force: true });
        await expect(page().getByRole('alertdialog').count()).resolves.toBe(0);
        expect(recorder.batches()).toEqual([]);
    });

    test('an admin Dataverse refuses as approver tests the approved mailboxes and sends no approval', async () => {
        // System Administrator with the privilege but not a Microsoft 365 admin: Dataverse refuses approvals.
        await applyScenario(page(), { profileId: PROFILE, userId: USER_IDS.sysAdminNotApprover, mailboxCount: 40 });
        const applied = watchAppliedApprovals(sandbox());
        recorder.clear();
        await openMailboxes(page(), 40);
        const before = await profileMailboxes(sandbox(), PROFILE);
        const testable = before.filter((m) => m.emailrouteraccessapproval === 1 && onServerSideSync(m));

        const question = await askForRun(page(), 'Test only', 40);
        expect(question).toContain(`Test ${fmt(testable.length)} mailboxes?`);
        expect(question).toContain(`${fmt(40 - testable.length)} selected mailboxes will be skipped.`);
        const startedAt = emulatedIso(sandbox());
        await watchPage(page(), []);
        await confirmStart(page());
        const summary = await expectSettledRun(page(), PROFILE, 40);
        expectConsistentProgress((await watched(page())).progress, 40);
        expect(summary.skipped).toBe(40 - testable.length);
        expect(summary.enabled + summary.failed).toBe(testable.length);

        // The server got Test & Enable for exactly the testable mailboxes and not a single approval.
        await recorder.settle();
        expect(recorder.parts().filter((p) => p.approve)).toEqual([]);
        expect([...recorder.counts('test').keys()].sort()).toEqual(idsOf(testable));
        expect(applied.size).toBe(0);
        const after = await profileMailboxes(sandbox(), PROFILE);
        const approvalOf = new Map(before.map((m) => [m.mailboxid, m.emailrouteraccessapproval]));
        for (const m of after) expect(m.emailrouteraccessapproval).toBe(approvalOf.get(m.mailboxid));
        const tested = after.filter(
            (m) => typeof m.testmailboxaccesscompletedon === 'string' && m.testmailboxaccesscompletedon >= startedAt,
        );
        expect(tested.length).toBe(testable.length);
        expect(tested.filter((m) => m.mailboxstatus === 1).length).toBe(summary.enabled);
    });
});

describe('bulk run at scale', () => {
    test('approves and tests 5,000 mailboxes once each; the summary, the store and the CSV export agree', async () => {
        const { applied, toApprove, toTest } = await prepare(5_000);
        expect(await runAxe(page())).toEqual([]);
        const startedAt = emulatedIso(sandbox());
        await watchPage(page(), []);
        await confirmStart(page());
        await control()
            .getByText(/^[\d,]+ of 5,000 done$/)
            .waitFor();
        expect(await runAxe(page())).toEqual([]);
        const summary = await expectSettledRun(page(), PROFILE, 5_000);
        expectConsistentProgress((await watched(page())).progress, 5_000);
        expect(summary.skipped).toBe(5_000 - toTest.length);
        expect(await runAxe(page())).toEqual([]);

        // Dataverse: each pending mailbox approved exactly once, each eligible one tested once, results as reported;
        // nothing the server answered was an error (no throttling at the real limits).
        await recorder.settle();
        expect(twice(recorder.counts('approve'))).toEqual([]);
        expect(twice(recorder.counts('test'))).toEqual([]);
        const { after, byId } = await expectStoreMatchesRun({ applied, toApprove, toTest, startedAt, summary });
        const log = sandbox().emulator.requestLog();
        expect(log.filter((r) => r.status >= 400)).toEqual([]);

        // Export CSV from the summary once the list shows the new results.
        const enabledNow = after.filter((m) => m.mailboxstatus === 1).length;
        await control()
            .getByRole('button', { name: `Enabled (${fmt(enabledNow)})` })
            .waitFor();
        const csv = await downloadCsv(page(), () =>
            control()
                .getByRole('status')
                .filter({ hasText: 'Run finished.' })
                .locator('..')
                .getByRole('button', { name: 'Export CSV' })
                .click(),
        );
        expect(csv.name).toBe(`mailboxes-${PROFILE}.csv`);
        expect(csv.text.charCodeAt(0)).toBe(0xfeff);
        const rows = parseCsv(csv.text.slice(1));
        expect(rows[0]).toEqual(CSV_HEADER);
        const records = csvRecords(rows.slice(1));
        expect(records.length).toBe(5_000);
        expect(new Set(records.map((r) => r.mailboxid)).size).toBe(5_000);
        const outcome = (state: 'succeeded' | 'failed' | 'retrying' | 'skipped') =>
            records.filter((r) => r.runResult === CSV_LABEL[state]).length;
        expect(outcome('succeeded')).toBe(summary.enabled);
        expect(outcome('failed')).toBe(summary.failed);
        expect(outcome('skipped')).toBe(summary.skipped);
        for (const r of records) {
            const m = byId.get(r.mailboxid);
            expect(r.approval).toBe(CSV_LABEL.approval[String(m?.emailrouteraccessapproval ?? 0)]);
            if (r.runResult === CSV_LABEL.succeeded) expect(r.status).toBe(CSV_LABEL.success);
            if (r.runResult === CSV_LABEL.failed) expect(r.status).toBe(CSV_LABEL.failure);
        }
        // Hostile names survive the round trip, and anything a spreadsheet would evaluate starts with a quote.
        const names = records.map((r) => r.name);
        for (const hostile of HOSTILE_NAMES) {
            expect(names).toContain(/^[=+\-@]/.test(hostile) ? `'${hostile}` : hostile);
        }
        for (const r of records) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@]/);
    }, 240_000);
});

describe('bulk run across a reload', () => {
    test('a reload in the middle of the approvals resumes the run; nothing is approved twice', async () => {
        const { applied, toApprove, toTest, startedAt } = await prepare(1_000);
        // Slow answers (real ms) so the reload lands while approval batches are on the wire.
        await setEmulatorConfig(sandbox(), { faults: { latencyMs: 400 } });
        await confirmStart(page());
        // Reload as soon as the first approvals are on the wire, before any answer is back.
        await waitUntil(() => recorder.parts().some((p) => p.approve));
        const approvalsBeforeReload = recorder.parts().filter((p) => p.approve).length;
        expect(approvalsBeforeReload).toBeLessThan(toApprove.length);
        await page().reload();
        await waitReady(page(), 1);
        await setEmulatorConfig(sandbox(), { faults: { latencyMs: 0 } });

        // The reloaded page tells of the interrupted run; Resume picks it up again and says so.
        await resumeInterrupted(page());
        const summary = await expectSettledRun(page(), PROFILE, 1_000);
        expect(summary.skipped).toBe(1_000 - toTest.length);

        await recorder.settle();
        await expectStoreMatchesRun({ applied, toApprove, toTest, startedAt, summary });
    }, 180_000);
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
