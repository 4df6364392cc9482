/**
 * Putting the control on a main form's XML and taking it off again (deploy.md §6, toolchain.md §6.1). The field
 * keeps its own control (classid) as the fallback; a controlDescription for the field's uniqueid lists the default
 * control and ours for each form factor. Only our nodes change: everything else goes back as it came.
 */
import { ADDED_FIELD_LABEL, ADDED_SECTION_LABEL, ADDED_SECTION_NAME } from '../control';
import { FORM_FACTOR, TEXT_BOX_CLASSID } from '../assumptions';
import {
    attrOf,
    buildXml,
    childElements,
    childrenOf,
    element,
    parseXml,
    setAttr,
    tagOf,
    textNode,
    walk,
    type XmlNode,
} from './xml';

/** What to place and how to bind it. */
export type PlaceOptions = {
    controlName: string;
    /** The column whose field hosts the control. */
    hostColumn: string;
    bindings: readonly { property: string; column: string }[];
    /** Replace another code component on a form factor instead of refusing. */
    force?: boolean;
    /** A new GUID (no braces); injected so tests are repeatable. */
    newId: () => string;
};

/** The result of an edit: the new XML (compact), whether anything changed, and notes for the person. */
export type FormEdit = { xml: string; changed: boolean; notes: string[] };

/** The form cannot be edited as asked; the message says why, for the person. */
export class FormXmlError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'FormXmlError';
    }
}

/** Where the control stands on a form. */
export type Placement = {
    /** The host field is on the form (in a tab, not only in the header). */
    hasField: boolean;
    /** Form factors (0/1/2) on which our control is bound. */
    factors: string[];
    /** Other code components on the host field, by form factor. */
    foreign: { formFactor: string; name: string }[];
};

const FACTORS = [FORM_FACTOR.phone, FORM_FACTOR.tablet, FORM_FACTOR.web];
const sameId = (a: string | undefined, b: string | undefined) =>
    !!a && !!b && a.replace(/[{}]/g, '').toLowerCase() === b.replace(/[{}]/g, '').toLowerCase();

function formOf(nodes: XmlNode[]): XmlNode {
    const form = nodes.find((n) => tagOf(n) === 'form');
    if (!form) throw new FormXmlError('The form XML has no <form> element.');
    return form;
}

/** The host field's control in the form body (tabs), not a header copy. */
function findHostControl(form: XmlNode, column: string): XmlNode | undefined {
    const tabs = childElements(form, 'tabs');
    for (const { node } of walk(tabs))
        if (tagOf(node) === 'control' && attrOf(node, 'datafieldname')?.toLowerCase() === column) return node;
    return undefined;
}

function descriptionFor(form: XmlNode, uniqueid: string | undefined): XmlNode | undefined {
    for (const list of childElements(form, 'controlDescriptions'))
        for (const description of childElements(list, 'controlDescription'))
            if (sameId(attrOf(description, 'forControl'), uniqueid)) return description;
    return undefined;
}

/** Where our control stands on this form. */
export function inspectPlacement(formXml: string, controlName: string, hostColumn: string): Placement {
    const form = formOf(parseXml(formXml));
    const host = findHostControl(form, hostColumn);
    const description = descriptionFor(form, host && attrOf(host, 'uniqueid'));
    const custom = description ? childElements(description, 'customControl') : [];
    const named = custom.filter((c) => attrOf(c, 'name') && attrOf(c, 'formFactor') !== undefined);
    return {
        hasField: !!host,
        factors: named.filter((c) => attrOf(c, 'name') === controlName).map((c) => attrOf(c, 'formFactor') as string),
        foreign: named
            .filter((c) => attrOf(c, 'name') !== controlName)
            .map((c) => ({ formFactor: attrOf(c, 'formFactor') as string, name: attrOf(c, 'name') as string })),
    };
}

function labels(text: string): XmlNode {
    return element('labels', {}, [element('label', { description: text, languagecode: '1033' })]);
}

/** A one-column section holding the host field, appended to the first tab's first column. */
function addHostSection(form: XmlNode, options: PlaceOptions): XmlNode {
    const tab = childElements(form, 'tabs').flatMap((t) => childElements(t, 'tab'))[0];
    const column = tab && childElements(tab, 'columns').flatMap((c) => childElements(c, 'column'))[0];
    if (!column) throw new FormXmlError('The form has no tab with a column to add the Tenant ID field to.');
    let sections = childElements(column, 'sections')[0];
    if (!sections) childrenOf(column).push((sections = element('sections')));
    const control = element('control', {
        id: options.hostColumn,
        classid: TEXT_BOX_CLASSID,
        datafieldname: options.hostColumn,
        disabled: 'false',
    });
    const cell = element('cell', { id: `{${options.newId()}}`, showlabel: 'true' }, [
        labels(ADDED_FIELD_LABEL),
        control,
    ]);
    const section = element(
        'section',
        { name: ADDED_SECTION_NAME, showlabel: 'true', showbar: 'false', columns: '1', id: `{${options.newId()}}` },
        [labels(ADDED_SECTION_LABEL), element('rows', {}, [element('row', {}, [cell])])],
    );
    childrenOf(sections).push(section);
    return control;
}

function ourCustomControl(formFactor: string, options: PlaceOptions): XmlNode {
    const parameters = options.bindings.map((b) => element(b.property, {}, [textNode(b.column)]));
    return element('customControl', { formFactor, name: options.controlName }, [element('parameters', {}, parameters)]);
}

function defaultCustomControl(host: XmlNode, column: string): XmlNode {
    const parameters = element('parameters', {}, [element('datafieldname', {}, [textNode(column)])]);
    return element('customControl', { id: attrOf(host, 'classid') ?? TEXT_BOX_CLASSID }, [parameters]);
}

/** The controlDescription for the host control, created (with the default control first) when missing. */
function ensureDescription(form: XmlNode, host: XmlNode, options: PlaceOptions): XmlNode {
    let uniqueid = attrOf(host, 'uniqueid');
    if (!uniqueid) setAttr(host, 'uniqueid', (uniqueid = `{${options.newId()}}`));
    const existing = descriptionFor(form, uniqueid);
    if (existing) return existing;
    let list = childElements(form, 'controlDescriptions')[0];
    if (!list) childrenOf(form).push((list = element('controlDescriptions')));
    const description = element('controlDescription', { forControl: uniqueid }, [
        defaultCustomControl(host, options.hostColumn),
    ]);
    childrenOf(list).push(description);
    return description;
}

/** Put our control on each form factor; the same placement again changes nothing. */
export function placeControl(formXml: string, options: PlaceOptions): FormEdit {
    const before = buildXml(parseXml(formXml));
    const nodes = parseXml(formXml);
    const form = formOf(nodes);
    const notes: string[] = [];
    let host = findHostControl(form, options.hostColumn);
    if (!host) {
        host = addHostSection(form, options);
        notes.push(
            `The form had no ${options.hostColumn} field; a one-column section "${ADDED_SECTION_LABEL}" holds it now.`,
        );
    }
    const description = ensureDescription(form, host, options);
    const children = childrenOf(description);
    for (const factor of FACTORS) {
        const wanted = ourCustomControl(factor, options);
        const index = children.findIndex((c) => tagOf(c) === 'customControl' && attrOf(c, 'formFactor') === factor);
        if (index < 0) {
            children.push(wanted);
            continue;
        }
        const name = attrOf(children[index], 'name');
        if (name !== options.controlName && !options.force)
            throw new FormXmlError(
                `Another code component (${name ?? 'unnamed'}) is on the ${options.hostColumn} field for form factor ${factor}; use --force to replace it.`,
            );
        if (name !== options.controlName)
            notes.push(`Replaced ${name ?? 'an unnamed control'} on form factor ${factor}.`);
        children[index] = wanted;
    }
    const xml = buildXml(nodes);
    return { xml, changed: xml !== before, notes };
}

/** Take our control off (the field's own control shows again) and the section we added, if we added one. */
export function removeControl(formXml: string, controlName: string): FormEdit {
    const nodes = parseXml(formXml);
    const before = buildXml(nodes);
    const form = formOf(nodes);
    const notes: string[] = [];
    for (const list of childElements(form, 'controlDescriptions')) {
        const descriptions = childrenOf(list);
        for (const description of childElements(list, 'controlDescription')) {
            const kept = childrenOf(description).filter(
                (c) => !(tagOf(c) === 'customControl' && attrOf(c, 'name') === controlName),
            );
            const onlyDefault = kept.every((c) => tagOf(c) !== 'customControl' || !attrOf(c, 'name'));
            if (onlyDefault) descriptions.splice(descriptions.indexOf(description), 1);
            else description[tagOf(description)] = kept;
        }
    }
    const lists = childrenOf(form);
    for (const list of childElements(form, 'controlDescriptions'))
        if (childElements(list, 'controlDescription').length === 0) lists.splice(lists.indexOf(list), 1);
    for (const { node } of walk(childElements(form, 'tabs')))
        for (const sections of childElements(node, 'sections')) {
            const all = childrenOf(sections);
            const ours = all.findIndex((s) => tagOf(s) === 'section' && attrOf(s, 'name') === ADDED_SECTION_NAME);
            if (ours < 0) continue;
            all.splice(ours, 1);
            notes.push(`Removed the section "${ADDED_SECTION_LABEL}" that placing the control had added.`);
        }
    const xml = buildXml(nodes);
    return { xml, changed: xml !== before, notes };
}

/**
 * Problems that must stop a PATCH (deploy.md §6): not well-formed, a controlDescription whose forControl matches no
 * uniqueid or more than one, a custom control without a name or id.
 */
export function checkFormXml(formXml: string): string[] {
    let form: XmlNode;
    try {
        form = formOf(parseXml(formXml));
    } catch (e) {
        return [(e as Error).message];
    }
    const problems: string[] = [];
    const uniqueIds = [...walk(childElements(form, 'tabs').concat(childElements(form, 'header')))]
        .map(({ node }) => attrOf(node, 'uniqueid'))
        .filter((id): id is string => !!id);
    for (const list of childElements(form, 'controlDescriptions'))
        for (const description of childElements(list, 'controlDescription')) {
            const target = attrOf(description, 'forControl');
            const matches = uniqueIds.filter((id) => sameId(id, target)).length;
            if (matches !== 1)
                problems.push(`controlDescription ${target ?? '(no forControl)'} matches ${matches} controls.`);
            for (const custom of childElements(description, 'customControl'))
                if (!attrOf(custom, 'name') && !attrOf(custom, 'id'))
                    problems.push(`A customControl for ${target ?? '?'} has neither a name nor an id.`);
        }
    return problems;
}

/** The form XML indented for people, so a diff shows one element per line. */
export function prettyFormXml(formXml: string): string {
    return buildXml(parseXml(formXml), true);
}
