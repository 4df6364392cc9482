/**
 * The control at 320 px, the narrowest section the README promises (issue 13 item 8): no horizontal overflow in
 * English, German or French, in any area, and axe finds nothing at that width either.
 */
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { applyScenario, runAxe, expectCleanPage, resxStrings, setUpE2E } from './harness';

const NARROW = { width: 320, height: 800 };
const AREAS = ['Area_Connection', 'Area_Readiness', 'Area_Mailboxes'] as const;

const control = () => page().locator('#control-root');

const { e2e, page, test } = setUpE2E(
    {},
    {
        setUp: async (started) => {
            await started.page.setViewportSize(NARROW);
        },
    },
);

/** How far the page, or the control, reaches past the right edge of the viewport (0 when it fits). */
async function overflow(): Promise<{ page: number; control: number }> {
    const box = await control().boundingBox();
    const pageOverflow = await page().evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    return { page: pageOverflow, control: Math.max(0, Math.ceil((box?.x ?? 0) + (box?.width ?? 0)) - NARROW.width) };
}

/** Open an area as a person would: its tab when it shows, else through the "…" button that lists the others. */
async function openArea(text: (key: string) => string, area: (typeof AREAS)[number]): Promise<void> {
    // The workspace has loaded and the Pivot has measured which tabs fit once a tab shows as selected.
    await control().getByRole('tab', { selected: true }).waitFor();
    const tab = control().getByRole('tab', { name: text(area) });
    if (await tab.isVisible()) {
        await tab.click();
    } else {
        await control()
            .getByRole('tab', { name: text('Area_MoreTabs') })
            .click();
        await page()
            .getByRole('menuitem', { name: text(area) })
            .click();
    }
    await control()
        .getByRole('tabpanel', { name: text(area) })
        .waitFor();
}

/** Left edge and width of each column header and of the first row's cells, in px. */
async function columnEdges(): Promise<{ headers: number[][]; cells: number[][] }> {
    const grid = control().getByRole('grid');
    await grid.getByRole('row').nth(1).waitFor();
    return grid.evaluate((table) => {
        const edges = (cells: Element[]) =>
            cells.map((cell) => [Math.round(cell.getBoundingClientRect().left), Math.round(cell.clientWidth)]);
        const rows = table.querySelectorAll('[role=row]');
        return {
            headers: edges([...rows[0].querySelectorAll('[role=columnheader]')]),
            cells: edges([...rows[1].querySelectorAll('[role=gridcell], [role=rowheader]')]),
        };
    });
}

describe.each([
    ['English', 1033],
    ['German', 1031],
    ['French', 1036],
])('at 320 px in %s', (_, languageId) => {
    const text = resxStrings(languageId);

    test('every area fits the width, the tabs included, and axe finds no violation', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.commercial, languageId });
        for (const area of AREAS) {
            await openArea(text, area);
            expect([area, await overflow()]).toEqual([area, { page: 0, control: 0 }]);
            expect([area, await runAxe(page())]).toEqual([area, []]);
        }
    });

    test('the mailbox table scrolls with each column header over its column', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.commercial, languageId });
        // Through the other areas first, as above: the tabs that fit are measured again as the form settles.
        for (const area of AREAS) await openArea(text, area);
        // The table is wider than the section here: the headers must not squeeze into the section's width.
        const { headers, cells } = await columnEdges();
        expect(headers.length).toBeGreaterThanOrEqual(4);
        expect(headers).toEqual(cells.slice(0, headers.length));
    });
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
