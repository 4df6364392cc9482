/**
 * The email server profile's main forms as the sandbox seeds them, and where a form places the control. The stock
 * "Information" form is written in our own words (no public export shows the real one: deploy.md §6, toolchain.md
 * §6.2); its GUID is STOCK_INFORMATION_FORM_ID (unconfirmed).
 */
import { XMLParser } from 'fast-xml-parser';
import type { Row } from '../emulator/contract';
import { CONTROL_NAME, STOCK_INFORMATION_FORM_ID, TEXT_BOX_CLASSID } from './constants';

/** Seeded form layouts the deploy tests choose from (POST /_emulator/deploy/forms). */
export const FORM_VARIANTS = ['stock', 'placed', 'two-forms', 'no-field', 'not-customizable', 'foreign-draft'] as const;

/** One seeded form layout. */
export type FormVariant = (typeof FORM_VARIANTS)[number];

const OPTION_SET_CLASSID = '{3EF39988-22BB-4F0B-BBBE-64B5A3748AEE}';
/** uniqueid of the placed control's cell in the seeded "placed" layout. */
export const PLACED_UNIQUE_ID = '{8f2b6c1e-4d7a-4e3b-9c5f-1a2b3c4d5e6f}';
/** The second main form of the two-forms layout. */
export const SECOND_FORM_ID = '7c1e4b2a-9d3f-4e6a-8b5c-2f1d0e9a8b72';

const label = (text: string) => `<labels><label description="${text}" languagecode="1033" /></labels>`;

function cell(id: string, text: string, control: string): string {
    return `<row><cell id="{${id}}" showlabel="true">${label(text)}${control}</cell></row>`;
}

function generalSection(withTenant: boolean): string {
    const rows = [
        cell(
            '1a000000-0000-4000-8000-000000000001',
            'Name',
            `<control id="name" classid="${TEXT_BOX_CLASSID}" datafieldname="name" />`,
        ),
        cell(
            '1a000000-0000-4000-8000-000000000002',
            'Email Server Type',
            `<control id="servertype" classid="${OPTION_SET_CLASSID}" datafieldname="servertype" disabled="true" />`,
        ),
        cell(
            '1a000000-0000-4000-8000-000000000003',
            'Server authority',
            `<control id="serverauthority" classid="${OPTION_SET_CLASSID}" datafieldname="serverauthority" disabled="true" />`,
        ),
        withTenant
            ? cell(
                  '1a000000-0000-4000-8000-000000000004',
                  'Tenant ID',
                  `<control id="exchangeonlinetenantid" classid="${TEXT_BOX_CLASSID}" datafieldname="exchangeonlinetenantid" />`,
              )
            : '',
        cell(
            '1a000000-0000-4000-8000-000000000005',
            'Application ID',
            `<control id="oauthclientid" classid="${TEXT_BOX_CLASSID}" datafieldname="oauthclientid" />`,
        ),
    ];
    return `<section name="general" showlabel="true" showbar="false" id="{1b000000-0000-4000-8000-000000000001}" columns="1">${label('General')}<rows>${rows.join('')}</rows></section>`;
}

/** The control's entries for one bound cell, for web, tablet and phone (deploy.md §6), as the classic editor writes them. */
export function controlDescription(uniqueId: string): string {
    const ours = (factor: number) =>
        `<customControl formFactor="${factor}" name="${CONTROL_NAME}"><parameters><tenantId>exchangeonlinetenantid</tenantId><applicationId>oauthclientid</applicationId></parameters></customControl>`;
    return `<controlDescription forControl="${uniqueId}"><customControl id="${TEXT_BOX_CLASSID}"><parameters><datafieldname>exchangeonlinetenantid</datafieldname></parameters></customControl>${ours(0)}${ours(1)}${ours(2)}</controlDescription>`;
}

/** The formxml of one layout: the stock form, optionally with the manual-path "Connection assistant" section. */
export function informationFormXml(options: { placed?: boolean; withTenant?: boolean } = {}): string {
    const assistant = options.placed
        ? `<section name="connection_assistant" showlabel="true" showbar="false" id="{1b000000-0000-4000-8000-000000000002}" columns="1">${label('Connection assistant')}<rows><row><cell id="{1a000000-0000-4000-8000-000000000006}" showlabel="false">${label('Tenant ID')}<control id="exchangeonlinetenantid1" classid="${TEXT_BOX_CLASSID}" datafieldname="exchangeonlinetenantid" uniqueid="${PLACED_UNIQUE_ID}" /></cell></row></rows></section>`
        : '';
    const descriptions = options.placed
        ? `<controlDescriptions>${controlDescription(PLACED_UNIQUE_ID)}</controlDescriptions>`
        : '';
    return `<form><tabs><tab name="general" id="{1c000000-0000-4000-8000-000000000001}" verticallayout="true" expanded="true" showlabel="true">${label('General')}<columns><column width="100%"><sections>${generalSection(options.withTenant ?? true)}${assistant}</sections></column></columns></tab></tabs>${descriptions}</form>`;
}

const MANAGED_PROPERTY = (value: boolean) => ({
    Value: value,
    CanBeChanged: false,
    ManagedPropertyLogicalName: 'iscustomizableanddeletable',
});

function formRow(id: string, name: string, formxml: string, customizable = true): Row {
    return {
        formid: id,
        name,
        description: 'A form for this entity.',
        objecttypecode: 'emailserverprofile',
        type: 2,
        formactivationstate: 1,
        isdefault: id === STOCK_INFORMATION_FORM_ID,
        iscustomizable: MANAGED_PROPERTY(customizable),
        formxml,
        draftformxml: null,
    };
}

/** The systemforms rows of a layout (drafts included, in the hidden draft column). */
export function formRows(variant: FormVariant): Row[] {
    switch (variant) {
        case 'placed':
            return [formRow(STOCK_INFORMATION_FORM_ID, 'Information', informationFormXml({ placed: true }))];
        case 'two-forms':
            return [
                formRow(STOCK_INFORMATION_FORM_ID, 'Information', informationFormXml()),
                formRow(SECOND_FORM_ID, 'Information (Exchange)', informationFormXml()),
            ];
        case 'no-field':
            return [formRow(STOCK_INFORMATION_FORM_ID, 'Information', informationFormXml({ withTenant: false }))];
        case 'not-customizable':
            return [formRow(STOCK_INFORMATION_FORM_ID, 'Information', informationFormXml(), false)];
        case 'foreign-draft':
            return [
                {
                    ...formRow(STOCK_INFORMATION_FORM_ID, 'Information', informationFormXml()),
                    draftformxml: informationFormXml().replace(
                        'description="Application ID"',
                        'description="Client ID"',
                    ),
                },
            ];
        default:
            return [formRow(STOCK_INFORMATION_FORM_ID, 'Information', informationFormXml())];
    }
}

/** Where a published form places the control: the section and the bound column, or undefined. */
export type Placement = {
    sectionLabel: string;
    controlId: string;
    column: string;
    /** Manifest property → bound column (the customControl's parameters). */
    parameters: Record<string, string>;
};

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    isArray: (name) =>
        ['tab', 'column', 'section', 'row', 'cell', 'control', 'label', 'controlDescription', 'customControl'].includes(
            name,
        ),
});

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : []);
const bare = (id: unknown): string =>
    String(id ?? '')
        .replace(/[{}]/g, '')
        .toLowerCase();
const labelOf = (n: Node): string => String(list((n.labels as Node | undefined)?.label)[0]?.['@_description'] ?? '');

/** Find the formFactor 2 (web) entry of our control in a formxml and the cell it is bound to. */
export function findPlacement(formxml: string, controlName = CONTROL_NAME): Placement | undefined {
    let form: Node;
    try {
        form = (parser.parse(formxml) as { form?: Node }).form ?? {};
    } catch {
        return undefined;
    }
    const descriptions = list((form.controlDescriptions as Node | undefined)?.controlDescription);
    for (const d of descriptions) {
        const web = list(d.customControl).find((c) => String(c['@_formFactor']) === '2' && c['@_name'] === controlName);
        if (!web) continue;
        const forControl = bare(d['@_forControl']);
        for (const tab of list((form.tabs as Node | undefined)?.tab))
            for (const column of list((tab.columns as Node | undefined)?.column))
                for (const section of list((column.sections as Node | undefined)?.section))
                    for (const row of list((section.rows as Node | undefined)?.row))
                        for (const c of list(row.cell))
                            for (const control of list(c.control)) {
                                if (bare(control['@_uniqueid']) !== forControl) continue;
                                const parameters: Record<string, string> = {};
                                for (const [k, v] of Object.entries((web.parameters as Node | undefined) ?? {}))
                                    if (typeof v === 'string') parameters[k] = v;
                                return {
                                    sectionLabel: labelOf(section),
                                    controlId: String(control['@_id'] ?? ''),
                                    column: String(control['@_datafieldname'] ?? ''),
                                    parameters,
                                };
                            }
    }
    return undefined;
}
