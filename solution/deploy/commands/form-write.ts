/**
 * Writing a form safely (deploy.md §6 "Write, publish, verify", §7): dry-run diff, validation, backup of the exact
 * XML with {formid, name, sha256}, re-read and hash check, PATCH with If-Match, publish, read back and verify.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataverseError } from '../../../src/dataverse/errors';
import { FORM_PATCH_HONOURS_IF_MATCH } from '../assumptions';
import { TABLE } from '../control';
import { formDiff } from '../core/diff';
import { checkFormXml } from '../core/formxml';
import { DeployError, EXIT } from '../exit-codes';
import { readDraftXml, readForm, writeFormXml, type SystemForm } from '../web/forms';
import type { CommandContext, Session } from './context';
import { asDeployError } from './failures';
import { logsFolder, sha256, stamp, writeLog } from './logs';
import { publish } from './publish';

/** What a backup's sidecar file (<backup>.json) records. */
export type BackupRecord = {
    formid: string;
    name: string;
    /** sha256 of the backed-up XML (the form before our change). */
    sha256: string;
    environment: string;
    takenAt: string;
    command: string;
    /** sha256 of the form as read back after our change: restore refuses when the form no longer has it. */
    afterSha256?: string;
};

/** One change to one form. */
export type FormChange = {
    form: SystemForm;
    /** The XML the change starts from (published copy, or the draft with --include-draft). */
    baseXml: string;
    newXml: string;
    command: string;
    /** What must hold of the form XML after publishing; a sentence when it does not. */
    verify: (xml: string) => string | undefined;
};

/** Print the change as a unified diff; nothing is written. */
function printDiff(context: CommandContext, change: FormChange): void {
    const diff = formDiff(`${change.form.name}.xml`, change.baseXml, change.newXml);
    if (context.options.json) context.reporter.info('form', 'Dry run: the change as a unified diff.', { diff });
    else context.deps.streams.stdout.write(diff);
}

/** Save the exact form XML and its record before anything changes. */
function backUp(
    context: CommandContext,
    session: Session,
    change: FormChange,
): { xmlPath: string; record: BackupRecord; recordPath: string } {
    const folder = logsFolder(context, 'forms');
    const base = `${change.form.formid}-${stamp(context)}`;
    const record: BackupRecord = {
        formid: change.form.formid,
        name: change.form.name,
        sha256: sha256(change.baseXml),
        environment: session.environment.origin,
        takenAt: new Date(context.deps.now()).toISOString(),
        command: change.command,
    };
    const xmlPath = writeLog(context, folder, `${base}.xml`, change.baseXml, true);
    const recordPath = join(folder, `${base}.json`);
    writeFileSync(recordPath, `${JSON.stringify(record, null, 2)}\n`);
    context.reporter.ok('backup', `Backed up the form "${change.form.name}" to ${xmlPath}.`, {
        backup: xmlPath,
        sha256: record.sha256,
    });
    return { xmlPath, record, recordPath };
}

/** Re-read the form right before writing: a change since we read it stops us (unless --force). */
async function reReadForWrite(
    context: CommandContext,
    session: Session,
    change: FormChange,
): Promise<string | undefined> {
    const current = await readForm(session.http, change.form.formid);
    if (sha256(current.formxml) !== sha256(change.form.formxml) && !context.options.force)
        throw new DeployError(
            EXIT.form,
            `The form "${change.form.name}" changed while we were preparing ours; nothing was written.`,
            'Run the command again (or --force).',
        );
    return FORM_PATCH_HONOURS_IF_MATCH ? current['@odata.etag'] : undefined;
}

async function patch(session: Session, change: FormChange, etag: string | undefined): Promise<void> {
    try {
        await writeFormXml(session.http, change.form.formid, change.newXml, etag);
    } catch (e) {
        if (e instanceof DataverseError && e.status === 412)
            throw new DeployError(
                EXIT.form,
                `The form "${change.form.name}" was changed by someone else just now; nothing was written.`,
                'Run the command again.',
            );
        throw asDeployError(e, EXIT.form, 'writing the form');
    }
}

/** Read the form back (published, or the draft with --no-publish) and check it. */
async function verify(
    context: CommandContext,
    session: Session,
    change: FormChange,
    backupPath: string,
): Promise<string> {
    const xml = context.options.noPublish
        ? ((await readDraftXml(session.http, change.form.formid)) ?? '')
        : (await readForm(session.http, change.form.formid)).formxml;
    const problem = change.verify(xml);
    if (problem)
        throw new DeployError(
            EXIT.form,
            `Verification failed on "${change.form.name}": ${problem}`,
            `The form before the change is in ${backupPath} (form restore --backup ${backupPath}).`,
        );
    return xml;
}

/** Apply one change: dry run, or validate → back up → re-read → PATCH → publish → verify. Returns the backup path. */
export async function applyFormChange(
    context: CommandContext,
    session: Session,
    change: FormChange,
): Promise<string | undefined> {
    const { reporter, options } = context;
    if (options.dryRun) {
        printDiff(context, change);
        return undefined;
    }
    const problems = checkFormXml(change.newXml);
    if (problems.length)
        throw new DeployError(
            EXIT.form,
            `The new form XML would be invalid: ${problems.join(' ')}`,
            'Nothing was written; please report this.',
        );
    const backup = backUp(context, session, change);
    try {
        const etag = await reReadForWrite(context, session, change);
        await patch(session, change, etag);
        reporter.ok('form', `Wrote the form "${change.form.name}" (a draft until published).`);
        if (!options.noPublish) await publish(context, session, 'table');
        const after = await verify(context, session, change, backup.xmlPath);
        writeFileSync(
            backup.recordPath,
            `${JSON.stringify({ ...backup.record, afterSha256: sha256(after) }, null, 2)}\n`,
        );
    } catch (e) {
        throw asDeployError(e, EXIT.form, 'changing the form');
    }
    reporter.ok(
        'verify',
        `Verified on the ${options.noPublish ? 'draft of' : 'published'} form "${change.form.name}".`,
    );
    reporter.info('form', `Open a profile: ${session.environment.origin}/main.aspx?pagetype=entityrecord&etn=${TABLE}`);
    return backup.xmlPath;
}

/** Read a backup (.xml, or its .json record) and its record. */
export function readBackup(path: string): { xml: string; record: BackupRecord } {
    const xmlPath = path.endsWith('.json') ? path.replace(/\.json$/, '.xml') : path;
    const recordPath = xmlPath.replace(/\.xml$/, '.json');
    try {
        const xml = readFileSync(xmlPath, 'utf8');
        const record = JSON.parse(readFileSync(recordPath, 'utf8')) as BackupRecord;
        if (sha256(xml) !== record.sha256) throw new Error('the XML does not match its record');
        return { xml, record };
    } catch (e) {
        throw new DeployError(
            EXIT.usage,
            `${path} is not a usable backup: ${(e as Error).message}.`,
            'Pass a deploy-logs/forms/<formid>-<time>.xml file with its .json beside it.',
        );
    }
}
