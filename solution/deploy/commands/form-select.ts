/** Which main form to edit, and what XML to start from (deploy.md §6: one active form, --form, drafts). */
import { BINDINGS, CONTROL_NAME, HOST_COLUMN, TABLE } from '../control';
import { inspectPlacement, type Placement } from '../core/formxml';
import { buildXml, parseXml } from '../core/xml';
import { DeployError, EXIT } from '../exit-codes';
import { FORM_ACTIVE, listMainForms, readDraftXml, type SystemForm } from '../web/forms';
import type { CommandContext, Session } from './context';
import { asDeployError } from './failures';

/** A form with where our control stands on it. */
export type FormState = { form: SystemForm; placement?: Placement; problem?: string };

/** Every main form of the table with its placement (an unreadable form XML is named, not fatal). */
export async function readForms(session: Session): Promise<FormState[]> {
    let forms: SystemForm[];
    try {
        forms = await listMainForms(session.http, TABLE);
    } catch (e) {
        throw asDeployError(e, EXIT.form, `reading the ${TABLE} forms`);
    }
    return forms.map((form) => {
        try {
            return { form, placement: inspectPlacement(form.formxml, CONTROL_NAME, HOST_COLUMN) };
        } catch (e) {
            return { form, problem: (e as Error).message };
        }
    });
}

const describe = (f: SystemForm) => `"${f.name}" (${f.formid})`;

/** --form by id or name; else the one active main form holding the field; else the only active main form. */
export function chooseForm(states: FormState[], wanted: string | undefined): FormState {
    if (wanted) {
        const key = wanted.replace(/[{}]/g, '').toLowerCase();
        const match = states.filter((s) => s.form.formid.toLowerCase() === key || s.form.name.toLowerCase() === key);
        if (match.length === 1) return match[0];
        throw new DeployError(
            EXIT.form,
            match.length ? `Several main forms are called "${wanted}".` : `No ${TABLE} main form is "${wanted}".`,
            `Use --form with one of: ${states.map((s) => describe(s.form)).join(', ')}.`,
        );
    }
    const active = states.filter((s) => s.form.formactivationstate === FORM_ACTIVE);
    const withField = active.filter((s) => s.placement?.hasField);
    const candidates = withField.length ? withField : active;
    if (candidates.length === 1) return candidates[0];
    if (!candidates.length)
        throw new DeployError(
            EXIT.form,
            `The ${TABLE} table has no active main form.`,
            'Activate its main form in the form editor.',
        );
    throw new DeployError(
        EXIT.form,
        `The ${TABLE} table has ${candidates.length} active main forms${withField.length ? ' with the Tenant ID field' : ''}.`,
        `Choose one with --form: ${candidates.map((s) => describe(s.form)).join(', ')}.`,
    );
}

/** The form must be customizable (iscustomizable.Value) or exit 7 with the classic editor's steps. */
export function requireCustomizable(form: SystemForm): void {
    if (form.iscustomizable?.Value === false)
        throw new DeployError(
            EXIT.form,
            `The form ${describe(form)} is not customizable in this environment.`,
            'Add the control by hand in the classic form editor (README "Add the control to the email server profile form").',
        );
}

/**
 * The XML to edit: the published copy, unless an unpublished draft differs from it. A draft is refused (someone's
 * unfinished edit would be published with ours) unless --include-draft, which edits the draft instead.
 */
export async function startingXml(context: CommandContext, session: Session, form: SystemForm): Promise<string> {
    let draft: string | undefined;
    try {
        draft = await readDraftXml(session.http, form.formid);
    } catch (e) {
        throw asDeployError(e, EXIT.form, 'reading the form draft');
    }
    if (!draft || sameXml(draft, form.formxml)) return form.formxml;
    if (!context.options.includeDraft)
        throw new DeployError(
            EXIT.form,
            `The form ${describe(form)} has unpublished changes; editing it now would publish them together with ours.`,
            'Publish or discard them in the form editor first, or add --include-draft to edit the draft and publish it.',
        );
    context.reporter.warn(
        'form',
        `Editing the unpublished draft of ${describe(form)} (--include-draft); it is published with our change.`,
    );
    return draft;
}

/** Same XML after parsing (the server may re-serialise without changing anything). */
export function sameXml(a: string, b: string): boolean {
    try {
        return a === b || buildXml(parseXml(a)) === buildXml(parseXml(b));
    } catch {
        return false;
    }
}

/** How placement reads for people: "Web, Tablet, Phone" or "not placed". */
export function placementText(placement: Placement | undefined): string {
    if (!placement) return 'unreadable';
    const names: Record<string, string> = { '0': 'Phone', '1': 'Tablet', '2': 'Web' };
    const on = placement.factors.map((f) => names[f] ?? f);
    const field = placement.hasField ? 'has the Tenant ID field' : 'has no Tenant ID field';
    return `${field}; control ${on.length ? `on ${on.join(', ')}` : 'not placed'}`;
}

/** The bindings as text, for messages. */
export const BINDING_TEXT = BINDINGS.map((b) => `${b.property} → ${b.column}`).join(', ');
