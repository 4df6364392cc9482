/** The table's main forms: published copy, unpublished draft, PATCH (deploy.md §6). */
import { guidLiteral, stringLiteral } from '../../../src/core/odata';
import type { DataverseHttp } from '../../../src/dataverse/http';

/** A main form as systemforms returns it. */
export type SystemForm = {
    formid: string;
    name: string;
    formactivationstate: number;
    iscustomizable?: { Value?: boolean };
    formxml: string;
    '@odata.etag'?: string;
};

/** systemforms type 2 = Main (deploy.md §6). */
export const MAIN_FORM_TYPE = 2;
/** formactivationstate 1 = Active. */
export const FORM_ACTIVE = 1;
const SELECT = '$select=formid,name,formactivationstate,iscustomizable,formxml';

/** Every main form of the table (published copies). */
export async function listMainForms(http: DataverseHttp, table: string): Promise<SystemForm[]> {
    return http.getAll<SystemForm>(
        `systemforms?${SELECT}&$filter=objecttypecode eq ${stringLiteral(table)} and type eq ${MAIN_FORM_TYPE}`,
    );
}

/** One form's published copy, with its ETag. */
export async function readForm(http: DataverseHttp, formId: string): Promise<SystemForm> {
    return (await http.send<SystemForm>(`systemforms(${guidLiteral(formId)})?${SELECT}`)).body;
}

/** The form's unpublished draft XML (the published XML when there is no draft), per RetrieveUnpublishedMultiple. */
export async function readDraftXml(http: DataverseHttp, formId: string): Promise<string | undefined> {
    const rows = await http.getAll<{ formxml?: string }>(
        `systemforms/Microsoft.Dynamics.CRM.RetrieveUnpublishedMultiple()?$filter=formid eq ${guidLiteral(formId)}&$select=formxml`,
    );
    return rows[0]?.formxml;
}

/** PATCH the form XML (a draft until published); If-Match guards against a concurrent edit. */
export async function writeFormXml(http: DataverseHttp, formId: string, formXml: string, etag?: string): Promise<void> {
    await http.send(`systemforms(${guidLiteral(formId)})`, {
        method: 'PATCH',
        body: { formxml: formXml },
        ifMatch: etag,
    });
}
