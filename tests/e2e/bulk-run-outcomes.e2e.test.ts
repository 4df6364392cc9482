/**
 * What a bulk run's outcomes look like to the admin (issue 14 items 5, 6, 11): the organisation's approval switches,
 * refused approvals counted as failures, and transient Test & Enable failures that Dynamics retries by itself. Each
 * test compares the page with the emulated Dataverse's store.
 */
import type { Row } from '../sandbox/emulator/contract';
import { PROFILE_IDS, USER_IDS } from '../sandbox/domain/ids';
import { applyScenario, expectCleanPage, setUpE2E } from './harness';
import {
    BatchRecorder,
    CSV_HEADER,
    CSV_LABEL,
    csvRecords,
    downloadCsv,
    parseCsv,
    askForRun,
    confirmStart,
    controlOf,
    emulatedIso,
    emulatorRows,
    expectSettledRun,
    fmt,
    idsOf,
    onServerSideSync,
    openMailboxes,
    profileMailboxes,
} from './bulk-run-kit';

let recorder: BatchRecorder;
const control = () => controlOf(page());
const PROFILE = PROFILE_IDS.commercial;
const N = 120;

// 10x: a Test & Enable answers in 2 real seconds; server-side sync retries a transient failure every 30 real
// seconds, so a retrying mailbox stays so while the page is checked.
const { e2e, page, sandbox, test } = setUpE2E(
    { testDelayMs: 20_000, mailboxCount: N, timeScale: 10 },
    {
        setUp: (started) => {
            recorder = new BatchRecorder(started.page);
        },
    },
);

/** Whether a mailbox row belongs to a queue (its regarding id is a queue's). */
async function queueOwned(): Promise<(m: Row) => boolean> {
    const queues = new Set((await emulatorRows(sandbox(), 'queues')).map((q) => String(q.queueid)));
    return (m) => queues.has(String(m._regardingobjectid_value));
}

/** Neither approved (1) nor rejected (3): what "waiting for approval" means where approval is required. */
const unapproved = (m: Row): boolean => m.emailrouteraccessapproval !== 1 && m.emailrouteraccessapproval !== 3;

describe("the organisation's approval switches (item 5)", () => {
    test('user mailboxes processed unapproved: Test only tests them and nothing asks for their approval', async () => {
        await applyScenario(page(), {
            profileId: PROFILE,
            userId: USER_IDS.approver,
            fault: 'none',
            requireApproval: 'queues',
        });
        recorder.clear();
        await openMailboxes(page(), N);
        const before = await profileMailboxes(sandbox(), PROFILE);
        const isQueue = await queueOwned();
        const unapprovedUsers = before.filter((m) => !isQueue(m) && m.emailrouteraccessapproval !== 1);
        expect(unapprovedUsers.filter(onServerSideSync).length).toBeGreaterThan(0);
        // Only queue mailboxes wait for approval: the notice and the quick filter say the same number.
        const waiting = before.filter((m) => isQueue(m) && unapproved(m)).length;
        await control()
            .getByText(`${fmt(waiting)} mailboxes are waiting for approval.`)
            .waitFor();
        await control()
            .getByRole('button', { name: `Pending approval (${fmt(waiting)})` })
            .waitFor();

        const toTest = before.filter((m) => onServerSideSync(m) && (m.emailrouteraccessapproval === 1 || !isQueue(m)));
        const question = await askForRun(page(), 'Test only', N);
        expect(question).toContain(`Test ${fmt(toTest.length)} mailboxes?`);
        const startedAt = emulatedIso(sandbox());
        await confirmStart(page());
        const summary = await expectSettledRun(page(), PROFILE, N);
        await recorder.settle();
        expect(recorder.counts('approve').size).toBe(0);
        expect([...recorder.counts('test').keys()].sort()).toEqual(idsOf(toTest));
        // The unapproved user mailboxes were tested during the run, and none failed for want of an approval.
        expect(summary.causes).not.toContain('not approved');
        const store = sandbox().emulator.store;
        const after = await profileMailboxes(sandbox(), PROFILE);
        const testedUsers = after.filter(
            (m) => onServerSideSync(m) && unapprovedUsers.some((u) => u.mailboxid === m.mailboxid),
        );
        for (const m of testedUsers) {
            const id = String(m.mailboxid);
            expect([id, String(m.testmailboxaccesscompletedon) >= startedAt]).toEqual([id, true]);
            expect([id, sandbox().domain.outcomeOf(id, store)]).not.toEqual([id, 'notApproved']);
        }
    }, 180_000);
});

describe('tests Dynamics retries by itself (item 11)', () => {
    test('a first failure with a warning is "retrying", not failed: in the summary, the list and the CSV', async () => {
        await applyScenario(page(), {
            profileId: PROFILE,
            userId: USER_IDS.approver,
            fault: 'transient-test-failures',
            requireApproval: 'users,queues',
        });
        await openMailboxes(page(), N);
        await askForRun(page(), 'Test only', N);
        const startedAt = emulatedIso(sandbox());
        await confirmStart(page());
        const summary = await expectSettledRun(page(), PROFILE, N);
        expect(summary.retrying).toBeGreaterThan(0);
        expect(summary.causes).not.toContain('Exchange busy');

        // The server agrees: each retrying mailbox failed an attempt and is still scheduled, with a warning.
        const after = await profileMailboxes(sandbox(), PROFILE);
        const tested = after.filter((m) => String(m.testmailboxaccesscompletedon) >= startedAt);
        const stillScheduled = tested.filter(
            (m) => m.mailboxstatus === 2 && m.testemailconfigurationscheduled === true,
        );
        expect(stillScheduled.length).toBe(summary.retrying);
        expect(tested.filter((m) => m.mailboxstatus === 2 && m.testemailconfigurationscheduled !== true).length).toBe(
            summary.failed,
        );

        // The reloaded list counts them apart and says so in the row.
        await control()
            .getByRole('button', { name: `Retrying (${fmt(summary.retrying)})` })
            .click();
        await expect(control().getByText('Retrying — Dynamics tries again').count()).resolves.toBeGreaterThan(0);
        await control().getByRole('button', { name: /^All / }).click();

        // The CSV says which: the run outcome and the retrying column.
        const csv = await downloadCsv(page(), () =>
            control()
                .getByRole('status')
                .filter({ hasText: 'Run finished.' })
                .locator('..')
                .getByRole('button', { name: 'Export CSV' })
                .click(),
        );
        const rows = parseCsv(csv.text.slice(1));
        expect(rows[0]).toEqual(CSV_HEADER);
        const records = csvRecords(rows.slice(1));
        const retrying = records.filter((r) => r.runResult === CSV_LABEL.retrying);
        expect(retrying.map((r) => r.mailboxid).sort()).toEqual(idsOf(stillScheduled));
        expect(retrying.every((r) => r.status === CSV_LABEL.retrying)).toBe(true);
        const failed = records.filter((r) => r.runResult === CSV_LABEL.failed);
        expect(failed.every((r) => r.status === CSV_LABEL.failure && r.cause !== '')).toBe(true);
    }, 240_000);
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
