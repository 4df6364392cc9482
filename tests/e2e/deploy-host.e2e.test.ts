/**
 * The form host renders what the published form says (issue 15, deploy.md §8): in a fresh sandbox the tenant field is
 * a text box; after a solution import, a form edit and a publish through the Web API the control sits where the form
 * places it, loaded from the imported zip; after the control is taken off the form again the text box is back.
 */
import { STOCK_INFORMATION_FORM_ID } from '../sandbox/deploy/constants';
import { controlDescription } from '../sandbox/deploy/forms';
import { api, appToken, solutionZip, waitFor, type Kit } from '../sandbox/deploy/test-kit';
import { expectCleanPage, openForm, setUpE2E } from './harness';

let kit: Kit;
let token: string;
const MARKER = 'deployed-from-the-zip';
const PUBLISH = {
    ParameterXml: '<importexportxml><entities><entity>emailserverprofile</entity></entities></importexportxml>',
};
const UNIQUE_ID = '{0d5e7c1a-3b1f-4c55-9a37-2f6d8e4b9c10}';

const { e2e, page, test } = setUpE2E(
    { deployment: 'fresh', timeScale: 1000, log: () => undefined },
    {
        setUp: async (started) => {
            const origin = started.sandbox.url.replace(/\/$/, '');
            kit = {
                sandbox: started.sandbox,
                origin,
                api: `${origin}/api/data/v9.2/`,
                lines: [],
                close: async () => undefined,
            };
            token = await appToken(kit);
        },
    },
);

async function publishedForm(): Promise<{ formxml: string; etag: string }> {
    const r = await api(kit, 'GET', `systemforms(${STOCK_INFORMATION_FORM_ID})?$select=formxml`, { token });
    return { formxml: r.body.formxml, etag: r.body['@odata.etag'] };
}

async function writeForm(formxml: string): Promise<void> {
    const { etag } = await publishedForm();
    expect(
        (
            await api(kit, 'PATCH', `systemforms(${STOCK_INFORMATION_FORM_ID})`, {
                token,
                body: { formxml },
                headers: { 'If-Match': etag },
            })
        ).status,
    ).toBe(204);
    // The customization lock outlasts an import by a while (deploy.md §5); like the deploy tool, wait as told and retry.
    let published = await api(kit, 'POST', 'PublishXml', { token, body: PUBLISH });
    for (let tries = 0; published.status === 429 && tries < 5; tries++) {
        await new Promise((resolve) => setTimeout(resolve, Number(published.headers.get('Retry-After')) * 1000));
        published = await api(kit, 'POST', 'PublishXml', { token, body: PUBLISH });
    }
    expect(published.status).toBe(204);
}

const general = () => page().getByRole('region', { name: 'General' });

describe('the form host after a deployment', () => {
    test('shows the stock form with the tenant field as a text box in a fresh sandbox', async () => {
        await expect(general().getByLabel('Tenant ID').isVisible()).resolves.toBe(true);
        await expect(page().locator('#control-root').isVisible()).resolves.toBe(false);
        expect(await page().evaluate(() => document.body.dataset.controlPlaced)).toBe('false');
    });

    test('shows the control from the imported zip where the published form binds it', async () => {
        const { readFileSync } = await import('node:fs');
        const { join } = await import('node:path');
        const bundle = `${readFileSync(join(__dirname, '..', '..', 'out', 'controls', 'bundle.js'), 'utf8')}\nwindow.__bundleSource = '${MARKER}';\n`;
        const zip = solutionZip({ version: '0.9.0' });
        // The zip's bundle carries a marker the local build does not, so the page proves where its bundle came from.
        const { unzipSync, zipSync, strToU8 } = await import('fflate');
        const entries = unzipSync(Buffer.from(zip, 'base64'));
        entries['Controls/esp_EmailServerProfile.ProfileAssistant/bundle.js'] = strToU8(bundle);
        const file = Buffer.from(zipSync(entries)).toString('base64');
        const started = await api(kit, 'POST', 'ImportSolutionAsync', {
            token,
            body: { OverwriteUnmanagedCustomizations: false, PublishWorkflows: true, CustomizationFile: file },
        });
        await waitFor(async () => {
            const ao = await api(
                kit,
                'GET',
                `asyncoperations(${started.body.AsyncOperationId})?$select=statecode,statuscode`,
                { token },
            );
            return ao.body.statecode === 3 ? ao.body : undefined;
        });
        const stock = (await publishedForm()).formxml;
        await writeForm(
            stock
                .replace(
                    'datafieldname="exchangeonlinetenantid" />',
                    `datafieldname="exchangeonlinetenantid" uniqueid="${UNIQUE_ID}" />`,
                )
                .replace(
                    '</tabs>',
                    `</tabs><controlDescriptions>${controlDescription(UNIQUE_ID)}</controlDescriptions>`,
                ),
        );
        // Reload, as an admin does after a publish: the form definition is read once per page.
        await openForm(page(), e2e().sandbox.url);
        await general().locator('#control-root').getByTestId('profile-kind').waitFor();
        await expect(page().locator('#field-tenant').isVisible()).resolves.toBe(false);
        expect(await page().evaluate(() => (window as unknown as { __bundleSource?: string }).__bundleSource)).toBe(
            MARKER,
        );
        expect(await page().evaluate(() => document.body.dataset.controlSource)).toBe('solution');
    });

    test('shows the text box again once the control is taken off the form and published', async () => {
        const placedXml = (await publishedForm()).formxml;
        await writeForm(
            placedXml
                .replace(/<controlDescriptions>[\s\S]*<\/controlDescriptions>/, '')
                .replace(` uniqueid="${UNIQUE_ID}"`, ''),
        );
        await openForm(page(), e2e().sandbox.url);
        await expect(general().getByLabel('Tenant ID').isVisible()).resolves.toBe(true);
        await expect(page().locator('#control-root').isVisible()).resolves.toBe(false);
    });

    test('raised no uncaught error and requested nothing outside the sandbox', async () => {
        await expectCleanPage(e2e());
    });
});
