/**
 * What the form saves is what the control shows as resolved (issue 13, items 1 and 6). The admin edits Tenant ID in
 * the control, the control hands the form its outputs, the form's Save writes them: checked in the form's own field
 * before Save and in the emulator's store after it. An edited value that resolves to nothing (not a tenant, unknown to
 * Entra, a domain that was not looked up) clears the column; it never leaves an earlier value in place.
 */
import { format } from '../../src/ui/strings';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { TENANT_IDS } from '../sandbox/domain/tenants';
import { applyScenario, expectCleanPage, resxStrings, setUpE2E } from './harness';

const en = resxStrings(1033);
/** A well-formed GUID that no seeded tenant has: discovery answers "not found" (AADSTS90002) on every host. */
const UNKNOWN_TENANT = '0badf00d-1111-4222-8333-444455556666';

const control = () => page().locator('#control-root');
const tenantField = () => control().getByRole('textbox', { name: en('Credentials_TenantIdLabel') });
/** The form's own Tenant ID field: what the form holds, and so what Save writes. */
const formTenant = () => page().getByRole('region', { name: 'General' }).getByLabel('Tenant ID');

const { e2e, page, test } = setUpE2E();

const stored = (profileId: string): unknown =>
    e2e().sandbox.emulator.store.get('emailserverprofiles', profileId)?.exchangeonlinetenantid;

/** Wait until the form's Tenant ID field holds `value` (the control's outputs arrive asynchronously). */
async function formHolds(value: string): Promise<void> {
    await page()
        .waitForFunction((v) => (document.getElementById('field-tenant') as HTMLInputElement).value === v, value, {
            timeout: 10_000,
        })
        .catch(() => undefined);
    expect(await formTenant().inputValue()).toBe(value);
}

async function save(): Promise<void> {
    const saves = Number(await page().evaluate(() => document.body.dataset.saved ?? 0));
    expect(await page().locator('#dirty-indicator').textContent()).toBe('Unsaved changes');
    await page().getByRole('button', { name: 'Save', exact: true }).click();
    await page().waitForFunction((n) => Number(document.body.dataset.saved ?? 0) > n, saves);
}

const resolvedText = (guid: string) => format(en('Discovery_Resolved'), guid, en('Cloud_Commercial'));
const notFoundText = `${en('Error_TenantNotFound')} ${en('Fix_TenantNotFound')}`;

describe('Save writes what the control shows as resolved', () => {
    test('an unknown GUID replaced by a domain that resolves: Save stores the domain’s GUID', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.noSecret });
        expect(stored(PROFILE_IDS.noSecret)).toBe(TENANT_IDS.litware);
        await tenantField().fill(UNKNOWN_TENANT);
        await control().getByText(notFoundText).waitFor();
        // Entra does not know it: the form does not hold it either.
        await formHolds('');
        await tenantField().fill('contoso.com');
        await control().getByText(resolvedText(TENANT_IDS.contoso)).waitFor();
        await formHolds(TENANT_IDS.contoso);
        await save();
        expect(stored(PROFILE_IDS.noSecret)).toBe(TENANT_IDS.contoso);
    });

    test('a valid GUID replaced by text that is no tenant: Save clears Tenant ID', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.gcc });
        await tenantField().fill(TENANT_IDS.contoso);
        await control()
            .getByText(format(en('Discovery_Verified'), en('Cloud_Commercial')))
            .waitFor();
        await formHolds(TENANT_IDS.contoso);
        await tenantField().fill('contoso tenant please');
        await tenantField().blur();
        await control()
            .getByText(`${en('Validation_TenantNotGuid')} ${en('Fix_CopyTenantId')}`)
            .waitFor();
        await formHolds('');
        await control()
            .getByText(format(en('Credentials_NotSaved'), en('Credentials_TenantIdLabel')))
            .waitFor();
        await save();
        expect(stored(PROFILE_IDS.gcc)).toBeNull();
    });

    test('a resolved domain edited to one Entra does not know: Save clears Tenant ID', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.appNotFound });
        await tenantField().fill('litware.eu');
        await control().getByText(resolvedText(TENANT_IDS.litware)).waitFor();
        await formHolds(TENANT_IDS.litware);
        await tenantField().fill('litware.example');
        await control().getByText(notFoundText).waitFor();
        await formHolds('');
        await save();
        expect(stored(PROFILE_IDS.appNotFound)).toBeNull();
    });

    test('an emptied field: Save clears Tenant ID', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.noConsent });
        expect(stored(PROFILE_IDS.noConsent)).toBe(TENANT_IDS.contoso);
        await tenantField().fill('');
        await tenantField().blur();
        await formHolds('');
        await save();
        expect(stored(PROFILE_IDS.noConsent)).toBeNull();
    });

    test('opening a profile whose stored tenant Entra does not know changes nothing until the admin edits it', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.unknownTenant });
        const typo = String(stored(PROFILE_IDS.unknownTenant));
        await control().getByText(notFoundText).waitFor();
        await formHolds(typo);
        expect(await page().locator('#dirty-indicator').textContent()).toBe('');
    });
});

describe('when the browser blocks the Microsoft sign-in hosts (a content security policy, a filter)', () => {
    // The browser refuses the discovery requests before they leave, as a CSP connect-src without the sign-in hosts
    // does: fetch rejects with a TypeError, which is not an answer from Entra.
    beforeEach(() => page().route('**/_discovery/**', (route) => route.abort('blockedbyclient')));
    afterEach(() => page().unroute('**/_discovery/**'));

    test('a domain cannot be looked up: the control says so, asks for the GUID, and Save leaves Tenant ID empty', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.gcc });
        await tenantField().fill('contoso.com');
        await tenantField().blur();
        await control().getByText(en('Discovery_UnverifiableDomain')).waitFor();
        await formHolds('');
    });

    test('the admin can still enter the tenant GUID, and Save stores it', async () => {
        await tenantField().fill(TENANT_IDS.contoso.toUpperCase());
        await tenantField().blur();
        await control().getByText(en('Discovery_Unverifiable')).waitFor();
        await formHolds(TENANT_IDS.contoso);
        await save();
        expect(stored(PROFILE_IDS.gcc)).toBe(TENANT_IDS.contoso);
    });
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
