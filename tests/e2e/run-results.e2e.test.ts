/**
 * Results people can read and share (issue 16 items 2 and 3): the run summary's causes by short label, each a filter
 * of the list; the CSV in the admin's language with exactly the run's rows; the confirmation's skipped mailboxes and
 * why. Each check compares the page with what the emulated Dataverse decided.
 */
import type { Row } from '../sandbox/emulator/contract';
import { format } from '../../src/core/template';
import { PROFILE_IDS, USER_IDS } from '../sandbox/domain/ids';
import { applyScenario, expectCleanPage, resxStrings, runAxe, setUpE2E } from './harness';
import {
    confirmStart,
    controlOf,
    downloadCsv,
    expectSettledRun,
    idsOf,
    onServerSideSync,
    parseCsv,
    prepareApproveAndTest,
    profileMailboxes,
    BatchRecorder,
} from './bulk-run-kit';

let recorder: BatchRecorder;
const control = () => controlOf(page());
const PROFILE = PROFILE_IDS.commercial;
const N = 60;
const de = resxStrings(1031);
const en = resxStrings(1033);

/** The short label (English) of the cause each failing emulator outcome decodes to (tests/sandbox/domain/README.md). */
const LABEL_OF_OUTCOME: Record<string, string> = {
    aapDenied: 'Exchange denied the operation',
    ewsBlocked: 'Exchange refused access',
    mailboxNotFound: 'no mailbox at the address',
    notLicensed: 'mailbox not licensed',
    notApproved: 'not approved',
    ownerDisabled: 'owner disabled',
};

/** "31 consent missing" (after the button's chevron glyph) → label → count. */
function countsByLabel(texts: string[]): Map<string, number> {
    return new Map(
        texts.map((text) => {
            const [, count, label] = /(\d+) (.+)$/.exec(text) ?? [];
            return [label, Number(count)];
        }),
    );
}

const { e2e, page, sandbox, test } = setUpE2E(
    { testDelayMs: 20_000, mailboxCount: N, timeScale: 20 },
    {
        setUp: (started) => {
            recorder = new BatchRecorder(started.page);
        },
    },
);

/** The finished run's summary area (its live status and the buttons below it). */
const summaryArea = (done = 'Run finished.') => control().getByRole('status').filter({ hasText: done }).locator('..');

/** Failed mailboxes of the run as the emulator ended them, grouped by the label of what the emulator decided. */
async function emulatorFailures(startedAt: string): Promise<Map<string, string[]>> {
    const after = await profileMailboxes(sandbox(), PROFILE);
    const failed = after.filter(
        (m) =>
            String(m.testmailboxaccesscompletedon) >= startedAt &&
            m.mailboxstatus === 2 &&
            m.testemailconfigurationscheduled !== true,
    );
    const groups = new Map<string, string[]>();
    for (const m of failed) {
        const outcome = sandbox().domain.outcomeOf(String(m.mailboxid), sandbox().emulator.store);
        const label = LABEL_OF_OUTCOME[outcome] ?? `unexpected outcome ${outcome}`;
        groups.set(label, [...(groups.get(label) ?? []), String(m.mailboxid).toLowerCase()]);
    }
    return groups;
}

/** Export CSV from the list's command bar: each row's id (lower case) and name, by id. */
async function commandBarExport(): Promise<{ id: string; name: string }[]> {
    const bar = control().getByRole('menubar', { name: en('Mailboxes_CommandBarLabel') });
    const exportCsv = bar.getByRole('menuitem', { name: en('Mailboxes_Command_Export') });
    const csv = await downloadCsv(page(), () => exportCsv.click());
    const [header, ...rows] = parseCsv(csv.text.slice(1));
    const [id, name] = [header.indexOf(en('Csv_MailboxId')), header.indexOf(en('Mailboxes_Col_Name'))];
    return rows.map((row) => ({ id: row[id].toLowerCase(), name: row[name] })).sort((a, b) => a.id.localeCompare(b.id));
}

describe('the run summary (item 2)', () => {
    test("lists causes by short label with the emulator's counts; each opens to its fix and filters the list", async () => {
        const { startedAt } = await prepareApproveAndTest(
            { page: page(), sandbox: sandbox(), recorder, profileId: PROFILE },
            {},
            N,
        );
        await confirmStart(page());
        const summary = await expectSettledRun(page(), PROFILE, N);
        const expected = await emulatorFailures(startedAt);
        expect(expected.size).toBeGreaterThan(1);

        const region = control().getByRole('region', { name: 'Failures by cause' });
        const labels = await region.getByRole('listitem').getByRole('button').allTextContents();
        const shown = countsByLabel(labels);
        expect(shown).toEqual(new Map([...expected].map(([label, ids]) => [label, ids.length])));
        expect(summary.causes).toBe([...shown].map(([label, count]) => `${count} ${label}`).join(', '));

        for (const [label, ids] of expected) {
            const button = region.getByRole('button', { name: `${ids.length} ${label}` });
            await button.click();
            await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
            const details = page().locator(`#${await button.getAttribute('aria-controls')}`);
            await expect(details.getByText(/^What to do: /).isVisible()).resolves.toBe(true);
            expect(await runAxe(page())).toEqual([]);
            const show =
                ids.length === 1 ? 'Show this 1 mailbox in the list' : `Show these ${ids.length} mailboxes in the list`;
            await details.getByRole('button', { name: show }).click();
            await control().getByText(`Showing the mailboxes of the last run that failed with: ${label}`).waitFor();
            await control()
                .getByRole('button', { name: `Select all ${ids.length} shown` })
                .waitFor();
            // The list shows exactly this cause's mailboxes (all rows fit the virtualized window).
            // The name column always shows (the address may move to the details panel on a narrower form).
            const all = await profileMailboxes(sandbox(), PROFILE);
            const names = ids.map((id) => String(all.find((m) => String(m.mailboxid).toLowerCase() === id)?.name));
            const listed = (await control().getByRole('row').allTextContents()).slice(1);
            expect(listed.length).toBe(ids.length);
            for (const name of names) expect(listed.filter((text) => text.includes(name)).length).toBeGreaterThan(0);
            // The command bar exports this cause's mailboxes (the run's "select all" still covers the rows shown), also
            // after a cause of the same size.
            expect(await commandBarExport()).toEqual(
                ids.map((id, i) => ({ id, name: names[i] })).sort((a, b) => a.id.localeCompare(b.id)),
            );
            await button.click();
        }
        await control().getByRole('button', { name: 'Show all mailboxes' }).click();
        await control()
            .getByRole('button', { name: `Select all ${N} shown` })
            .waitFor();
    }, 240_000);
});

/** The reasons the planner gives, from the emulator's rows, as the German short labels. */
function expectedSkips(rows: Row[]): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    const add = (label: string, m: Row) => groups.set(label, [...(groups.get(label) ?? []), String(m.name)]);
    for (const m of rows) {
        if (m.statecode !== 0) add(de('Skip_Inactive'), m);
        else if (!onServerSideSync(m)) add(de('Skip_NotServerSideSync'), m);
        else if (m.emailrouteraccessapproval !== 1) add(de('Skip_NotApproved'), m);
    }
    return groups;
}

describe('the confirmation and the CSV in German (item 3)', () => {
    test('lists the skipped mailboxes with reasons; the summary exports exactly the run in German', async () => {
        await applyScenario(page(), {
            profileId: PROFILE,
            userId: USER_IDS.approver,
            fault: 'none',
            languageId: 1031,
            requireApproval: 'users,queues',
        });
        await control()
            .getByRole('tab', { name: de('Area_Mailboxes') })
            .click();
        await control().getByText(`${N} Postfächer · `).waitFor({ timeout: 90_000 });
        await control()
            .getByText(/^Wird geladen/)
            .waitFor({ state: 'detached', timeout: 90_000 });
        const before = await profileMailboxes(sandbox(), PROFILE);

        // Test only over every mailbox: the dialog says which are skipped and why.
        await control()
            .getByRole('button', { name: `Alle ${N} angezeigten auswählen` })
            .click();
        await control().getByRole('menuitem', { name: 'Nur testen' }).click();
        const dialog = page().getByRole('alertdialog');
        await dialog.getByRole('button', { name: 'Starten' }).waitFor();
        const skips = expectedSkips(before);
        const skipCount = [...skips.values()].reduce((n, names) => n + names.length, 0);
        const region = dialog.getByRole('region', { name: `${skipCount} ausgewählte Postfächer werden übersprungen.` });
        const reasons = await region.getByRole('button').allTextContents();
        const shownSkips = countsByLabel(reasons);
        expect(shownSkips).toEqual(new Map([...skips].map(([label, names]) => [label, names.length])));
        for (const [label, names] of skips) {
            const button = region.getByRole('button', { name: `${names.length} ${label}` });
            await button.click();
            const details = page().locator(`#${await button.getAttribute('aria-controls')}`);
            const listed = await details.getByRole('listitem').allTextContents();
            expect(listed).toEqual(names.slice(0, 20));
        }
        expect(await runAxe(page())).toEqual([]);
        await dialog.getByRole('button', { name: 'Zurück' }).click();
        await control().getByRole('button', { name: 'Auswahl aufheben' }).click();

        // Approve & test over the first five rows only: the summary's export has exactly those five.
        // Each row's check box is named, in German, by the mailbox it selects.
        const checks = control().locator('[role="row"][aria-selected] [role="checkbox"]');
        const checkNames = new Set(before.map((m) => format(de('Mailboxes_SelectRowNamed'), String(m.name))));
        for (let i = 0; i < 5; i++) {
            expect(checkNames.has(String(await checks.nth(i).getAttribute('aria-label')))).toBe(true);
            await checks.nth(i).click();
        }
        await control().getByText(`${N} Postfächer · ${N} angezeigt · 5 ausgewählt`).waitFor();
        const picked = await control().locator('[role="row"][aria-selected="true"]').allTextContents();
        expect(picked.length).toBe(5);
        await control().getByRole('menuitem', { name: 'Genehmigen & testen' }).click();
        await page().getByRole('alertdialog').getByRole('button', { name: 'Starten' }).click();
        await summaryArea(de('Run_Done')).waitFor({ timeout: 120_000 });

        const csv = await downloadCsv(page(), () =>
            summaryArea(de('Run_Done'))
                .getByRole('button', { name: de('Mailboxes_Command_Export') })
                .click(),
        );
        const [header, ...rows] = parseCsv(csv.text.slice(1));
        expect(header).toEqual(
            [
                ...['Csv_MailboxId', 'Mailboxes_Col_Name', 'Mailboxes_Col_Address', 'Mailboxes_Col_Type'],
                ...['Mailboxes_Col_Approval', 'Mailboxes_Col_Incoming', 'Mailboxes_Col_Outgoing', 'Mailboxes_Col_Act'],
                ...['Mailboxes_Col_Overall', 'Mailboxes_Col_LastTest', 'Mailboxes_Col_Alert', 'Csv_RunResult'],
                ...['Csv_Cause', 'Csv_Fix', 'Csv_Code', 'Csv_OriginalText'],
            ].map(de),
        );
        const records = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
        // Exactly the run's five mailboxes, not the list's sixty: each selected row's name, once.
        expect(records.length).toBe(5);
        const names = records.map((r) => r[de('Mailboxes_Col_Name')]);
        for (const text of picked) expect(names.filter((name) => text.includes(name)).length).toBeGreaterThan(0);
        const known = new Set(idsOf(before));
        for (const r of records) expect(known.has(r[de('Csv_MailboxId')].toLowerCase())).toBe(true);
        const labels = new Set(['Csv_Result_Succeeded', 'Csv_Result_Failed', 'Csv_Result_Retrying'].map(de));
        labels.add(de('Csv_Result_Skipped'));
        for (const record of records) {
            expect(labels.has(record[de('Csv_RunResult')])).toBe(true);
            expect([de('Mailboxes_Type_User'), de('Mailboxes_Type_Queue')]).toContain(record[de('Mailboxes_Col_Type')]);
            const failed = record[de('Csv_RunResult')] === de('Csv_Result_Failed');
            expect([record[de('Mailboxes_Col_Name')], failed, record[de('Csv_Cause')] !== '']).toEqual([
                record[de('Mailboxes_Col_Name')],
                failed,
                failed || record[de('Csv_RunResult')] === de('Csv_Result_Skipped'),
            ]);
        }
        expect(await runAxe(page())).toEqual([]);
    }, 240_000);
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
