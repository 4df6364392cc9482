/**
 * The PCF contract between the form host and a control, both ways. First with a probe control, so the host's side is
 * checked on its own: notifyOutputChanged → getOutputs → dirty form → Save → updateView, exactly as a model-driven
 * form does it. Then with the real control, which writes the tenant ID and application ID back through getOutputs
 * (valid, normalised values only): what it outputs must land in the form's fields and be saved. The emulator is the
 * real one in both.
 */
import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { ROOT, expectCleanPage, itWithScreenshot, resxStrings, startE2E, type E2E } from './harness';

/** A virtual control that echoes its bound parameters and writes the tenant through getOutputs(). */
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
            h('button', { type: 'button', onClick: () => { this.next = '9d9d9d9d-0000-4000-8000-000000000001'; this.notify(); } }, 'Write tenant'));
    }
    getOutputs() { return this.next ? { tenantId: this.next } : {}; }
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
        const tenant = '9D9D9D9D-0000-4000-8000-000000000002';
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

    testReal('writes no output for a value that is not valid, so the form keeps what it had', async () => {
        const saved = await formField('Tenant ID').inputValue();
        await controlField('Credentials_TenantIdLabel').fill('not a tenant');
        await controlField('Credentials_TenantIdLabel').blur();
        await realPage()
            .locator('#control-root')
            .getByText(`${en('Validation_TenantNotGuid')} ${en('Fix_CopyTenantId')}`)
            .waitFor();
        expect(await formField('Tenant ID').inputValue()).toBe(saved);
        expect(await realPage().locator('#dirty-indicator').textContent()).toBe('');
    });

    testReal('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(real),
    );
});
