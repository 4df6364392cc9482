/**
 * The PCF contract between the form host and a control, both ways. First with a probe control, so the host's side is
 * checked on its own: notifyOutputChanged → getOutputs → dirty form → Save → updateView, exactly as a model-driven
 * form does it, including a property left out (untouched) and one returned as undefined (cleared). Then with the real
 * control, which writes the tenant ID and application ID back through getOutputs (the normalised value it shows as
 * resolved, or cleared): what it outputs must land in the form's fields and be saved. The emulator is the
 * real one in both.
 */
import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { TENANT_IDS } from '../sandbox/domain/tenants';
import { ROOT, expectCleanPage, itWithScreenshot, resxStrings, startE2E, type E2E } from './harness';

/**
 * A virtual control that echoes its bound parameters and returns through getOutputs() what its buttons set: the
 * tenant, the tenant present with the value undefined (clear it), or only the application ID (tenant left out).
 */
const PROBE_BUNDLE = `
class Probe {
    init(context, notifyOutputChanged) { this.notify = notifyOutputChanged; this.views = 0; }
    updateView(context) {
        this.views += 1;
        const h = window.Reactv16.createElement;
        const p = context.parameters;
        return h('div', null,
            h('p', { 'data-testid': 'probe-tenant' }, String(p.tenantId.raw)),
            h('p', { 'data-testid': 'probe-updated' }, context.updatedProperties.join(',')),
            h('p', { 'data-testid': 'probe-views' }, String(this.views)),
            h('button', { type: 'button', onClick: () => { this.next = { tenantId: '9d9d9d9d-0000-4000-8000-000000000001' }; this.notify(); } }, 'Write tenant'),
            h('button', { type: 'button', onClick: () => { this.next = { applicationId: '8e8e8e8e-0000-4000-8000-000000000004' }; this.notify(); } }, 'Write application ID only'),
            h('button', { type: 'button', onClick: () => { this.next = { tenantId: undefined }; this.notify(); } }, 'Clear tenant'));
    }
    getOutputs() { return this.next ?? {}; }
    destroy() {}
}
ComponentFramework.registerControl('EmailServerProfile.ProfileAssistant', Probe);
`;

let e2e: E2E | undefined;
let outDir: string;
const page = (): Page => (e2e as E2E).page;
const test = itWithScreenshot(() => e2e?.page);
const probe = (id: string): Promise<string | null> => page().getByTestId(id).textContent();

beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'esp-probe-control-'));
    copyFileSync(join(ROOT, 'ControlManifest.Input.xml'), join(outDir, 'ControlManifest.xml'));
    cpSync(join(ROOT, 'strings'), join(outDir, 'strings'), { recursive: true });
    writeFileSync(join(outDir, 'bundle.js'), PROBE_BUNDLE);
    e2e = await startE2E({ outDir });
}, 120_000);

afterAll(async () => {
    await e2e?.close();
    rmSync(outDir, { recursive: true, force: true });
});

describe('form host PCF contract', () => {
    test('feeds a typed field value to updateView as the bound parameter', async () => {
        await page().getByRole('region', { name: 'General' }).getByLabel('Tenant ID').fill('typed-value');
        expect(await probe('probe-tenant')).toBe('typed-value');
        expect(await probe('probe-updated')).toBe('tenantId');
    });

    test('takes getOutputs() after notifyOutputChanged into the form, marks it dirty and saves it', async () => {
        await page().getByRole('button', { name: 'Write tenant' }).click();
        const field = page().getByRole('region', { name: 'General' }).getByLabel('Tenant ID');
        await page().waitForFunction(() =>
            (document.getElementById('field-tenant') as HTMLInputElement).value.startsWith('9d9d'),
        );
        expect(await field.inputValue()).toBe('9d9d9d9d-0000-4000-8000-000000000001');
        expect(await probe('probe-tenant')).toBe('9d9d9d9d-0000-4000-8000-000000000001');
        expect(await page().locator('#dirty-indicator').textContent()).toBe('Unsaved changes');
        const views = Number(await probe('probe-views'));
        await page().getByRole('button', { name: 'Save' }).click();
        await page().waitForFunction(() => document.body.dataset.saved === '1');
        expect(await page().locator('#dirty-indicator').textContent()).toBe('');
        expect(Number(await probe('probe-views'))).toBeGreaterThan(views);
        expect(await probe('probe-updated')).toBe('tenantId,applicationId');
        const res = await fetch(new URL('/_emulator/state/emailserverprofiles', (e2e as E2E).sandbox.url));
        const rows = ((await res.json()) as { value: Record<string, unknown>[] }).value;
        const row = rows.find((r) => r.emailserverprofileid === PROFILE_IDS.commercial);
        expect(row?.exchangeonlinetenantid).toBe('9d9d9d9d-0000-4000-8000-000000000001');
    });
});

describe('outputs left out or undefined', () => {
    const general = () => page().getByRole('region', { name: 'General' });
    const row = () => (e2e as E2E).sandbox.emulator.store.get('emailserverprofiles', PROFILE_IDS.commercial);

    test('leaves a bound column the outputs leave out as it is', async () => {
        await page().getByRole('button', { name: 'Write application ID only' }).click();
        await page().waitForFunction(() =>
            (document.getElementById('field-appid') as HTMLInputElement).value.startsWith('8e8e'),
        );
        expect(await general().getByLabel('Tenant ID').inputValue()).toBe('9d9d9d9d-0000-4000-8000-000000000001');
    });

    test('clears a bound column returned as undefined, and Save writes null', async () => {
        await page().getByRole('button', { name: 'Clear tenant' }).click();
        await page().waitForFunction(() => (document.getElementById('field-tenant') as HTMLInputElement).value === '');
        expect(await probe('probe-tenant')).toBe('null');
        expect(await page().locator('#dirty-indicator').textContent()).toBe('Unsaved changes');
        const saves = Number(await page().evaluate(() => document.body.dataset.saved ?? 0));
        await page().getByRole('button', { name: 'Save' }).click();
        await page().waitForFunction((n) => Number(document.body.dataset.saved ?? 0) > n, saves);
        expect(row()).toMatchObject({
            exchangeonlinetenantid: null,
            oauthclientid: '8e8e8e8e-0000-4000-8000-000000000004',
        });
    });
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e));
});

describe('the real control’s outputs', () => {
    const en = resxStrings(1033);
    let real: E2E | undefined;
    const realPage = (): Page => (real as E2E).page;
    const testReal = itWithScreenshot(() => real?.page);
    const formField = (label: string) => realPage().getByRole('region', { name: 'General' }).getByLabel(label);
    const controlField = (key: string) =>
        realPage()
            .locator('#control-root')
            .getByRole('textbox', { name: en(key) });

    beforeAll(async () => {
        real = await startE2E({ profileId: PROFILE_IDS.commercial });
    }, 120_000);
    afterAll(async () => {
        await real?.close();
    });

    testReal('hands valid IDs to the form normalised through getOutputs, and the form saves them', async () => {
        // A tenant Entra knows (an unknown one clears the column), typed in capitals.
        const tenant = TENANT_IDS.litware.toUpperCase();
        const app = '{7E7E7E7E-0000-4000-8000-000000000003}';
        await controlField('Credentials_TenantIdLabel').fill(tenant);
        await controlField('Credentials_AppIdLabel').fill(app);
        await controlField('Credentials_AppIdLabel').blur();
        await realPage().waitForFunction(() =>
            (document.getElementById('field-appid') as HTMLInputElement).value.startsWith('7e7e'),
        );
        expect(await formField('Tenant ID').inputValue()).toBe(tenant.toLowerCase());
        expect(await formField('Application ID').inputValue()).toBe('7e7e7e7e-0000-4000-8000-000000000003');
        expect(await realPage().locator('#dirty-indicator').textContent()).toBe('Unsaved changes');
        await realPage().getByRole('button', { name: 'Save', exact: true }).click();
        await realPage().waitForFunction(() => document.querySelector('#dirty-indicator')?.textContent === '');
        const row = (real as E2E).sandbox.emulator.store.get('emailserverprofiles', PROFILE_IDS.commercial);
        expect(row).toMatchObject({
            exchangeonlinetenantid: tenant.toLowerCase(),
            oauthclientid: '7e7e7e7e-0000-4000-8000-000000000003',
        });
    });

    testReal('clears the form’s column for a value that is not valid, and says so under the field', async () => {
        await controlField('Credentials_TenantIdLabel').fill('not a tenant');
        await controlField('Credentials_TenantIdLabel').blur();
        const control = realPage().locator('#control-root');
        await control.getByText(`${en('Validation_TenantNotGuid')} ${en('Fix_CopyTenantId')}`).waitFor();
        await control.getByText(en('Credentials_NotSaved').replace('{0}', en('Credentials_TenantIdLabel'))).waitFor();
        await realPage().waitForFunction(
            () => (document.getElementById('field-tenant') as HTMLInputElement).value === '',
        );
        expect(await realPage().locator('#dirty-indicator').textContent()).toBe('Unsaved changes');
    });

    testReal('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(real),
    );
});
