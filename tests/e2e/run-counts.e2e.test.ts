/**
 * One source of truth for counts at every run end (issue 14 item 6): after a cancelled run and after a run whose
 * approvals Dataverse refused, the approval notice, the list's quick filters, the overview's Mailboxes card and the
 * run summary give the same numbers — refused approvals count under Failed everywhere, and "waiting for approval"
 * is the Pending approval segment.
 */
import type { Locator } from 'playwright-core';
import { SEGMENTS, type SegmentCounts } from '../../src/core/mailbox-segments';
import { PROFILE_IDS, USER_IDS } from '../sandbox/domain/ids';
import { applyScenario, expectCleanPage, resxStrings, setUpE2E } from './harness';
import { confirmStart, controlOf, expectSettledRun, fmt, askForRun, openMailboxes } from './bulk-run-kit';

const control = () => controlOf(page());
const en = resxStrings(1033);
const PROFILE = PROFILE_IDS.commercial;
const N = 60;

const FILTER_KEYS = {
    enabled: 'Mailboxes_Filter_Enabled',
    failed: 'Mailboxes_Filter_Failed',
    retrying: 'Mailboxes_Filter_Retrying',
    pendingApproval: 'Mailboxes_Filter_PendingApproval',
    neverTested: 'Mailboxes_Filter_NeverTested',
} as const;
const SEGMENT_KEYS = {
    enabled: 'Segment_Enabled',
    failed: 'Segment_Failed',
    retrying: 'Segment_Retrying',
    pendingApproval: 'Segment_PendingApproval',
    neverTested: 'Segment_NeverTested',
} as const;

// A Test & Enable takes 20 emulated seconds: 2 real seconds at 10x, long enough to cancel a run in the middle.
const { e2e, page, test } = setUpE2E({ testDelayMs: 20_000, mailboxCount: N, timeScale: 10 });

const numberIn = (text: string | null): number => Number((text ?? '').replace(/\D/g, ''));

/** The quick filters' counts, read off their labels ("Failed (3)"). */
async function filterCounts(): Promise<SegmentCounts> {
    const group = control().getByRole('group', { name: en('Mailboxes_FilterLabel') });
    const counts = { total: 0 } as SegmentCounts;
    for (const segment of SEGMENTS) {
        const label = en(FILTER_KEYS[segment]).replace(' ({0})', '');
        const button = group.getByRole('button', { name: new RegExp(`^${label} \\(`) });
        counts[segment] = numberIn(await button.textContent());
        counts.total += counts[segment];
    }
    return counts;
}

const mailboxesCard = (): Locator =>
    control()
        .getByRole('region', { name: en('Overview_Label') })
        .getByRole('region', { name: en('Area_Mailboxes'), exact: true });

/** The overview card's counts, read off its legend ("Failed 3"). */
async function cardCounts(): Promise<SegmentCounts> {
    const legend = mailboxesCard().getByRole('list', { name: en('Overview_SegmentsLabel') });
    const counts = { total: 0 } as SegmentCounts;
    for (const segment of SEGMENTS) {
        const label = en(SEGMENT_KEYS[segment]);
        counts[segment] = numberIn(
            (await legend.getByRole('button', { name: new RegExp(`^${label} `) }).textContent())?.slice(label.length) ??
                '',
        );
        counts.total += counts[segment];
    }
    return counts;
}

/** "N mailboxes are waiting for approval." (absent: 0). */
async function noticeCount(): Promise<number> {
    const notice = control().getByText(/^[\d,]+ mailbox(es)? (is|are) waiting for approval\.$/);
    return (await notice.count()) === 0 ? 0 : numberIn(await notice.textContent());
}

/** Wait until the list has loaded again after the run and the card shows its counts; return what all three say. */
async function settledCounts(previous: SegmentCounts) {
    let list = previous;
    let card = previous;
    for (let tries = 0; tries < 200; tries++) {
        list = await filterCounts();
        card = await cardCounts();
        const loading = await control()
            .getByText(/^Loading/)
            .count();
        if (loading === 0 && list.total === N && JSON.stringify(list) === JSON.stringify(card)) break;
        await page().waitForTimeout(100);
    }
    return { list, card, notice: await noticeCount() };
}

/** Sign in as `userId` with the panel, open the list, and return its filter counts before any run. */
async function openList(userId: string): Promise<SegmentCounts> {
    await applyScenario(page(), { profileId: PROFILE, userId, fault: 'none' });
    await openMailboxes(page(), N);
    return filterCounts();
}

describe('counts after a run ends', () => {
    test('agree after a run whose approvals Dataverse refused: the refused one counts as failed', async () => {
        const before = await openList(USER_IDS.sysAdminNotApprover);
        await askForRun(page(), 'Approve & test', N);
        await confirmStart(page());
        const summary = await expectSettledRun(page(), PROFILE, N);
        expect(summary.failed).toBe(1);
        const failedFilter = en('Mailboxes_Filter_Failed').replace('{0}', fmt(before.failed + 1));
        await control().getByRole('button', { name: failedFilter }).waitFor({ timeout: 30_000 });
        const { list, card, notice } = await settledCounts(before);
        // The refused mailbox left Pending approval for Failed — in the filters, on the card and in the notice.
        expect(list).toEqual({ ...before, failed: before.failed + 1, pendingApproval: before.pendingApproval - 1 });
        expect(card).toEqual(list);
        expect(notice).toBe(list.pendingApproval);
        // "You can approve" turned into the refusal.
        await control().getByText('You cannot approve mailboxes because:').waitFor();
        // Retry failed (nothing selected) offers exactly the rows the Failed filter shows.
        await control().getByRole('menuitem', { name: 'Retry failed' }).click();
        const dialog = page().getByRole('alertdialog');
        await dialog.getByRole('button', { name: 'Go back' }).waitFor();
        const question = (await dialog.textContent()) ?? '';
        const tested = numberIn(/Test ([\d,]+) mailbox/.exec(question)?.[1] ?? '0');
        const skipped = numberIn(/([\d,]+) selected mailbox(es)? will be skipped/.exec(question)?.[1] ?? '0');
        expect(tested + skipped).toBe(list.failed);
        await dialog.getByRole('button', { name: 'Go back' }).click();
    }, 180_000);

    test('agree after a cancelled run', async () => {
        const before = await openList(USER_IDS.approver);
        await askForRun(page(), 'Approve & test', N);
        await confirmStart(page());
        // Cancel once the first answers are in, while tests are still waiting on the server.
        await control()
            .getByText(/ waiting on the server/)
            .waitFor({ timeout: 30_000 });
        await control()
            .getByRole('button', { name: en('Run_Cancel') })
            .click();
        const summary = await expectSettledRun(page(), PROFILE, N);
        expect(summary.skipped).toBeGreaterThan(0);
        // The summary says why they were skipped: the tests already queued are left to Dynamics.
        const skippedLine = new RegExp(`skipped \\(.*${en('Skip_CancelledNotWatched')}`);
        await expect(control().getByText(skippedLine).count()).resolves.toBe(1);
        const { list, card, notice } = await settledCounts(before);
        expect(card).toEqual(list);
        expect(notice).toBe(list.pendingApproval);
        expect(list.total).toBe(N);
        // Every failure of the run is in the Failed filter (which also holds failures from before the run).
        expect(list.failed).toBeGreaterThanOrEqual(summary.failed);
    }, 180_000);
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
