/** `form show | place | remove | restore` on the email server profile main form (deploy.md §6–§7). */
import { FORM_FACTOR, FORM_WRITE_PRIVILEGE } from '../assumptions';
import { BINDINGS, CONTROL_NAME, HOST_COLUMN, TABLE } from '../control';
import { FormXmlError, inspectPlacement, placeControl, removeControl, type FormEdit } from '../core/formxml';
import { DeployError, EXIT } from '../exit-codes';
import { readDraftXml } from '../web/forms';
import { isTableCustomizable } from '../web/identity';
import { findControlVersion } from '../web/solutions';
import { checkMembership, checkPrivilege } from './checks';
import type { CommandContext, Session } from './context';
import { asDeployError } from './failures';
import {
    BINDING_TEXT,
    chooseForm,
    placementText,
    readForms,
    requireCustomizable,
    sameXml,
    startingXml,
    type FormState,
} from './form-select';
import { applyFormChange, readBackup } from './form-write';
import { sha256 } from './logs';

const ALL_FACTORS = Object.values(FORM_FACTOR);

/** Rights and table checks before any form change; `userId` when membership was already checked. */
async function formPreChecks(context: CommandContext, session: Session, userId?: string): Promise<void> {
    const id = userId ?? (await checkMembership(context, session));
    await checkPrivilege(context, session, id, FORM_WRITE_PRIVILEGE, 'editing a form');
    let customizable: boolean;
    try {
        customizable = await isTableCustomizable(session.http, TABLE);
    } catch (e) {
        throw asDeployError(e, EXIT.form, `reading whether ${TABLE} is customizable`);
    }
    if (!customizable)
        throw new DeployError(
            EXIT.form,
            `The ${TABLE} table is not customizable in this environment.`,
            'Add the control by hand in the classic form editor (README).',
        );
}

function edit(run: () => FormEdit): FormEdit {
    try {
        return run();
    } catch (e) {
        if (e instanceof FormXmlError) throw new DeployError(EXIT.form, e.message);
        throw e;
    }
}

async function chosenForm(context: CommandContext, session: Session): Promise<{ state: FormState; baseXml: string }> {
    const state = chooseForm(await readForms(session), context.options.form);
    requireCustomizable(state.form);
    if (state.problem)
        throw new DeployError(EXIT.form, `The form "${state.form.name}" cannot be read: ${state.problem}`);
    return { state, baseXml: await startingXml(context, session, state.form) };
}

const factorsOf = (xml: string) => inspectPlacement(xml, CONTROL_NAME, HOST_COLUMN).factors;

/** Put the control on the main form; placing twice changes nothing. */
export async function placeCommand(context: CommandContext, session: Session, userId?: string): Promise<string> {
    await formPreChecks(context, session, userId);
    if ((await findControlVersion(session.http, CONTROL_NAME)) === undefined)
        throw new DeployError(
            EXIT.form,
            `The control ${CONTROL_NAME} is not installed in this environment.`,
            'Import the solution first ("import" or "deploy").',
        );
    const { state, baseXml } = await chosenForm(context, session);
    const change = edit(() =>
        placeControl(baseXml, {
            controlName: CONTROL_NAME,
            hostColumn: HOST_COLUMN,
            bindings: BINDINGS,
            force: context.options.force,
            newId: context.deps.newId,
        }),
    );
    if (!change.changed) {
        context.reporter.ok(
            'form',
            `The control is already on "${state.form.name}" for Web, Tablet and Phone; nothing to change.`,
            { formid: state.form.formid, changed: false },
        );
        return `The control was already on "${state.form.name}".`;
    }
    for (const note of change.notes) context.reporter.info('form', note);
    context.reporter.start(
        'form',
        `Placing ${CONTROL_NAME} on "${state.form.name}" (${BINDING_TEXT}) for Web, Tablet and Phone`,
        { formid: state.form.formid },
    );
    const backup = await applyFormChange(context, session, {
        form: state.form,
        baseXml,
        newXml: change.xml,
        command: 'form place',
        verify: (xml) =>
            ALL_FACTORS.every((f) => factorsOf(xml).includes(f))
                ? undefined
                : 'the control is not bound on every form factor',
    });
    return context.options.dryRun
        ? 'Dry run: nothing was changed.'
        : `The control is on "${state.form.name}" (backup ${backup}).`;
}

/** Take the control off (the default field shows again); do this before uninstalling. */
export async function removeCommand(context: CommandContext, session: Session): Promise<string> {
    await formPreChecks(context, session);
    const { state, baseXml } = await chosenForm(context, session);
    const change = edit(() => removeControl(baseXml, CONTROL_NAME));
    if (!change.changed) {
        context.reporter.ok('form', `The control is not on "${state.form.name}"; nothing to change.`, {
            formid: state.form.formid,
            changed: false,
        });
        return `The control was not on "${state.form.name}".`;
    }
    for (const note of change.notes) context.reporter.info('form', note);
    context.reporter.start('form', `Removing ${CONTROL_NAME} from "${state.form.name}"`, { formid: state.form.formid });
    const backup = await applyFormChange(context, session, {
        form: state.form,
        baseXml,
        newXml: change.xml,
        command: 'form remove',
        verify: (xml) => (factorsOf(xml).length === 0 ? undefined : 'the control is still on the form'),
    });
    return context.options.dryRun
        ? 'Dry run: nothing was changed.'
        : `The control is off "${state.form.name}" (backup ${backup}).`;
}

/** Put a backed-up form XML back; refused when the form changed since our change, unless --force. */
export async function restoreCommand(context: CommandContext, session: Session): Promise<string> {
    const { xml, record } = readBackup(context.options.backup as string);
    await formPreChecks(context, session);
    const state = (await readForms(session)).find((s) => s.form.formid.toLowerCase() === record.formid.toLowerCase());
    if (!state)
        throw new DeployError(
            EXIT.form,
            `The form ${record.formid} of the backup is not in ${session.environment.host}.`,
        );
    const baseXml = await startingXml(context, session, state.form);
    if (sameXml(baseXml, xml)) {
        context.reporter.ok('form', `The form "${state.form.name}" already matches the backup; nothing to change.`, {
            changed: false,
        });
        return `The form "${state.form.name}" already matched the backup.`;
    }
    if (sha256(state.form.formxml) !== record.afterSha256 && !context.options.force)
        throw new DeployError(
            EXIT.form,
            `The form "${state.form.name}" changed since the backup was taken (someone edited it after our change); restoring would lose that.`,
            'Look at the form first; add --force to restore the backup anyway.',
        );
    const backup = await applyFormChange(context, session, {
        form: state.form,
        baseXml,
        newXml: xml,
        command: 'form restore',
        verify: (after) => (sameXml(after, xml) ? undefined : 'the form does not match the backup'),
    });
    return context.options.dryRun
        ? 'Dry run: nothing was changed.'
        : `Restored "${state.form.name}" from the backup (the form before: ${backup}).`;
}

/** List the main forms and where the control is. */
export async function showCommand(context: CommandContext, session: Session): Promise<string> {
    let states = await readForms(session);
    if (context.options.form) states = [chooseForm(states, context.options.form)];
    for (const { form, placement, problem } of states) {
        const active = form.formactivationstate === 1 ? 'active' : 'inactive';
        const draft = await readDraftXml(session.http, form.formid).catch(() => undefined);
        const hasDraft = draft !== undefined && !sameXml(draft, form.formxml);
        context.reporter.info(
            'form',
            `"${form.name}" (${form.formid}), ${active}: ${problem ?? placementText(placement)}${hasDraft ? '; has unpublished changes' : ''}.`,
            {
                formid: form.formid,
                name: form.name,
                active: form.formactivationstate === 1,
                hasField: placement?.hasField,
                factors: placement?.factors,
                foreign: placement?.foreign,
                hasDraft,
            },
        );
    }
    return `${states.length} main form(s) of ${TABLE}.`;
}
