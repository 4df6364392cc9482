/** `import` and `deploy`: pre-checks + stage + import (+ publish + form place + verify for deploy). */
import { loadZip, preChecks, type SolutionZip } from './checks';
import { connect, type CommandContext, type Session } from './context';
import { placeCommand } from './form';
import { checkControlRegistered, importZip, stage } from './import';
import { publish } from './publish';

/** Checks and StageSolution; undefined result = --stage-only stopped here. */
async function checkAndStage(context: CommandContext, session: Session, zip: SolutionZip) {
    const { plan, userId } = await preChecks(context, session, zip);
    const uploadId = await stage(context, session, Buffer.from(zip.bytes).toString('base64'));
    return { plan, userId, uploadId };
}

const dryRunSummary = (zip: SolutionZip, kind: string) =>
    `Dry run passed: ${zip.info.uniqueName} ${zip.info.version} can be imported (${kind}). Nothing was changed.`;

/** The `import` command. */
export async function importCommand(context: CommandContext): Promise<string> {
    const zip = loadZip(context);
    const session = await connect(context);
    const { plan, uploadId } = await checkAndStage(context, session, zip);
    if (context.options.stageOnly) return dryRunSummary(zip, plan.kind);
    await importZip(context, session, zip, uploadId);
    await checkControlRegistered(context, session, zip);
    if (!zip.info.managed) context.reporter.info('publish', 'Unmanaged import: run "publish --all" to publish it.');
    return `Imported ${zip.info.uniqueName} ${zip.info.version} into ${session.environment.host}.`;
}

/** The `deploy` command: everything, in order, each step only after the one before it succeeded. */
export async function deployCommand(context: CommandContext): Promise<string> {
    const zip = loadZip(context);
    const session = await connect(context);
    const { plan, userId, uploadId } = await checkAndStage(context, session, zip);
    if (context.options.stageOnly) return dryRunSummary(zip, plan.kind);
    await importZip(context, session, zip, uploadId);
    await checkControlRegistered(context, session, zip);
    if (zip.info.managed) context.reporter.skip('publish', 'Managed solutions publish themselves on import.');
    else await publish(context, session, 'all');
    const placed = await placeCommand(context, session, userId);
    return `Deployed ${zip.info.uniqueName} ${zip.info.version} to ${session.environment.host}. ${placed}`;
}
