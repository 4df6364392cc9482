/**
 * The production bundle on the model-driven form host, in chromium, against the emulated Dataverse.
 * Assertions look at both sides: what the page shows and what the emulator stored.
 */
import type { Page } from 'playwright-core';
import { PROFILE_IDS, USER_IDS } from '../sandbox/domain/ids';
import { applyScenario, expectCleanPage, runAxe, waitReady, setUpE2E } from './harness';

const { e2e, page, test } = setUpE2E();

/** Rows of an entity set as the emulator's inspection endpoint returns them. */
async function emulatorRows(entitySet: string): Promise<Record<string, unknown>[]> {
    const res = await fetch(new URL(`/_emulator/state/${entitySet}`, e2e().sandbox.url));
    expect(res.status).toBe(200);
    const body = (await res.json()) as unknown;
    if (Array.isArray(body)) return body as Record<string, unknown>[];
    const obj = body as { value?: unknown; rows?: unknown };
    return (obj.value ?? obj.rows ?? []) as Record<string, unknown>[];
}

async function profileRow(id: string): Promise<Record<string, unknown>> {
    const row = (await emulatorRows('emailserverprofiles')).find((r) => r.emailserverprofileid === id);
    if (!row) throw new Error(`profile ${id} not in the emulator`);
    return row;
}

const control = (): ReturnType<Page['locator']> => page().locator('#control-root');

async function saveForm(): Promise<void> {
    const saved = Number(await page().evaluate(() => document.body.dataset.saved ?? 0));
    await page().getByRole('toolbar', { name: 'Form commands' }).getByRole('button', { name: 'Save' }).click();
    await page().waitForFunction((n) => Number(document.body.dataset.saved ?? 0) > n, saved);
}

async function refreshForm(): Promise<void> {
    const boots = Number(await page().evaluate(() => document.body.dataset.boots ?? 0));
    await page().getByRole('toolbar', { name: 'Form commands' }).getByRole('button', { name: 'Refresh' }).click();
    await waitReady(page(), boots + 1);
}

describe('form host', () => {
    test('shows the default profile with its name, kind and cloud', async () => {
        const state = e2e().sandbox.state();
        const profile = state.profiles.find((p) => p.id === state.profileId);
        expect(state.profileId).toBe(PROFILE_IDS.commercial);
        await expect(page().locator('#record-name').textContent()).resolves.toBe(profile?.name);
        await control().getByTestId('profile-kind').waitFor();
        expect(await control().getByTestId('profile-kind').textContent()).toBe('Exchange Online, OAuth (cross tenant)');
        expect(await control().getByTestId('profile-cloud').textContent()).toBe('Commercial / GCC');
        expect(await control().textContent()).toContain(profile?.name);
    });

    test('shows the kind of the profile the sandbox switches to', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.hybridS2S });
        expect(await control().getByTestId('profile-kind').textContent()).toBe(
            'Exchange Online (Hybrid), server-to-server',
        );
        await applyScenario(page(), { profileId: PROFILE_IDS.imapUnsupported });
        expect(await control().getByTestId('profile-kind').textContent()).toBe('Not supported by this control');
        await applyScenario(page(), { profileId: PROFILE_IDS.commercial });
        expect(await control().getByTestId('profile-kind').textContent()).toBe('Exchange Online, OAuth (cross tenant)');
    });

    test('saves the tenant typed on the form to the record', async () => {
        const tenant = '3f2b8c4e-1d2a-4b6c-9e8f-0a1b2c3d4e5f';
        const field = page().getByRole('region', { name: 'General' }).getByLabel('Tenant ID');
        await field.fill(tenant);
        await expect(page().locator('#dirty-indicator').textContent()).resolves.toBe('Unsaved changes');
        await saveForm();
        await expect(page().locator('#dirty-indicator').textContent()).resolves.toBe('');
        expect((await profileRow(PROFILE_IDS.commercial)).exchangeonlinetenantid).toBe(tenant);
        expect(await field.inputValue()).toBe(tenant);
    });

    test('renders a hostile record name as literal text', async () => {
        const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
        await page().getByRole('region', { name: 'General' }).getByLabel('Name').fill(hostile);
        await saveForm();
        expect((await profileRow(PROFILE_IDS.commercial)).name).toBe(hostile);
        // Refresh the form so host and control read the stored name back through the Web API.
        await refreshForm();
        await control().getByTestId('profile-kind').waitFor();
        expect(await page().locator('#record-name').textContent()).toBe(hostile);
        expect(await control().textContent()).toContain(hostile);
        expect(await page().locator('img, main script, aside script').count()).toBe(0);
        expect(await page().evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    });

    test('makes form and control read-only for a user without write access to profiles', async () => {
        await applyScenario(page(), { userId: USER_IDS.basicUser });
        expect(await page().locator('#signed-in-user').textContent()).toBe('Bo Basic (no privilege)');
        expect(await control().textContent()).toContain('This form is read-only');
        expect(
            await page().getByRole('region', { name: 'General' }).getByLabel('Tenant ID').getAttribute('readonly'),
        ).not.toBeNull();
        await applyScenario(page(), { userId: USER_IDS.approver });
        expect(await control().textContent()).not.toContain('This form is read-only');
    });

    test('gives the control a working context: strings, user, privileges and webAPI', async () => {
        const id = PROFILE_IDS.commercial;
        const result = await page().evaluate(async (profileId) => {
            const ctx = (window as any).sandboxHost.context;
            const page1 = await ctx.webAPI.retrieveMultipleRecords('mailbox', '?$select=name', 5);
            await ctx.webAPI.updateRecord('emailserverprofile', `{${profileId.toUpperCase()}}`, {
                oauthclientid: 'from-webapi',
            });
            const missing = await ctx.webAPI
                .retrieveRecord('emailserverprofile', '00000000-0000-4000-8000-00000000dead')
                .then(
                    () => null,
                    (e: { errorCode: unknown; message: string }) => ({ errorCode: e.errorCode, message: e.message }),
                );
            return {
                kind: ctx.resources.getString('Kind_HybridS2S'),
                unknownKey: ctx.resources.getString('No_Such_Key'),
                userId: ctx.userSettings.userId,
                canWriteProfiles: ctx.utils.hasEntityPrivilege('emailserverprofile', 3, 0),
                entityId: ctx.mode.contextInfo.entityId,
                clientUrl: ctx.page.getClientUrl(),
                count: page1.entities.length,
                hasNextLink: typeof page1.nextLink === 'string',
                missing,
            };
        }, id);
        expect(result).toMatchObject({
            kind: 'Exchange Online (Hybrid), server-to-server',
            unknownKey: 'No_Such_Key',
            userId: `{${USER_IDS.approver.toUpperCase()}}`,
            canWriteProfiles: true,
            entityId: id,
            clientUrl: new URL(e2e().sandbox.url).origin,
            count: 5,
            hasNextLink: true,
        });
        expect(result.missing).toMatchObject({ errorCode: expect.any(Number) });
        expect((await profileRow(id)).oauthclientid).toBe('from-webapi');
    });

    test('has no axe violations on the whole page', async () => {
        expect(await runAxe(page())).toEqual([]);
    });

    test('lets the keyboard reach the control between the form fields and the sandbox panel', async () => {
        // An expired session makes the control show its load error with a "Try again" button.
        await applyScenario(page(), { fault: 'session-expired' });
        await control().getByRole('button').first().waitFor();
        expect(await page().locator('#form-notification').textContent()).toMatch(/^The record could not be loaded/);
        await page().getByRole('region', { name: 'General' }).getByLabel('Application ID').focus();
        const visited: string[] = [];
        for (let i = 0; i < 10; i++) {
            await page().keyboard.press('Tab');
            const where = await page().evaluate(() => {
                const el = document.activeElement as HTMLElement | null;
                if (el?.closest('#control-root')) return `control:${el.textContent ?? ''}`;
                if (el?.closest('aside')) return 'sandbox';
                return el?.id ?? '';
            });
            visited.push(where);
            if (where === 'sandbox') break;
        }
        expect(visited[0]).toMatch(/^control:/);
        expect(visited.some((v) => v === 'control:Try again')).toBe(true);
        expect(visited[visited.length - 1]).toBe('sandbox');
        expect(await runAxe(page())).toEqual([]);
        await applyScenario(page(), { fault: 'none' });
    });

    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
