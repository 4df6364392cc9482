/**
 * The host's side of the PCF contract, checked with a probe control instead of the real one: the real control does
 * not write outputs yet, and the host must still honour notifyOutputChanged → getOutputs → dirty form → Save →
 * updateView exactly as a model-driven form does. The emulator is the real one.
 */
import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { ROOT, expectCleanPage, itWithScreenshot, startE2E, type E2E } from './harness';

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
