/**
 * A bulk run on a profile whose connection test failed, or was never run on its current settings (issue 13 item 2):
 * the run confirmation says so first and offers "Test connection"; the admin may still start. What it says comes
 * from the last test recorded on the profile, so it is the same after a reload.
 */
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { applyScenario, runAxe, expectCleanPage, resxStrings, waitReady, setUpE2E } from './harness';

const en = resxStrings(1033);
/** A sentence of the resx up to its first placeholder (the date and time vary). */
const lead = (key: string) => en(key).split('{0}')[0];

const control = () => page().locator('#control-root');
const tab = (name: string) => control().getByRole('tab', { name });
const testRegion = () => control().getByRole('region', { name: en('ConnectionTest_Title') });
// Fluent renders dialogs in a layer at the end of the page, outside the control's root.
const dialog = () => page().getByRole('alertdialog');

// Test & Enable takes 20 emulated seconds: 2 real seconds at 10x.
const { e2e, page, test } = setUpE2E({ testDelayMs: 20_000, mailboxCount: 10 });

async function runConnectionTest(done: string): Promise<void> {
    await tab(en('Area_Connection')).click();
    await testRegion()
        .getByRole('button', { name: /^(Test connection|Test again)$/ })
        .click();
    await testRegion().getByText(done).waitFor({ timeout: 60_000 });
}

/** Open Mailboxes, select every mailbox shown and ask for Approve & test; wait until the dialog has checked. */
async function askForRun(): Promise<void> {
    await tab(en('Area_Mailboxes')).click();
    await control()
        .getByRole('button', { name: /^Select all \d+ shown$/ })
        .click();
    await control().getByRole('menuitem', { name: 'Approve & test' }).click();
    await dialog().getByRole('button', { name: 'Start' }).waitFor();
    await page().waitForFunction(
        (checking) => !document.querySelector('[role="alertdialog"]')?.textContent?.includes(checking),
        en('Run_ConnectionChecking'),
    );
}

async function goBack(): Promise<void> {
    await dialog().getByRole('button', { name: 'Go back' }).click();
    await dialog().waitFor({ state: 'detached' });
}

async function refreshForm(): Promise<void> {
    const boots = Number(await page().evaluate(() => document.body.dataset.boots ?? 0));
    await page().getByRole('toolbar', { name: 'Form commands' }).getByRole('button', { name: 'Refresh' }).click();
    await waitReady(page(), boots + 1);
}

describe('the run confirmation after a failed connection test', () => {
    test('says so first, still after a reload, and "Test connection" leads to the test', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.badSecret });
        await runConnectionTest(en('ConnectionTest_Failed'));
        await askForRun();
        await dialog().getByText(lead('Run_ConnectionFailed'), { exact: false }).waitFor();
        expect(
            await dialog()
                .getByRole('button', { name: en('ConnectionTest_Run') })
                .count(),
        ).toBe(1);
        expect(await dialog().getByRole('button', { name: 'Start' }).isEnabled()).toBe(true);
        expect(await runAxe(page())).toEqual([]);
        await goBack();

        // A new page load knows it too: the result is kept with the profile, not in the page.
        await refreshForm();
        await askForRun();
        await dialog().getByText(lead('Run_ConnectionFailed'), { exact: false }).waitFor();
        await dialog()
            .getByRole('button', { name: en('ConnectionTest_Run') })
            .click();
        await dialog().waitFor({ state: 'detached' });
        await page().waitForFunction((name) => document.activeElement?.textContent === name, en('ConnectionTest_Run'), {
            timeout: 5_000,
        });
        expect(await tab(en('Area_Connection')).getAttribute('aria-selected')).toBe('true');
        expect(await page().evaluate(() => Boolean(document.activeElement?.closest('#control-root')))).toBe(true);
    }, 120_000);
});

describe('the run confirmation on a profile with credentials', () => {
    test('asks for a test before the first one, says nothing after a pass, and again after a new secret', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.commercial });
        await askForRun();
        await dialog().getByText(en('Run_ConnectionNone')).waitFor();
        await goBack();

        await runConnectionTest(en('ConnectionTest_Succeeded'));
        await askForRun();
        const text = (await dialog().textContent()) ?? '';
        expect(text).not.toContain(lead('Run_ConnectionChanged'));
        expect(text).not.toContain(en('Run_ConnectionNone'));
        expect(
            await dialog()
                .getByRole('button', { name: en('ConnectionTest_Run') })
                .count(),
        ).toBe(0);
        await goBack();

        // A new secret is a new profile version: the passed test no longer vouches for it.
        await tab(en('Area_Connection')).click();
        await control()
            .getByRole('button', { name: en('Secret_Replace') })
            .click();
        await control()
            .getByLabel(en('Secret_Label'))
            .fill(`Zq38Q~${'m'.repeat(34)}`);
        await control()
            .getByRole('button', { name: en('Secret_Save') })
            .click();
        await control().getByText(en('Secret_IsSet')).waitFor();
        await askForRun();
        await dialog().getByText(lead('Run_ConnectionChanged'), { exact: false }).waitFor();

        // The admin may go on, knowingly.
        await dialog().getByRole('button', { name: 'Start' }).click();
        await control().getByText('Run finished.').waitFor({ timeout: 90_000 });
    }, 150_000);
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
