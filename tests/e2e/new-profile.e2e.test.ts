/**
 * A new email server profile, as an admin creates one on the model-driven form: the form opens without a record id,
 * the first Save creates the record and gives the form its id, and the same control instance (updateView, no
 * reload) then reads and works on the saved profile. Checked on the page and in the emulator's store.
 */
import type { Page } from 'playwright-core';
import { expectCleanPage, resxStrings, waitReady, setUpE2E } from './harness';

const en = resxStrings(1033);
const NAME = 'Woodgrove cross-tenant (new)';
const TENANT = '9c2a6f4e-5b1d-4e7a-8f3c-2d1e0b9a8c7f';
const APP = '6e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b';

const control = (): ReturnType<Page['locator']> => page().locator('#control-root');
const formCommand = (name: string) =>
    page().getByRole('toolbar', { name: 'Form commands' }).getByRole('button', { name });
const formField = (label: string) => page().getByRole('region', { name: 'General' }).getByLabel(label);
const boots = async (): Promise<number> => Number(await page().evaluate(() => document.body.dataset.boots ?? 0));
/** The record id the form's context carries (undefined before the first save). */
const contextRecordId = (): Promise<string | undefined> =>
    page().evaluate(
        () =>
            (window as unknown as { sandboxHost: { context: { page: { entityId?: string } } } }).sandboxHost.context
                .page.entityId,
    );

const { e2e, page, test } = setUpE2E();

describe('a new profile', () => {
    test('opens without a record id and asks to save first', async () => {
        const before = await boots();
        await formCommand('New').click();
        await waitReady(page(), before + 1);
        await expect(page().locator('#record-name').textContent()).resolves.toBe('New Email Server Profile');
        await expect(contextRecordId()).resolves.toBeUndefined();
        await control().getByText(en('State_NewRecord')).waitFor();
        expect(await formCommand('Save').isDisabled()).toBe(true);
    });

    test('works on the saved record after the first Save, in the same control instance', async () => {
        const before = await boots();
        await formField('Name').fill(NAME);
        await formField('Tenant ID').fill(TENANT);
        await formField('Application ID').fill(APP);
        await formCommand('Save').click();
        await page().waitForFunction(() => Number(document.body.dataset.saved ?? 0) > 0);

        // The host created the record and handed its id to the context it already gave the control.
        const id = await contextRecordId();
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        const row = e2e().sandbox.emulator.store.get('emailserverprofiles', id as string);
        expect(row).toMatchObject({ name: NAME, exchangeonlinetenantid: TENANT, oauthclientid: APP, servertype: 0 });
        expect(await boots()).toBe(before);

        // The control reads the new record: its name, kind and cloud, not "could not be read" or "save first".
        await control().getByRole('heading', { name: NAME }).waitFor();
        expect(await control().getByTestId('profile-kind').textContent()).toBe('Exchange Online, OAuth (cross tenant)');
        expect(await control().getByTestId('profile-cloud').textContent()).toBe('Commercial / GCC');
        const text = await control().textContent();
        expect(text).not.toContain(en('State_NewRecord'));
        expect(text).not.toContain('could not be read');
        expect(
            await control()
                .getByRole('textbox', { name: en('Credentials_TenantIdLabel') })
                .inputValue(),
        ).toBe(TENANT);

        // …and works on it: the mailboxes of this profile are read (there are none yet).
        await control()
            .getByRole('tab', { name: en('Area_Mailboxes') })
            .click();
        await control().getByText(en('Mailboxes_NoneOnProfile')).waitFor();
        const reads = e2e()
            .sandbox.emulator.requestLog()
            .filter((entry) => entry.method === 'GET' && entry.path.includes(id as string));
        expect(reads.length).toBeGreaterThan(0);
    });
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
