/**
 * The admin's main flows in chromium against the sandbox: tenant discovery, a blocked Secret-ID paste, the
 * connection test, and one bulk approve + Test & Enable run — checked on the page and in the emulator's state.
 */
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { TENANT_IDS } from '../sandbox/domain/tenants';
import { applyScenario, expectCleanPage, resxStrings, runAxe, setUpE2E } from './harness';

/** Every request the page sent, with its body and headers. */
const sent: { method: string; url: string; body: string; headers: string }[] = [];
const control = () => page().locator('#control-root');
const tab = (name: string) => control().getByRole('tab', { name });
const en = resxStrings(1033);

// Test & Enable takes 20 emulated seconds: 2 real seconds at 10x.
const { e2e, page, test } = setUpE2E(
    { testDelayMs: 20_000, mailboxCount: 40 },
    {
        setUp: (started) => {
            started.page.on('request', (request) =>
                sent.push({
                    method: request.method(),
                    url: request.url(),
                    body: request.postData() ?? '',
                    headers: JSON.stringify(request.headers()),
                }),
            );
        },
    },
);

/** The secret saved in 'replaces the secret in place'; no request but its own PATCH and nothing stored may hold it. */
const SECRET = 'Abc8Q~' + 'x'.repeat(34);

/** Everything the page keeps in the browser: local and session storage, every IndexedDB record, and cookies. */
async function storedByPage(): Promise<string[]> {
    const inPage = await page().evaluate(async () => {
        const texts: string[] = [];
        for (const storage of [localStorage, sessionStorage]) {
            for (let i = 0; i < storage.length; i++) {
                const key = storage.key(i) ?? '';
                texts.push(`${key}=${storage.getItem(key) ?? ''}`);
            }
        }
        const request = <T>(r: IDBRequest<T>): Promise<T> =>
            new Promise((resolve, reject) => {
                r.onsuccess = () => resolve(r.result);
                r.onerror = () => reject(r.error);
            });
        for (const { name } of await indexedDB.databases()) {
            if (!name) continue;
            const db = await request(indexedDB.open(name));
            for (const store of Array.from(db.objectStoreNames))
                texts.push(JSON.stringify(await request(db.transaction(store).objectStore(store).getAll())));
            db.close();
        }
        texts.push(document.cookie);
        return texts;
    });
    const cookies = await e2e().browser.cookies();
    return [...inPage, ...cookies.map((cookie) => `${cookie.name}=${cookie.value}`)];
}

/** The requests whose URL, headers or body hold `text` (as is or URL-encoded). */
function requestsHolding(text: string): typeof sent {
    const encoded = encodeURIComponent(text);
    return sent.filter((r) => [r.url, r.body, r.headers].some((part) => part.includes(text) || part.includes(encoded)));
}

/** The columns each GET asked for. */
function selectedColumns(): string[][] {
    return sent
        .filter((r) => r.method === 'GET' && r.url.includes('/api/data/'))
        .map((r) => (new URL(r.url).searchParams.get('$select') ?? '').split(','));
}

async function state(entitySet: string): Promise<Record<string, unknown>[]> {
    const res = await fetch(new URL(`/_emulator/state/${entitySet}`, e2e().sandbox.url));
    const body = (await res.json()) as Record<string, unknown>[] | { value: Record<string, unknown>[] };
    return Array.isArray(body) ? body : body.value;
}

describe('admin workflows', () => {
    test('resolves a domain to the tenant GUID and saves it with the form', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.unknownTenant });
        const field = control().getByRole('textbox', { name: 'Tenant ID' });
        await field.fill('contoso.onmicrosoft.com');
        await control().getByText(`Resolved to ${TENANT_IDS.contoso}`, { exact: false }).waitFor();
        await control().getByRole('button', { name: 'Use this GUID' }).click();
        await expect(field.inputValue()).resolves.toBe(TENANT_IDS.contoso);
        // The control hands the GUID to the form through getOutputs; the form's Save writes it.
        const formField = page().getByRole('region', { name: 'General' }).getByLabel('Tenant ID');
        await expect(formField.inputValue()).resolves.toBe(TENANT_IDS.contoso);
        await page().getByRole('button', { name: 'Save', exact: true }).click();
        await page().waitForFunction(() => document.querySelector('#dirty-indicator')?.textContent === '');
        const row = (await state('emailserverprofiles')).find(
            (r) => r.emailserverprofileid === PROFILE_IDS.unknownTenant,
        );
        expect(row?.exchangeonlinetenantid).toBe(TENANT_IDS.contoso);
    });

    test('explains a tenant that lives in another cloud than the server authority says', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.cloudMismatch });
        await control().getByRole('textbox', { name: 'Tenant ID' }).fill('northwind.com');
        await control()
            .getByText('This tenant is in another cloud. Set Server authority to', { exact: false })
            .waitFor();
        expect(await runAxe(page())).toEqual([]);
    });

    test('replaces the secret in place without ever reading it back', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.noSecret });
        await control().getByText('No secret is set', { exact: false }).waitFor();
        await control().getByRole('button', { name: 'Enter secret' }).click();
        await control().getByLabel('Client secret (Value)').fill(SECRET);
        await control().getByRole('button', { name: 'Save secret' }).click();
        await control().getByText('A secret is set.').waitFor();
        const row = (await state('emailserverprofiles')).find((r) => r.emailserverprofileid === PROFILE_IDS.noSecret);
        expect(row).toMatchObject({ isoauthclientsecretset: true, oauthclientsecret__set: true });
        // The one request that carries the secret is its PATCH, in the body; no URL, header or other body has it.
        const carrying = requestsHolding(SECRET);
        expect(carrying.map((r) => [r.method, new URL(r.url).pathname])).toEqual([
            ['PATCH', `/api/data/v9.2/emailserverprofiles(${PROFILE_IDS.noSecret})`],
        ]);
        expect(JSON.parse(carrying[0].body)).toEqual({ oauthclientsecret: SECRET });
        expect(selectedColumns().filter((columns) => columns.includes('oauthclientsecret'))).toEqual([]);
        expect((await storedByPage()).filter((text) => text.includes(SECRET))).toEqual([]);
        expect(await page().content()).not.toContain(SECRET);
    });

    test('copies a readiness command with the profile IDs filled in', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.commercial });
        await e2e().browser.grantPermissions(['clipboard-read', 'clipboard-write']);
        await tab('Tenant readiness').click();
        const copy = control()
            .getByRole('button', { name: /^Copy the value for/ })
            .first();
        await copy.click();
        await control().getByText('Copied').first().waitFor();
        const copied = await page().evaluate(() => navigator.clipboard.readText());
        const profile = (await state('emailserverprofiles')).find(
            (r) => r.emailserverprofileid === PROFILE_IDS.commercial,
        );
        expect(copied).toContain(String(profile?.oauthclientid));
    });

    test('blocks a pasted Secret ID before anything is sent', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.commercial });
        const before = (await e2e().sandbox.emulator.requestLog()).length;
        await control().getByRole('button', { name: 'Replace secret' }).click();
        await control().getByLabel('Client secret (Value)').fill('8f14e45f-ceea-467f-a0e6-3b0f1a2b3c4d');
        await control().getByText("This is the Secret ID. Dynamics needs the secret's Value.").waitFor();
        await expect(control().getByRole('button', { name: 'Save secret' }).isDisabled()).resolves.toBe(true);
        const after = (await e2e().sandbox.emulator.requestLog()).slice(before);
        expect(after.filter((r) => r.method === 'PATCH' && r.path.includes('emailserverprofiles'))).toEqual([]);
        expect(await page().content()).not.toContain('8f14e45f-ceea-467f-a0e6-3b0f1a2b3c4d"');
    });

    test('runs the connection test on a canary and reports success', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.commercial });
        await control().getByRole('button', { name: 'Test connection' }).click();
        await control()
            .getByText('The connection works: Dynamics reached the mailbox with these settings.')
            .waitFor({ timeout: 60_000 });
        expect(await runAxe(page())).toEqual([]);
    });

    test('approves and tests every mailbox in one run, and the numbers add up', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.commercial });
        await tab('Mailboxes').click();
        await control().getByRole('button', { name: 'Select all 40 shown' }).click();
        await control().getByRole('menuitem', { name: 'Approve & test' }).click();
        // Fluent renders dialogs in a layer at the end of the page, outside the control's root.
        await page().getByRole('alertdialog').getByRole('button', { name: 'Start' }).click();
        await control().getByText('Run finished.').waitFor({ timeout: 90_000 });
        const mailboxes = (await state('mailboxes')).filter(
            (m) => m._emailserverprofile_value === PROFILE_IDS.commercial,
        );
        const tested = mailboxes.filter((m) => m.testmailboxaccesscompletedon);
        expect(tested.length).toBeGreaterThan(0);
        const pending = mailboxes.filter((m) => m.statecode === 0 && m.emailrouteraccessapproval === 2);
        expect(pending).toEqual([]);
        expect(await runAxe(page())).toEqual([]);
        // The optional record of the run on the profile's timeline: who, what, how many.
        await control().getByRole('button', { name: 'Add a note to the profile' }).click();
        await control().getByText("Note added to the profile's timeline.").waitFor();
        await expect(control().getByRole('button', { name: 'Add a note to the profile' }).isDisabled()).resolves.toBe(
            true,
        );
        const notes = (await state('annotations')).filter(
            (n) => n._objectid_value === PROFILE_IDS.commercial && String(n.subject).endsWith('bulk run'),
        );
        expect(notes).toHaveLength(1);
        const sandboxState = e2e().sandbox.state();
        const user = sandboxState.users.find((u) => u.systemuserid === sandboxState.userId);
        expect(String(notes[0].notetext)).toContain(`${user?.fullname} ran "Approve & test" on 40 mailboxes.`);
        expect(String(notes[0].notetext)).toMatch(/Result: \d+ enabled, \d+ failed, \d+ skipped\./);
        expect(await runAxe(page())).toEqual([]);
    });

    test('says a profile no mailbox uses yet has none, and that the connection test needs one', async () => {
        await applyScenario(page(), { profileId: PROFILE_IDS.commercial, mailboxCount: 0 });
        await control().getByText(en('ConnectionTest_NoCanary')).waitFor();
        await expect(control().getByRole('button', { name: 'Test connection' }).isDisabled()).resolves.toBe(true);
        await tab('Mailboxes').click();
        await control().getByText(en('Mailboxes_NoneOnProfile')).waitFor();
        expect(await control().getByText(en('Mailboxes_Empty')).count()).toBe(0);
        expect(await runAxe(page())).toEqual([]);
    });
});

describe('the page', () => {
    test('raised no uncaught error, showed no unformatted string, requested nothing outside the sandbox', () =>
        expectCleanPage(e2e()));

    test('never sent the secret again after its PATCH, never asked for it, and stored it nowhere', async () => {
        expect(requestsHolding(SECRET)).toHaveLength(1);
        expect(selectedColumns().length).toBeGreaterThan(10);
        expect(selectedColumns().filter((columns) => columns.includes('oauthclientsecret'))).toEqual([]);
        // The scan reaches every kind of storage: a marker put in each is found.
        await page().evaluate(async () => {
            localStorage.setItem('scan-marker-local', 'x');
            sessionStorage.setItem('scan-marker-session', 'x');
            document.cookie = 'scan-marker-cookie=x';
            await new Promise<void>((resolve, reject) => {
                const open = indexedDB.open('scan-marker-db');
                open.onupgradeneeded = () => open.result.createObjectStore('markers', { autoIncrement: true });
                open.onerror = () => reject(open.error);
                open.onsuccess = () => {
                    const put = open.result
                        .transaction('markers', 'readwrite')
                        .objectStore('markers')
                        .put('scan-marker-idb');
                    put.onsuccess = () => {
                        open.result.close();
                        resolve();
                    };
                    put.onerror = () => reject(put.error);
                };
            });
        });
        const stored = (await storedByPage()).join('\n');
        for (const marker of ['scan-marker-local', 'scan-marker-session', 'scan-marker-cookie', 'scan-marker-idb'])
            expect(stored).toContain(marker);
        expect(stored).not.toContain(SECRET);
    });
});
