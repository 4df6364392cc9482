/**
 * The mailbox table on a wide form (issue 16 items 5 and 6) in chromium against the sandbox: at 1280 px the table
 * shows name, status, last test and latest alert without scrolling sideways, cuts no header or cell label short in
 * English, German or French, the details panel shows the columns the table leaves out, and axe finds nothing.
 */
import type { Locator } from 'playwright-core';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { applyScenario, runAxe, expectCleanPage, resxStrings, setUpE2E } from './harness';

const control = () => page().locator('#control-root');

/** The columns that always show, in order; the others show as far as the width allows. */
const ALWAYS = ['Mailboxes_Col_Name', 'Mailboxes_Col_Overall', 'Mailboxes_Col_LastTest', 'Mailboxes_Col_Alert'];
const ALL = [
    ...ALWAYS,
    'Mailboxes_Col_Approval',
    'Mailboxes_Col_Address',
    'Mailboxes_Col_Incoming',
    'Mailboxes_Col_Outgoing',
    'Mailboxes_Col_Act',
    'Mailboxes_Col_Type',
];

const { e2e, page, test } = setUpE2E({ mailboxCount: 60 });

/** Open the Mailboxes area in `languageId` and wait until the table shows rows. */
async function openTable(languageId: number, text: (key: string) => string): Promise<Locator> {
    await applyScenario(page(), { profileId: PROFILE_IDS.commercial, languageId });
    await control()
        .getByRole('tab', { name: text('Area_Mailboxes') })
        .click();
    const grid = control().getByRole('grid', { name: text('Mailboxes_ListLabel') });
    await grid.getByRole('gridcell').first().waitFor({ timeout: 60_000 });
    return grid;
}

/** The headers of the data columns (the selection column's header holds no word). */
async function columnNames(grid: Locator): Promise<string[]> {
    const names = await grid.getByRole('columnheader').allTextContents();
    return names.map((name) => name.trim()).filter((name) => /\p{L}/u.test(name));
}

/**
 * Every text in the table's headers and cells that its box cuts short (wider or taller than it shows), as
 * "text (scroll × client)". Only elements that hold text themselves count: icons are not labels.
 */
function cutLabels(grid: Locator): Promise<string[]> {
    return grid.evaluate((table) =>
        [...table.querySelectorAll('[role=columnheader] *, [role=gridcell] *')]
            .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.nodeValue?.trim()))
            .filter((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight + 1)
            .map(
                (el) =>
                    `${el.textContent ?? ''} (${el.scrollWidth}×${el.clientWidth}, ${el.scrollHeight}×${el.clientHeight})`,
            ),
    );
}

/** How far the table and the box that scrolls it reach past their visible width (0 when nothing scrolls sideways). */
function sidewaysScroll(grid: Locator): Promise<number[]> {
    return grid.evaluate((table) => {
        const scroller = table.closest('[data-is-scrollable]') ?? table;
        return [table.scrollWidth - table.clientWidth, scroller.scrollWidth - scroller.clientWidth];
    });
}

describe.each([
    ['English', 1033],
    ['German', 1031],
    ['French', 1036],
])('the mailbox table at 1280 px in %s', (_, languageId) => {
    const text = resxStrings(languageId);

    test('shows name, status, last test and latest alert first, cuts no label short and never scrolls sideways', async () => {
        const grid = await openTable(languageId, text);
        const headers = await columnNames(grid);
        expect(headers.slice(0, ALWAYS.length)).toEqual(ALWAYS.map(text));
        // The rest are the next columns by priority, none skipped.
        expect(headers).toEqual(ALL.map(text).slice(0, headers.length));
        expect(await sidewaysScroll(grid)).toEqual([0, 0]);
        expect(await cutLabels(grid)).toEqual([]);
        expect(await runAxe(page())).toEqual([]);
    });

    test('shows every column the table leaves out in the details panel', async () => {
        const grid = await openTable(languageId, text);
        const headers = await columnNames(grid);
        const left = ALL.slice(1)
            .filter((key) => key !== 'Mailboxes_Col_Alert' && !headers.includes(text(key)))
            .map(text);
        expect(left.length).toBeGreaterThanOrEqual(3);
        // The name is a Fluent Link without a URL: a button.
        const link = grid.getByRole('gridcell').getByRole('button').first();
        const name = (await link.textContent()) ?? '';
        await link.click();
        const panel = page().getByRole('dialog', { name });
        const terms = await panel.getByRole('term').allTextContents();
        expect(terms).toEqual(expect.arrayContaining(left));
        expect(await runAxe(page())).toEqual([]);
        await panel.getByRole('button', { name: text('Mailboxes_Details_Close') }).click();
        await panel.waitFor({ state: 'detached' });
    });
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
