/** systemforms with published and draft copies, publish, variants and what the form host reads (deploy.md §5–§6). */
import { CONTROL_NAME, STOCK_INFORMATION_FORM_ID } from './constants';
import { controlDescription, SECOND_FORM_ID } from './forms';
import { api, setSwitch, setUpFreshKit } from './test-kit';

const { kit, token } = setUpFreshKit();

const MAIN_FORMS =
    "systemforms?$select=formid,name,formactivationstate,iscustomizable,formxml&$filter=objecttypecode eq 'emailserverprofile' and type eq 2";
const PUBLISH_FORM = {
    ParameterXml: '<importexportxml><entities><entity>emailserverprofile</entity></entities></importexportxml>',
};
const host = async () => (await fetch(`${kit().origin}/_sandbox/form`)).json() as Promise<any>;

function placed(formxml: string): string {
    return formxml
        .replace(
            'datafieldname="exchangeonlinetenantid" />',
            'datafieldname="exchangeonlinetenantid" uniqueid="{0d5e7c1a-3b1f-4c55-9a37-2f6d8e4b9c10}" />',
        )
        .replace(
            '</tabs>',
            `</tabs><controlDescriptions>${controlDescription('{0d5e7c1a-3b1f-4c55-9a37-2f6d8e4b9c10}')}</controlDescriptions>`,
        );
}

describe('systemforms', () => {
    it('lists the stock Information main form with an ETag, customizable, with the tenant field', async () => {
        const r = await api(kit(), 'GET', MAIN_FORMS, { token: token() });
        expect(r.body.value).toHaveLength(1);
        const form = r.body.value[0];
        expect(form).toMatchObject({ formid: STOCK_INFORMATION_FORM_ID, name: 'Information', formactivationstate: 1 });
        expect(form['@odata.etag']).toMatch(/^W\/"\d+"$/);
        expect(form.iscustomizable.Value).toBe(true);
        expect(form.formxml).toContain('datafieldname="exchangeonlinetenantid"');
        expect(form).not.toHaveProperty('draftformxml');
    });

    it('writes a PATCH as a draft seen only by RetrieveUnpublishedMultiple until PublishXml, then the host places the control', async () => {
        const before = (await api(kit(), 'GET', MAIN_FORMS, { token: token() })).body.value[0];
        expect((await host()).placement).toBeNull();
        const patched = await api(kit(), 'PATCH', `systemforms(${STOCK_INFORMATION_FORM_ID})`, {
            token: token(),
            body: { formxml: placed(before.formxml) },
            headers: { 'If-Match': before['@odata.etag'] },
        });
        expect(patched.status).toBe(204);
        expect((await api(kit(), 'GET', MAIN_FORMS, { token: token() })).body.value[0].formxml).toBe(before.formxml);
        const draft = await api(
            kit(),
            'GET',
            `systemforms/Microsoft.Dynamics.CRM.RetrieveUnpublishedMultiple()?$filter=formid eq ${STOCK_INFORMATION_FORM_ID}&$select=formxml`,
            { token: token() },
        );
        expect(draft.body.value[0].formxml).toContain(CONTROL_NAME);
        expect((await api(kit(), 'POST', 'PublishXml', { token: token(), body: PUBLISH_FORM })).status).toBe(204);
        expect((await api(kit(), 'GET', MAIN_FORMS, { token: token() })).body.value[0].formxml).toContain(CONTROL_NAME);
        // The customcontrol is not installed in a fresh sandbox: the host still shows the text field.
        expect((await host()).placement).toBeNull();
    });

    it('answers 412 to a PATCH with a stale If-Match and keeps the form', async () => {
        const before = (await api(kit(), 'GET', MAIN_FORMS, { token: token() })).body.value[0];
        await setSwitch(kit(), 'forms/edit', {});
        const r = await api(kit(), 'PATCH', `systemforms(${STOCK_INFORMATION_FORM_ID})`, {
            token: token(),
            body: { formxml: placed(before.formxml) },
            headers: { 'If-Match': before['@odata.etag'] },
        });
        expect(r.status).toBe(412);
        const after = (await api(kit(), 'GET', MAIN_FORMS, { token: token() })).body.value[0];
        expect(after['@odata.etag']).not.toBe(before['@odata.etag']);
        expect(after.formxml).toContain('Profile name');
        const draft = await api(
            kit(),
            'GET',
            `systemforms/Microsoft.Dynamics.CRM.RetrieveUnpublishedMultiple()?$filter=formid eq ${STOCK_INFORMATION_FORM_ID}&$select=formxml`,
            { token: token() },
        );
        expect(draft.body.value[0].formxml).toBe(after.formxml);
    });

    it('refuses malformed form XML and a form that is not customizable', async () => {
        expect(
            (
                await api(kit(), 'PATCH', `systemforms(${STOCK_INFORMATION_FORM_ID})`, {
                    token: token(),
                    body: { formxml: '<form><tabs>' },
                })
            ).status,
        ).toBe(400);
        await setSwitch(kit(), 'forms', { variant: 'not-customizable' });
        const form = (await api(kit(), 'GET', MAIN_FORMS, { token: token() })).body.value[0];
        expect(form.iscustomizable.Value).toBe(false);
        expect(
            (
                await api(kit(), 'PATCH', `systemforms(${STOCK_INFORMATION_FORM_ID})`, {
                    token: token(),
                    body: { formxml: placed(form.formxml) },
                })
            ).status,
        ).toBe(400);
    });

    it('offers the variants: two forms, no field, a foreign draft', async () => {
        await setSwitch(kit(), 'forms', { variant: 'two-forms' });
        expect(
            (await api(kit(), 'GET', MAIN_FORMS, { token: token() })).body.value.map((f: any) => f.formid).sort(),
        ).toEqual([STOCK_INFORMATION_FORM_ID, SECOND_FORM_ID].sort());
        await setSwitch(kit(), 'forms', { variant: 'no-field' });
        expect((await api(kit(), 'GET', MAIN_FORMS, { token: token() })).body.value[0].formxml).not.toContain(
            'exchangeonlinetenantid',
        );
        await setSwitch(kit(), 'forms', { variant: 'foreign-draft' });
        const published = (await api(kit(), 'GET', MAIN_FORMS, { token: token() })).body.value[0].formxml;
        const draft = await api(
            kit(),
            'GET',
            `systemforms/Microsoft.Dynamics.CRM.RetrieveUnpublishedMultiple()?$filter=formid eq ${STOCK_INFORMATION_FORM_ID}&$select=formxml`,
            { token: token() },
        );
        expect(draft.body.value[0].formxml).not.toBe(published);
        expect((await api(kit(), 'POST', 'PublishAllXml', { token: token() })).status).toBe(204);
        expect((await api(kit(), 'GET', MAIN_FORMS, { token: token() })).body.value[0].formxml).toBe(
            draft.body.value[0].formxml,
        );
    });

    it('reports the table IsCustomizable and its seeded opposite', async () => {
        const path = "EntityDefinitions(LogicalName='emailserverprofile')?$select=IsCustomizable";
        expect((await api(kit(), 'GET', path, { token: token() })).body.IsCustomizable.Value).toBe(true);
        await setSwitch(kit(), 'failures', { tableCustomizable: false });
        expect((await api(kit(), 'GET', path, { token: token() })).body.IsCustomizable.Value).toBe(false);
    });
});

describe('the host form', () => {
    it('places the control from the local build by default and nothing in a fresh sandbox', async () => {
        await setSwitch(kit(), 'reset', { mode: 'placed' });
        const form = await host();
        expect(form.placement).toMatchObject({
            sectionLabel: 'Connection assistant',
            column: 'exchangeonlinetenantid',
            parameters: { tenantId: 'exchangeonlinetenantid', applicationId: 'oauthclientid' },
        });
        expect(form.control).toMatchObject({ name: CONTROL_NAME, source: 'build' });
        await setSwitch(kit(), 'reset', { mode: 'fresh' });
        expect(await host()).toMatchObject({ placement: null, control: null });
    });
});
