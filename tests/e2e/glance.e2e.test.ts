/**
 * The control at a glance (issue 16) in chromium against the sandbox: the overview cards count what the emulated
 * Dataverse holds and count again after a connection test and after a run, each segment of the mailboxes bar opens
 * the list filtered to exactly that segment, the list loads only when opened, and the cards pass axe at 320 and
 * 1280 px in English, German and French.
 */
import type { Locator } from 'playwright-core';
import { segmentOf, SEGMENTS, type Segment, type SegmentCounts } from '../../src/core/mailbox-segments';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import type { Row } from '../sandbox/emulator/contract';
import { askForRun, confirmStart, controlOf, expectSettledRun, fmt, profileMailboxes } from './bulk-run-kit';
import { applyScenario, runAxe, expectCleanPage, resxStrings, setUpE2E } from './harness';

const control = () => controlOf(page());
const en = resxStrings(1033);
const de = resxStrings(1031);
const fr = resxStrings(1036);
const PROFILE = PROFILE_IDS.commercial;

const SEGMENT_LABELS: Record<Segment, string> = {
    enabled: en('Segment_Enabled'),
    failed: en('Segment_Failed'),
    retrying: en('Segment_Retrying'),
    pendingApproval: en('Segment_PendingApproval'),
    neverTested: en('Segment_NeverTested'),
};

// A Test & Enable takes 20 emulated seconds: half a real second at 40x.
const { e2e, page, test } = setUpE2E({ testDelayMs: 20_000, mailboxCount: 60, timeScale: 40 });

/** The profile's segments, counted row by row from the emulator's store (the organisation requires approval). */
async function storeCounts(): Promise<SegmentCounts> {
    const counts: SegmentCounts = { enabled: 0, failed: 0, retrying: 0, pendingApproval: 0, neverTested: 0, total: 0 };
    for (const m of (await profileMailboxes(e2e().sandbox, PROFILE)).filter((row: Row) => row.statecode === 0)) {
        const columns = {
            status: m.mailboxstatus as number | null,
            scheduled: m.testemailconfigurationscheduled as boolean | null,
            approval: m.emailrouteraccessapproval as number | null,
        };
        counts[segmentOf(columns, true)] += 1;
        counts.total += 1;
    }
    return counts;
}

/** One card of the overview. */
const cardOf = (title: string): Locator =>
    control()
        .getByRole('region', { name: en('Overview_Label') })
        .getByRole('region', { name: title, exact: true });
const mailboxesCard = (): Locator => cardOf(en('Area_Mailboxes'));

/** The counts the mailboxes card shows, read off its links ("Failed 31"). */
async function cardCounts(): Promise<SegmentCounts> {
    const legend = mailboxesCard().getByRole('list', { name: en('Overview_SegmentsLabel') });
    await legend.waitFor();
    const counts = { total: 0 } as SegmentCounts;
    for (const segment of SEGMENTS) {
        const text =
            (await legend.getByRole('button', { name: new RegExp(`^${SEGMENT_LABELS[segment]} `) }).textContent()) ??
            '';
        counts[segment] = Number(text.slice(SEGMENT_LABELS[segment].length).replace(/\D/g, ''));
        counts.total += counts[segment];
    }
    const chip = `${fmt(counts.enabled)} of ${fmt(counts.total)} enabled`;
    await mailboxesCard().getByText(chip).waitFor();
    return counts;
}

/** Requests for the counts (FetchXML aggregates) the page sent since `from`. */
async function countRequestsSince(from: number): Promise<number> {
    const log = await e2e().sandbox.emulator.requestLog();
    return log.slice(from).filter((r) => r.method === 'GET' && r.path.includes('fetchXml=')).length;
}

describe('the overview cards', () => {
    test('count the mailboxes as the emulated Dataverse holds them, with one aggregate query', async () => {
        const before = (await e2e().sandbox.emulator.requestLog()).length;
        await applyScenario(page(), { profileId: PROFILE });
        const shown = await cardCounts();
        expect(shown).toEqual(await storeCounts());
        expect(shown.total).toBe(60);
        expect(SEGMENTS.filter((segment) => shown[segment] > 0).length).toBeGreaterThanOrEqual(3);
        expect(await countRequestsSince(before)).toBe(1);
        // The list is not read until it is opened.
        const log = (await e2e().sandbox.emulator.requestLog()).slice(before);
        const listReads = log.filter((r) => decodeURIComponent(r.path).endsWith(`${PROFILE} and statecode eq 0`));
        expect(listReads).toEqual([]);
    });

    test('open the list filtered to exactly the segment of each part of the bar', async () => {
        const counts = await cardCounts();
        for (const segment of SEGMENTS.filter((s) => counts[s] > 0)) {
            await mailboxesCard().locator(`[data-segment="${segment}"]`).click();
            const filter = control().getByRole('button', {
                name: `${SEGMENT_LABELS[segment]} (${fmt(counts[segment])})`,
            });
            await filter.waitFor();
            expect(await filter.getAttribute('aria-pressed')).toBe('true');
            expect(
                await control()
                    .getByRole('tab', { name: en('Area_Mailboxes') })
                    .getAttribute('aria-selected'),
            ).toBe('true');
            await control()
                .getByText(`${fmt(counts.total)} mailboxes · ${fmt(counts[segment])} shown · `)
                .waitFor();
            const grid = control().getByRole('grid', { name: en('Mailboxes_ListLabel') });
            expect(await grid.getAttribute('aria-rowcount')).toBe(String(counts[segment] + 1));
        }
    });

    test('count again after a connection test and show its result, when and by whom', async () => {
        await applyScenario(page(), { profileId: PROFILE });
        await cardCounts();
        const before = (await e2e().sandbox.emulator.requestLog()).length;
        await control()
            .getByRole('tab', { name: en('Area_Connection') })
            .click();
        const region = control().getByRole('region', { name: en('ConnectionTest_Title') });
        await region.getByRole('button', { name: en('ConnectionTest_Run') }).click();
        await region.getByText(en('ConnectionTest_Succeeded')).waitFor({ timeout: 60_000 });
        const card = cardOf(en('Area_Connection'));
        await card.getByText(en('Overview_TestPassed')).waitFor();
        const state = e2e().sandbox.state();
        const user = state.users.find((u) => u.systemuserid === state.userId);
        expect(await card.textContent()).toContain(`, by ${user?.fullname}`);
        await page().waitForFunction(() => true); // one round trip: the re-count starts with the card's update
        for (let tries = 0; (await countRequestsSince(before)) === 0 && tries < 50; tries++)
            await page().waitForTimeout(100);
        expect(await countRequestsSince(before)).toBeGreaterThanOrEqual(1);
        expect(await cardCounts()).toEqual(await storeCounts());
    });

    test('count again after a run, and the run changes the counts', async () => {
        await applyScenario(page(), { profileId: PROFILE });
        const before = await cardCounts();
        await mailboxesCard()
            .getByRole('button', { name: en('Overview_OpenMailboxes') })
            .click();
        await control()
            .getByText(`${fmt(before.total)} mailboxes · `)
            .waitFor({ timeout: 60_000 });
        await askForRun(page(), 'Approve & test', before.total);
        await confirmStart(page());
        await expectSettledRun(page(), PROFILE, before.total);
        // The summary repeats the run's bar: its parts add up to every mailbox of the run, as the text says.
        const bar = control().getByRole('progressbar', { name: en('Run_ProgressLabel') });
        expect(await bar.getAttribute('aria-valuenow')).toBe(String(before.total));
        expect(await bar.getAttribute('aria-valuetext')).toBe(`${fmt(before.total)} of ${fmt(before.total)} done`);
        const widths = await bar
            .locator('[data-part]')
            .evaluateAll((parts) => parts.map((p) => parseFloat((p as HTMLElement).style.width)));
        expect(widths.reduce((sum, width) => sum + width, 0)).toBeCloseTo(100, 2);
        const stored = await storeCounts();
        await mailboxesCard()
            .getByText(`${fmt(stored.enabled)} of ${fmt(stored.total)} enabled`)
            .waitFor();
        expect(await cardCounts()).toEqual(stored);
        expect(stored).not.toEqual(before);
    }, 180_000);
});

describe('the overview in every language, narrow and wide', () => {
    const LANGUAGES = [
        [1033, en],
        [1031, de],
        [1036, fr],
    ] as const;
    for (const [languageId, strings] of LANGUAGES) {
        test(`passes axe at 320 and 1280 px in ${languageId}, cards stacked when narrow and in one row when wide`, async () => {
            await applyScenario(page(), { profileId: PROFILE, languageId });
            const overview = control().getByRole('region', { name: strings('Overview_Label') });
            await overview.getByRole('list', { name: strings('Overview_SegmentsLabel') }).waitFor();
            const tops = async () =>
                new Set(
                    await overview
                        .locator('section')
                        .evaluateAll((cards) => cards.map((c) => Math.round(c.getBoundingClientRect().top))),
                );
            expect((await tops()).size).toBe(1);
            expect(await runAxe(page())).toEqual([]);
            await page().setViewportSize({ width: 320, height: 900 });
            try {
                await page().waitForFunction(() => window.innerWidth === 320);
                expect((await tops()).size).toBe(4);
                // Nothing of the overview sticks out sideways.
                const overflow = await overview.evaluate((el) => el.scrollWidth - el.clientWidth);
                expect(overflow).toBeLessThanOrEqual(0);
                expect(await runAxe(page())).toEqual([]);
            } finally {
                await page().setViewportSize({ width: 1280, height: 900 });
            }
        });
    }
});

describe('the mailboxes card legend', () => {
    for (const languageId of [1033, 1031, 1036]) {
        test(`keeps each colour on the first line of its label in ${languageId}`, async () => {
            await applyScenario(page(), { profileId: PROFILE, languageId });
            const strings = resxStrings(languageId);
            const legend = control().getByRole('list', { name: strings('Overview_SegmentsLabel') });
            await legend.waitFor();
            // "En attente d'approbation 12" wraps in a quarter of the form: the swatch must not stay behind on a line
            // of its own.
            const misplaced = await legend.locator('li').evaluateAll((items) =>
                items
                    .map((item) => {
                        const swatch = item.querySelector('[aria-hidden="true"]')!.getBoundingClientRect();
                        const firstLine = item.querySelector('button, a')!.getClientRects()[0];
                        const middle = (swatch.top + swatch.bottom) / 2;
                        return middle >= firstLine.top && middle <= firstLine.bottom ? '' : item.textContent;
                    })
                    .filter((text) => text !== ''),
            );
            expect(misplaced).toEqual([]);
        });
    }
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
