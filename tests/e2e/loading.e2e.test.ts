/**
 * Loading that tells the truth (issue 16 item 4) in chromium against the sandbox with 20,000 mailboxes: while the
 * pages of the list arrive, it says "Loading n of total" with the total Dataverse counted, a determinate bar that
 * moves, and quick-filter counts that grow with the rows; once every row is in, it says it loads the latest alerts
 * (not "Loading total of total"); at the end it holds every mailbox the emulator has.
 */
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { fmt, profileMailboxes } from './bulk-run-kit';
import { expectCleanPage, resxStrings, setUpE2E } from './harness';

const PROFILE = PROFILE_IDS.commercial;
const en = resxStrings(1033);
const control = () => page().locator('#control-root');

// Four pages of 5,000 rows, each answered 1.5 s late (the sandbox's `slow` scenario), so each page shows.
const { e2e, page, test } = setUpE2E(
    { mailboxCount: 20_000, profileId: PROFILE, fault: 'slow' },
    { timeoutMs: 180_000 },
);

/** What the list says while it loads, read once: the label, the bar's value (null: indeterminate), the "All" count. */
type Sample = { label: string; value: number | null; all: number };

async function sample(): Promise<Sample | null> {
    return control().evaluate((root) => {
        const bar = root.querySelector('[role=progressbar]');
        const labelId = bar?.getAttribute('aria-labelledby');
        const label = labelId ? (document.getElementById(labelId)?.textContent ?? '') : '';
        const all = [...root.querySelectorAll('button')].find((b) => /^All \(/.test(b.textContent ?? ''));
        if (!bar || !/^Loading /.test(label)) return null;
        return {
            label,
            value: bar.hasAttribute('aria-valuenow') ? Number(bar.getAttribute('aria-valuenow')) : null,
            all: Number((all?.textContent ?? '').replace(/\D/g, '')),
        };
    });
}

describe('the mailbox list while its pages arrive', () => {
    test('counts up to the total Dataverse holds, with a moving bar and growing filter counts', async () => {
        const active = (await profileMailboxes(e2e().sandbox, PROFILE)).filter((m) => m.statecode === 0);
        expect(active.length).toBeGreaterThan(15_000);
        const total = fmt(active.length);
        // The overview counts first; the list is opened from its tab.
        await control()
            .getByText(new RegExp(` of ${total} enabled`))
            .waitFor({ timeout: 60_000 });
        await control()
            .getByRole('tab', { name: en('Area_Mailboxes') })
            .click();
        const samples: Sample[] = [];
        // Sample until the loading line has shown and gone again (alerts are read after the last page of rows).
        for (let tries = 0; tries < 900; tries++) {
            const now = await sample();
            if (now === null && samples.length > 0) break;
            if (now && now.label !== samples.at(-1)?.label) samples.push(now);
            await page().waitForTimeout(100);
        }
        await control()
            .getByText(new RegExp(`^${total} mailboxes · `))
            .waitFor({ timeout: 1_000 });
        // Once every row is in, the line says what it still waits for: the alerts, with no made-up share.
        const last = samples.at(-1);
        expect(last).toEqual({ label: en('Mailboxes_LoadingAlerts'), value: null, all: active.length });
        const pages = samples.slice(0, -1);
        // Every label before names the real total, and the numbers only grow.
        const loaded = pages.map((s) => {
            const [, shown, of] = /^Loading ([\d,]+) of ([\d,]+)$/.exec(s.label) ?? [];
            expect(of).toBe(total);
            return Number(shown.replace(/,/g, ''));
        });
        expect(new Set(loaded.filter((n) => n > 0 && n < active.length)).size).toBeGreaterThanOrEqual(3);
        expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
        // The bar says the same share, and "All" counts the rows arrived so far.
        for (const [i, s] of pages.entries()) {
            expect(s.value).toBe(Math.round((loaded[i] / active.length) * 100));
            expect(s.all).toBe(loaded[i]);
        }
        expect(
            await control()
                .getByRole('button', { name: `All (${total})` })
                .count(),
        ).toBe(1);
    }, 180_000);
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
