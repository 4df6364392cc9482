/**
 * Language done properly (issue 16 item 5) in chromium against the sandbox: the date picker follows the Dynamics
 * user's German settings (month before year, the user's month names in calendar order, Monday first, dd.MM.yyyy),
 * and French counts 0 and 1 in the singular and 2 in the plural, in the sentences the admin reads.
 */
import type { Locator } from 'playwright-core';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { CULTURES } from '../sandbox/host/cultures.js';
import { applyScenario, runAxe, expectCleanPage, resxStrings, setUpE2E } from './harness';

const control = () => page().locator('#control-root');
const de = resxStrings(1031);
const fr = resxStrings(1036);

const { e2e, page, test } = setUpE2E();

/** Open the Connection area in `languageId` and the secret expiry's calendar; returns the calendar. */
async function openCalendar(text: (key: string) => string): Promise<Locator> {
    await control()
        .getByRole('tab', { name: text('Area_Connection') })
        .click();
    await control().getByLabel(text('Secret_ExpiryLabel')).click();
    const calendar = page().getByRole('dialog', { name: text('DatePicker_Calendar') });
    await calendar.waitFor();
    return calendar;
}

/** A day as "dd.MM.yyyy" or "dd/MM/yyyy", written out here rather than by the control's formatter. */
const twoDigits = (n: number) => String(n).padStart(2, '0');
const numericDay = (day: Date, separator: string) =>
    [twoDigits(day.getDate()), twoDigits(day.getMonth() + 1), day.getFullYear()].join(separator);

/** A day's cell in the calendar (the cell takes the click); Fluent 8 names its button "15, Dezember, 2026". */
const dayCell = (calendar: Locator, day: Date, months: readonly string[]) =>
    calendar.getByRole('gridcell').filter({
        has: page().getByRole('button', {
            name: `${day.getDate()}, ${months[day.getMonth()]}, ${day.getFullYear()}`,
            exact: true,
        }),
    });

describe('the date picker in German', () => {
    test("writes the month before the year, lists the months in order with the user's names and starts on Monday", async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.commercial, languageId: 1031 });
        const calendar = await openCalendar(de);
        const today = new Date();
        const months = CULTURES[1031].dateFormattingInfo.monthNames;
        await calendar
            .getByText(`${months[today.getMonth()]} ${today.getFullYear()}`, { exact: true })
            .first()
            .waitFor();
        const weekdays = await calendar.locator('th').allTextContents();
        expect(weekdays).toEqual(['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']);
        // The user's abbreviations ("Mrz", where the browser's Intl says "März"), January to December.
        const monthButtons = await calendar
            .getByRole('gridcell')
            .filter({ hasText: /^[A-Z][a-z]{2}$/ })
            .allTextContents();
        expect(monthButtons).toEqual([
            'Jan',
            'Feb',
            'Mrz',
            'Apr',
            'Mai',
            'Jun',
            'Jul',
            'Aug',
            'Sep',
            'Okt',
            'Nov',
            'Dez',
        ]);
        expect(await runAxe(page())).toEqual([]);
        const pick = new Date(today.getFullYear(), today.getMonth(), 15);
        await dayCell(calendar, pick, months).click();
        await calendar.waitFor({ state: 'detached' });
        const field = control().getByRole('combobox', { name: de('Secret_ExpiryLabel') });
        // Read-only, Fluent's DatePicker shows the day as the text of a combobox div.
        expect(await field.textContent()).toBe(numericDay(pick, '.'));
    });
});

describe('counted sentences in French', () => {
    test('use the singular for 0 and 1 and the plural for 2', async () => {
        // 0: a profile without mailboxes ("0 boîte aux lettres"), against 10 on the same line.
        for (const count of [0, 10]) {
            await applyScenario(page(), { profileId: PROFILE_IDS.commercial, languageId: 1036, mailboxCount: count });
            await control()
                .getByRole('tab', { name: fr('Area_Mailboxes') })
                .click();
            const form = count === 0 ? '_One' : '';
            const summary = fr(`Mailboxes_Summary${form}`).replace('{0}', String(count)).replace('{1}', String(count));
            await control().getByText(summary.replace('{2}', '0'), { exact: true }).waitFor({ timeout: 60_000 });
        }
        // 1 and 2: days until the secret expires, on the credentials card and in the reminder.
        const { monthNames } = CULTURES[1036].dateFormattingInfo;
        const card = control()
            .getByRole('region', { name: fr('Overview_Label') })
            .getByRole('region', { name: fr('Overview_CredentialsTitle'), exact: true });
        const now = new Date();
        for (const days of [1, 2]) {
            const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
            const calendar = await openCalendar(fr);
            if (day.getMonth() !== now.getMonth())
                await calendar.getByRole('button', { name: fr('DatePicker_NextMonth') }).click();
            await dayCell(calendar, day, monthNames).click();
            const form = days === 1 ? '_One' : '';
            const dayText = numericDay(day, '/');
            const cardText = fr(`Overview_SecretExpiresIn${form}`).replace('{0}', String(days)).replace('{1}', dayText);
            await card.getByText(cardText, { exact: true }).waitFor();
            const reminder = fr(`Secret_ExpiryReminder${form}`).replace('{0}', dayText).replace('{1}', String(days));
            await control().getByText(reminder, { exact: true }).waitFor();
        }
        // The forms differ where French grammar says: "0 boîte", "1 jour", "2 jours".
        expect(fr('Mailboxes_Summary_One')).toMatch(/^\{0\} boîte aux lettres /);
        expect(fr('Overview_SecretExpiresIn_One')).toContain('{0} jour ');
        expect(fr('Overview_SecretExpiresIn')).toContain('{0} jours ');
    });
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
