/**
 * The control at 320 px, the narrowest section the README promises (issue 13 item 8): no horizontal overflow in
 * English, German or French, in any area, and axe finds nothing at that width either.
 */
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { applyScenario, axeAtRest, expectCleanPage, resxStrings, setUpE2E } from './harness';

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
            expect([area, await axeAtRest(page())]).toEqual([area, []]);
        }
    });
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
