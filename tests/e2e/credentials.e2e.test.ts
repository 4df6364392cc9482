/**
 * The Connection tab in chromium against the sandbox (issue 5): what each profile kind asks for, validation and
 * tenant discovery, the connection test on every seeded failing profile (decoded cause, fix, raw text one click away,
 * highlighted checklist item), cancel and re-run, keyboard-only use, axe in each state, and German strings.
 * Expected texts come from the resx files, so the page is checked against what the admin is meant to read.
 */
import type { Page } from 'playwright-core';
import { format } from '../../src/ui/strings';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { TENANT_IDS } from '../sandbox/domain/tenants';
import { applyScenario, runAxe, expectCleanPage, resxStrings, setUpE2E } from './harness';

const control = () => page().locator('#control-root');
const tab = (name: string) => control().getByRole('tab', { name });
const testRegion = () => control().getByRole('region', { name: en('ConnectionTest_Title') });

const en = resxStrings(1033);
const de = resxStrings(1031);

// Test & Enable takes 20 emulated seconds: 2 real seconds at 10x; the first poll comes after 5 s.
const { e2e, page, test } = setUpE2E({ testDelayMs: 20_000, mailboxCount: 20 });

async function state(entitySet: string): Promise<Record<string, unknown>[]> {
    const res = await fetch(new URL(`/_emulator/state/${entitySet}`, e2e().sandbox.url));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>[] | { value: Record<string, unknown>[] };
    return Array.isArray(body) ? body : body.value;
}

async function profileRow(id: string): Promise<Record<string, unknown>> {
    const row = (await state('emailserverprofiles')).find((r) => r.emailserverprofileid === id);
    if (!row) throw new Error(`profile ${id} is not in the emulator`);
    return row;
}

const axe = () => runAxe(page());

const requestLog = () => e2e().sandbox.emulator.requestLog();

/** The canary the control scheduled Test & Enable for, from the requests the emulator received since `from`. */
function scheduledCanaries(from: number): string[] {
    return requestLog()
        .slice(from)
        .filter((r) => r.method === 'PATCH')
        .map((r) => /mailboxes\(\{?([0-9a-f-]{36})\}?\)/i.exec(r.path)?.[1]?.toLowerCase())
        .filter((id): id is string => id !== undefined);
}

/** Wait until a locator's element no longer exists (Fluent message bars are removed, not hidden). */
const gone = (locator: ReturnType<Page['locator']>, timeout = 15_000) =>
    locator.waitFor({ state: 'detached', timeout });

async function runTestAndWait(done: string): Promise<number> {
    const from = requestLog().length;
    await testRegion()
        .getByRole('button', { name: en('ConnectionTest_Run') })
        .click();
    await testRegion().getByText(done).waitFor({ timeout: 60_000 });
    return from;
}

/** Where the keyboard focus is, described the way the admin would name it. */
type Focus = { where: 'control' | 'form' | 'sandbox' | 'none'; role: string; name: string; selected: string | null };
async function focused(): Promise<Focus> {
    return page().evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return { where: 'none' as const, role: '', name: '', selected: null };
        const input = el as HTMLInputElement;
        const name = input.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? (el.textContent ?? '').trim();
        let where: Focus['where'] = 'form';
        if (el.closest('#control-root')) where = 'control';
        else if (el.closest('aside')) where = 'sandbox';
        return {
            where,
            role: el.getAttribute('role') ?? el.tagName.toLowerCase(),
            name,
            selected: el.getAttribute('aria-selected'),
        };
    });
}

/** Press `key` until the focus matches, at most `max` times; fails with the path the focus took. */
async function keyTo(match: (f: Focus) => boolean, key = 'Tab', max = 30): Promise<Focus> {
    const visited: Focus[] = [];
    for (let i = 0; i < max; i++) {
        await page().keyboard.press(key);
        const f = await focused();
        visited.push(f);
        if (match(f)) return f;
    }
    throw new Error(`${key} never reached the target; focus went ${JSON.stringify(visited)}`);
}

describe('the Connection tab of each profile kind', () => {
    test('cross-tenant OAuth asks for tenant ID, application ID and the client secret', async () => {
        const c = control();
        const region = testRegion();
        await applyScenario(page(), { profileId: PROFILE_IDS.commercial });
        const row = await profileRow(PROFILE_IDS.commercial);
        const tenant = c.getByRole('textbox', { name: en('Credentials_TenantIdLabel') });
        const app = c.getByRole('textbox', { name: en('Credentials_AppIdLabel') });
        await expect(tenant.inputValue()).resolves.toBe(row.exchangeonlinetenantid);
        await expect(app.inputValue()).resolves.toBe(row.oauthclientid);
        await c.getByText(format(en('Discovery_Verified'), en('Cloud_Commercial'))).waitFor();
        expect(await c.getByText(en('Hint_AppIdNotObjectId')).count()).toBe(1);
        expect(
            await c
                .getByRole('status')
                .filter({ hasText: en('Secret_IsSet') })
                .count(),
        ).toBe(1);
        expect(await c.getByRole('button', { name: en('Secret_Replace') }).count()).toBe(1);
        expect(await c.getByRole('combobox', { name: en('Secret_ExpiryLabel') }).count()).toBe(1);
        expect(await c.getByText(en('Credentials_HybridGuidance')).count()).toBe(0);
        expect(await region.getByRole('button', { name: en('ConnectionTest_Run') }).isEnabled()).toBe(true);
        expect(await axe()).toEqual([]);
    });

    test('Exchange Online (Hybrid) S2S asks for the tenant only and explains the certificate', async () => {
        const c = control();
        const region = testRegion();
        await applyScenario(page(), { profileId: PROFILE_IDS.hybridS2S });
        const row = await profileRow(PROFILE_IDS.hybridS2S);
        await c.getByText(en('Credentials_HybridGuidance')).waitFor();
        // usedefaulttenantid is Yes on this profile: the note says the field is ignored then.
        expect(row.usedefaulttenantid).toBe(true);
        await c.getByText(en('Credentials_UseDefaultTenantNote')).waitFor();
        const tenant = c.getByRole('textbox', { name: en('Credentials_TenantIdLabel') });
        await expect(tenant.inputValue()).resolves.toBe(row.exchangeonlinetenantid);
        expect(await c.getByRole('textbox').count()).toBe(1);
        expect(await c.getByRole('textbox', { name: en('Credentials_AppIdLabel') }).count()).toBe(0);
        expect(await c.getByLabel(en('Secret_Label')).count()).toBe(0);
        expect(await c.getByText(en('Secret_IsSet')).count()).toBe(0);
        expect(await c.getByText(en('Secret_NotSet')).count()).toBe(0);
        expect(await c.getByRole('button', { name: en('Secret_Replace') }).count()).toBe(0);
        expect(await c.getByRole('button', { name: en('Secret_Enter') }).count()).toBe(0);
        expect(await region.count()).toBe(1);
        expect(await axe()).toEqual([]);
    });

    test('plain Exchange Online has nothing to enter and points to the mailboxes', async () => {
        const c = control();
        await applyScenario(page(), { profileId: PROFILE_IDS.exchangeOnline });
        // Nothing to configure, so the control opens on Mailboxes.
        expect(await tab(en('Area_Mailboxes')).getAttribute('aria-selected')).toBe('true');
        await tab(en('Area_Connection')).click();
        await c.getByText(en('Credentials_ExchangeOnlineNothing')).waitFor();
        expect(await c.getByRole('textbox').count()).toBe(0);
        expect(await c.getByRole('button', { name: en('Secret_Replace') }).count()).toBe(0);
        expect(await axe()).toEqual([]);
        await c
            .getByRole('button', { name: en('Credentials_SeeMailboxes') })
            .or(c.getByRole('link', { name: en('Credentials_SeeMailboxes') }))
            .click();
        expect(await tab(en('Area_Mailboxes')).getAttribute('aria-selected')).toBe('true');
        await c.getByRole('grid', { name: en('Mailboxes_ListLabel') }).waitFor();
    });

    test('an IMAP profile gets a clear statement and nothing to fill in', async () => {
        const c = control();
        await applyScenario(page(), { profileId: PROFILE_IDS.imapUnsupported });
        const row = await profileRow(PROFILE_IDS.imapUnsupported);
        expect(await c.getByTestId('profile-kind').textContent()).toBe(en('Kind_Unsupported'));
        await c.getByText(format(en('Kind_UnsupportedDetail'), String(row.emailservertypename))).waitFor();
        expect(await c.getByRole('tablist').count()).toBe(0);
        expect(await c.getByRole('textbox').count()).toBe(0);
        expect(await c.getByRole('button').count()).toBe(0);
        expect(await axe()).toEqual([]);
    });
});

describe('validation and tenant discovery', () => {
    test('shows what is wrong with a typed ID and clears it from the form', async () => {
        const c = control();
        await applyScenario(page(), { profileId: PROFILE_IDS.commercial });
        const row = await profileRow(PROFILE_IDS.commercial);
        const tenant = c.getByRole('textbox', { name: en('Credentials_TenantIdLabel') });
        const app = c.getByRole('textbox', { name: en('Credentials_AppIdLabel') });
        await tenant.fill('contoso tenant please');
        await app.fill('my-app');
        await app.blur();
        await c.getByText(`${en('Validation_TenantNotGuid')} ${en('Fix_CopyTenantId')}`).waitFor();
        await c.getByText(`${en('Validation_AppNotGuid')} ${en('Fix_CopyAppId')}`).waitFor();
        await expect(tenant.getAttribute('aria-invalid')).resolves.toBe('true');
        await expect(app.getAttribute('aria-invalid')).resolves.toBe('true');
        // Save writes what the control shows as resolved: nothing usable, so both columns are cleared, never left at
        // the saved IDs the control no longer shows.
        expect(row.exchangeonlinetenantid).not.toBeNull();
        const general = page().getByRole('region', { name: 'General' });
        await expect(general.getByLabel('Tenant ID').inputValue()).resolves.toBe('');
        await expect(general.getByLabel('Application ID').inputValue()).resolves.toBe('');
        expect(await page().locator('#dirty-indicator').textContent()).toBe('Unsaved changes');
        expect(await axe()).toEqual([]);
    });

    test('warns when the stored tenant lives in another cloud than Server authority says', async () => {
        const c = control();
        await applyScenario(page(), { profileId: PROFILE_IDS.cloudMismatch });
        // The profile says US Government; its tenant is a commercial one.
        expect((await profileRow(PROFILE_IDS.cloudMismatch)).serverauthority).toBe(1);
        await c.getByText(format(en('Discovery_Verified'), en('Cloud_Commercial'))).waitFor();
        const mismatch = `${format(en('Discovery_CloudMismatch'), en('Cloud_Commercial'))} ${en('Fix_WrongNationalCloud')}`;
        await c.getByText(mismatch).waitFor();
        expect(await axe()).toEqual([]);
    });
});

/** Each seeded failing profile, the code the control names, its message and fix, and the checklist item. */
const FAILURES: { profile: keyof typeof PROFILE_IDS; code: string; message: string; fix: string; item?: string }[] = [
    {
        profile: 'badSecret',
        code: 'AADSTS7000215',
        message: 'Error_SecretInvalid',
        fix: 'Fix_SecretInvalid',
        item: 'clientSecret',
    },
    {
        profile: 'gccHighExpiredSecret',
        code: 'AADSTS7000222',
        message: 'Error_SecretExpired',
        fix: 'Fix_SecretExpired',
        item: 'clientSecret',
    },
    { profile: 'unknownTenant', code: 'AADSTS90002', message: 'Error_TenantNotFound', fix: 'Fix_TenantNotFound' },
    {
        profile: 'appNotFound',
        code: 'AADSTS700016',
        message: 'Error_AppNotInTenant',
        fix: 'Fix_AppNotInTenant',
        item: 'appRegistration',
    },
    {
        profile: 'noConsent',
        code: '2000008',
        message: 'Error_EwsTokenNoPermissions',
        fix: 'Fix_EwsTokenNoPermissions',
        item: 'adminConsent',
    },
    { profile: 'cloudMismatch', code: 'AADSTS90002', message: 'Error_TenantNotFound', fix: 'Fix_TenantNotFound' },
];

describe('the connection test on each seeded failing profile', () => {
    for (const failure of FAILURES) {
        test(`${failure.profile}: explains ${failure.code}, shows the raw alert on request and points at the checklist`, async () => {
            const c = control();
            const region = testRegion();
            await applyScenario(page(), { profileId: PROFILE_IDS[failure.profile] });
            const from = await runTestAndWait(en('ConnectionTest_Failed'));
            const result = region.getByRole('alert');
            const shown = (await result.textContent()) ?? '';
            expect(shown).toContain(`${en(failure.message)} (${failure.code})`);
            expect(shown).toContain(en(failure.fix));
            expect(await axe()).toEqual([]);

            // The raw alert the emulator wrote for the canary is one click away, word for word.
            const [canary] = scheduledCanaries(from);
            expect(canary).toBeDefined();
            const alerts = (await state('tracelogs'))
                .filter((a) => String(a._regardingobjectid_value).toLowerCase() === canary && a.level === 3)
                .sort((a, b) => String(b.modifiedon).localeCompare(String(a.modifiedon)));
            const alert = alerts[0];
            expect(String(alert.errordetails)).toContain(failure.code);
            expect(shown).not.toContain(String(alert.errordetails));
            const toggle = result.getByRole('button', { name: en('ConnectionTest_ShowRaw') });
            expect(await toggle.getAttribute('aria-expanded')).toBe('false');
            await toggle.click();
            const hide = result.getByRole('button', { name: en('ConnectionTest_HideRaw') });
            expect(await hide.getAttribute('aria-expanded')).toBe('true');
            const raw = (await result.textContent()) ?? '';
            expect(raw).toContain(String(alert.text));
            expect(raw).toContain(String(alert.errordetails));
            expect(await axe()).toEqual([]);

            // Tenant readiness highlights the item that explains this failure, and only that one.
            await tab(en('Area_Readiness')).click();
            const highlighted = c.locator('li[data-item-id]').filter({ hasText: en('Readiness_Highlighted') });
            await c.getByRole('heading', { name: en('Readiness_Heading'), level: 2 }).waitFor();
            if (failure.item) {
                await highlighted.first().waitFor();
                expect(
                    await highlighted.evaluateAll((els) => els.map((el) => el.getAttribute('data-item-id'))),
                ).toEqual([failure.item]);
            } else {
                expect(await highlighted.count()).toBe(0);
            }
            expect(await axe()).toEqual([]);
        }, 120_000);
    }
});

describe('a cross-tenant profile with no client secret', () => {
    test('says to set the secret first and does not start the test until one is saved', async () => {
        const c = control();
        const region = testRegion();
        await applyScenario(page(), { profileId: PROFILE_IDS.noSecret });
        expect((await profileRow(PROFILE_IDS.noSecret)).isoauthclientsecretset).toBe(false);
        const from = requestLog().length;
        await region.getByText(en('ConnectionTest_NoSecret')).waitFor();
        const run = region.getByRole('button', { name: en('ConnectionTest_Run') });
        expect(await run.isDisabled()).toBe(true);
        expect(await axe()).toEqual([]);
        // Nothing was scheduled: no Test & Enable that could only fail with AADSTS7000218.
        expect(scheduledCanaries(from)).toEqual([]);

        await c.getByRole('button', { name: en('Secret_Enter') }).click();
        await c.getByLabel(en('Secret_Label')).fill(`Lw18Q~${'k'.repeat(34)}`);
        await c.getByRole('button', { name: en('Secret_Save') }).click();
        await c.getByText(en('Secret_IsSet')).waitFor();
        await gone(region.getByText(en('ConnectionTest_NoSecret')));
        expect(await run.isEnabled()).toBe(true);
        expect((await profileRow(PROFILE_IDS.noSecret)).isoauthclientsecretset).toBe(true);
    });
});

describe('running the connection test', () => {
    test('stops watching on request, the server still finishes, and a second run reports success', async () => {
        const region = testRegion();
        await applyScenario(page(), { profileId: PROFILE_IDS.commercial });
        const lastTest = (rows: Record<string, unknown>[], id: string) =>
            rows.find((m) => String(m.mailboxid).toLowerCase() === id)?.testmailboxaccesscompletedon;
        const before = await state('mailboxes');
        const from = requestLog().length;
        await region.getByRole('button', { name: en('ConnectionTest_Run') }).click();
        const progress = region.getByRole('list', { name: en('ConnectionTest_Progress') });
        await progress.locator('li[aria-current="step"]').first().waitFor();
        await region.getByRole('button', { name: en('ConnectionTest_Cancel') }).click();
        await region.getByText(en('ConnectionTest_Cancelled')).waitFor();
        expect(await region.getByRole('button', { name: en('ConnectionTest_Cancel') }).count()).toBe(0);
        const [canary] = scheduledCanaries(from);
        expect(canary).toBeDefined();
        expect(await axe()).toEqual([]);

        // Dynamics finishes the test anyway (2 real seconds); the control no longer reads the canary.
        const stoppedAt = requestLog().length;
        await page().waitForTimeout(7_000);
        const after = await state('mailboxes');
        const completed = Date.parse(String(lastTest(after, canary)));
        expect(completed).toBeGreaterThan(Date.parse(String(lastTest(before, canary) ?? '1970-01-01T00:00:00Z')));
        expect(after.find((m) => String(m.mailboxid).toLowerCase() === canary)?.testemailconfigurationscheduled).toBe(
            false,
        );
        const polls = requestLog()
            .slice(stoppedAt)
            .filter((r) => r.path.toLowerCase().includes(canary) || r.path.includes('tracelogs'));
        expect(polls).toEqual([]);
        await region.getByText(en('ConnectionTest_Cancelled')).waitFor();

        const rerun = region.getByRole('button', { name: en('ConnectionTest_Rerun') });
        const again = requestLog().length;
        await rerun.click();
        await region.getByText(en('ConnectionTest_Succeeded')).waitFor({ timeout: 60_000 });
        expect(scheduledCanaries(again)).toEqual([canary]);
        expect(await axe()).toEqual([]);
    }, 120_000);

    test('opens the secret editor without axe violations and Cancel writes nothing', async () => {
        const c = control();
        await applyScenario(page(), { profileId: PROFILE_IDS.commercial });
        const from = requestLog().length;
        await c.getByRole('button', { name: en('Secret_Replace') }).click();
        const input = c.getByLabel(en('Secret_Label'));
        await input.fill('not-yet-the-value');
        await c.getByRole('button', { name: en('Secret_Save') }).waitFor();
        expect(await axe()).toEqual([]);
        await c.getByRole('button', { name: en('Secret_Cancel') }).click();
        await gone(input);
        await c.getByText(en('Secret_IsSet')).waitFor();
        expect(
            requestLog()
                .slice(from)
                .filter((r) => r.method !== 'GET'),
        ).toEqual([]);
        expect((await profileRow(PROFILE_IDS.commercial)).isoauthclientsecretset).toBe(true);
    });
});

describe('keyboard only', () => {
    test('fixes a tenant typo, saves, tests the connection and switches tabs without a mouse', async () => {
        const c = control();
        const region = testRegion();
        await applyScenario(page(), { profileId: PROFILE_IDS.unknownTenant });
        const typo = String((await profileRow(PROFILE_IDS.unknownTenant)).exchangeonlinetenantid);
        const guid = TENANT_IDS.contoso;
        await region.getByRole('button', { name: en('ConnectionTest_Run') }).waitFor();
        // Start where a keyboard user arrives from the form: the field before the control section.
        await page().getByRole('region', { name: 'General' }).getByLabel('Application ID').focus();
        const keyboard = page().keyboard;

        await keyTo((f) => f.where === 'control' && f.name === en('Credentials_TenantIdLabel'));
        await keyboard.press('Control+A');
        await keyboard.type('contoso.onmicrosoft.com');
        await c.getByText(format(en('Discovery_Resolved'), guid, en('Cloud_Commercial'))).waitFor();
        expect(await axe()).toEqual([]);
        await keyTo((f) => f.name === en('Discovery_UseGuid'), 'Tab', 3);
        await keyboard.press('Enter');
        await page().waitForFunction(
            (g) => (document.getElementById('field-tenant') as HTMLInputElement).value === g,
            guid,
        );
        const tenant = c.getByRole('textbox', { name: en('Credentials_TenantIdLabel') });
        await expect(tenant.inputValue()).resolves.toBe(guid);
        expect(await page().locator('#dirty-indicator').textContent()).toBe('Unsaved changes');
        await region.getByText(en('ConnectionTest_FormDirty')).waitFor();

        // Ctrl+S saves the form; the control notices and lets the saved settings be tested.
        const saves = Number(await page().evaluate(() => document.body.dataset.saved ?? 0));
        await keyboard.press('Control+s');
        await page().waitForFunction((n) => Number(document.body.dataset.saved ?? 0) > n, saves);
        expect((await profileRow(PROFILE_IDS.unknownTenant)).exchangeonlinetenantid).toBe(guid);
        await gone(region.getByText(en('ConnectionTest_FormDirty')));
        const from = requestLog().length;
        await keyTo((f) => f.where === 'control' && f.name === en('ConnectionTest_Run'));
        await keyboard.press('Space');
        await region.getByText(en('ConnectionTest_Succeeded')).waitFor({ timeout: 60_000 });
        expect(scheduledCanaries(from)).toHaveLength(1);

        // Pivot: arrows move between the tabs, Enter or Space opens one.
        const first = await keyTo((f) => f.role === 'tab', 'Shift+Tab');
        expect(first).toMatchObject({ name: en('Area_Connection'), selected: 'true' });
        await keyboard.press('ArrowRight');
        expect(await focused()).toMatchObject({ name: en('Area_Readiness'), selected: 'false' });
        await keyboard.press('Enter');
        expect(await tab(en('Area_Readiness')).getAttribute('aria-selected')).toBe('true');
        const consent = c.getByLabel(format(en('Readiness_ValueLabel'), en('Readiness_AdminConsentTitle')), {
            exact: true,
        });
        const consentUrl = (await consent.textContent()) ?? '';
        expect(consentUrl).toContain(guid);
        expect(consentUrl).not.toContain(typo);
        await keyboard.press('ArrowRight');
        await keyboard.press('Space');
        expect(await tab(en('Area_Mailboxes')).getAttribute('aria-selected')).toBe('true');
        await keyboard.press('ArrowLeft');
        await keyboard.press('ArrowLeft');
        await keyboard.press('Enter');
        expect(await tab(en('Area_Connection')).getAttribute('aria-selected')).toBe('true');
        await expect(tenant.inputValue()).resolves.toBe(guid);
    }, 120_000);
});

describe('German', () => {
    afterAll(async () => {
        await applyScenario(page(), { languageId: 1033 });
    });

    test('shows the control in German for a German user, including a decoded failure', async () => {
        const c = control();
        await applyScenario(page(), { profileId: PROFILE_IDS.badSecret, languageId: 1031 });
        const context = await page().evaluate(() => {
            const ctx = (window as any).sandboxHost.context;
            return {
                languageId: ctx.userSettings.languageId,
                decimal: ctx.formatting.formatDecimal(1234.5),
                lang: document.getElementById('control-root')?.lang,
            };
        });
        expect(context).toEqual({ languageId: 1031, decimal: '1.234,50', lang: 'de-DE' });
        expect(await c.getByRole('heading', { level: 1 }).textContent()).toBe(de('Header_Title'));
        expect(await c.getByTestId('profile-kind').textContent()).toBe(de('Kind_CrossTenantOAuth'));
        expect(await tab(de('Area_Connection')).getAttribute('aria-selected')).toBe('true');
        const region = c.getByRole('region', { name: de('ConnectionTest_Title') });
        expect(await region.getByRole('button', { name: de('ConnectionTest_Run') }).count()).toBe(1);
        expect(await c.getByRole('button', { name: en('ConnectionTest_Run') }).count()).toBe(0);

        const app = c.getByRole('textbox', { name: de('Credentials_AppIdLabel') });
        await app.fill('meine-app');
        await app.blur();
        await c.getByText(`${de('Validation_AppNotGuid')} ${de('Fix_CopyAppId')}`).waitFor();
        expect(await axe()).toEqual([]);
        // Back to the stored ID, so the form is not dirty and the saved settings can be tested.
        await app.fill(String((await profileRow(PROFILE_IDS.badSecret)).oauthclientid));

        await region.getByRole('button', { name: de('ConnectionTest_Run') }).click();
        await region.getByText(de('ConnectionTest_Failed')).waitFor({ timeout: 60_000 });
        const shown = (await region.getByRole('alert').textContent()) ?? '';
        expect(shown).toContain(`${de('Error_SecretInvalid')} (AADSTS7000215)`);
        expect(shown).toContain(de('Fix_SecretInvalid'));
        expect(await region.getByRole('button', { name: de('ConnectionTest_ShowRaw') }).count()).toBe(1);
        expect(await axe()).toEqual([]);

        // Dates follow the Dynamics user's format (userSettings.dateFormattingInfo), not the browser's: chromium runs
        // in en-US here.
        expect(await page().evaluate(() => navigator.language)).toMatch(/^en/);
        await tab(de('Area_Readiness')).click();
        await c.getByRole('heading', { name: de('Readiness_GraphPermissionsTitle') }).waitFor();
        const readiness = (await c.textContent()) ?? '';
        expect(readiness).toContain('01.04.2027');
        expect(readiness).not.toContain('4/1/2027');
        expect(readiness).not.toContain('Apr 1, 2027');
        await tab(de('Area_Connection')).click();
    }, 120_000);
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));
});
