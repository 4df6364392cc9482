/** Pre-checks before anything changes (deploy.md §2): membership, import privilege, installed state, zip size. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataverseError } from '../../../src/dataverse/errors';
import { MAX_SOLUTION_ZIP_BYTES } from '../assumptions';
import { readSolutionZip, planInstall, type InstallPlan, type SolutionInfo } from '../core/solution-zip';
import { DeployError, EXIT } from '../exit-codes';
import { holdsPrivilege, whoAmI } from '../web/identity';
import { findSolution } from '../web/solutions';
import type { CommandContext, Session } from './context';
import { asDeployError, NOT_A_MEMBER_CODE } from './failures';

/** The privilege an import needs (deploy.md §2, source 9). */
export const IMPORT_PRIVILEGE = 'prvImportCustomization';

/** A zip read from disk. */
export type SolutionZip = { path: string; bytes: Uint8Array; info: SolutionInfo };

/** The default zip: what `npm run solution` writes for package.json's version (managed unless --unmanaged). */
function defaultZipPath(context: CommandContext): string {
    const pkg = JSON.parse(readFileSync(resolve(context.deps.cwd, 'package.json'), 'utf8')) as { version: string };
    const version = `${pkg.version}.0`.replace(/\./g, '_');
    const suffix = context.options.unmanaged ? '' : '_managed';
    return resolve(context.deps.cwd, 'dist', `EmailServerProfileAssistant_${version}${suffix}.zip`);
}

/** Read and inspect the zip; size over the limit, unreadable or not a solution → exit 5. */
export function loadZip(context: CommandContext): SolutionZip {
    const path = context.options.zip ? resolve(context.deps.cwd, context.options.zip) : defaultZipPath(context);
    let bytes: Uint8Array;
    try {
        bytes = readFileSync(path);
    } catch {
        throw new DeployError(
            EXIT.usage,
            `${path} does not exist.`,
            'Run "npm run solution" first, or pass --zip <file>.',
        );
    }
    if (bytes.length > MAX_SOLUTION_ZIP_BYTES)
        throw new DeployError(
            EXIT.import,
            `${path} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB, over the ${(MAX_SOLUTION_ZIP_BYTES / 1024 / 1024).toFixed(1)} MB we send.`,
            'Check that the zip holds only the solution (the limit is a named constant, MAX_SOLUTION_ZIP_BYTES).',
        );
    try {
        return { path, bytes, info: readSolutionZip(bytes) };
    } catch (e) {
        throw new DeployError(EXIT.import, `${path}: ${(e as Error).message}`, 'Rebuild it with "npm run solution".');
    }
}

/** WhoAmI: the user id, or exit 4 when the user is not a member of the environment. */
export async function checkMembership(context: CommandContext, session: Session): Promise<string> {
    const { reporter } = context;
    reporter.start('member', 'Checking that you are a member of the environment');
    try {
        const me = await whoAmI(session.http);
        reporter.ok('member', `Signed in as ${session.tokens.whoAmI() ?? 'you'} (user ${me.UserId}).`, {
            userId: me.UserId,
        });
        return me.UserId;
    } catch (e) {
        if (e instanceof DataverseError && (e.code === NOT_A_MEMBER_CODE || e.status === 403))
            throw new DeployError(
                EXIT.permission,
                `${session.tokens.whoAmI() ?? 'You'} is not a member of ${session.environment.host} (${e.code || e.status}).`,
                'Ask an administrator to add you to the environment (and its security group, if it has one).',
                { code: e.code },
            );
        throw asDeployError(e, EXIT.permission, 'checking membership');
    }
}

/** The user must hold a privilege; exit 4 with the privilege named otherwise. */
export async function checkPrivilege(
    context: CommandContext,
    session: Session,
    userId: string,
    privilege: string,
    why: string,
): Promise<void> {
    const { reporter } = context;
    let held: boolean;
    try {
        held = await holdsPrivilege(session.http, userId, privilege);
    } catch (e) {
        throw asDeployError(e, EXIT.permission, `checking ${privilege}`);
    }
    if (!held)
        throw new DeployError(
            EXIT.permission,
            `You do not hold ${privilege}, which ${why} needs.`,
            'Ask for the System Customizer or System Administrator role in this environment.',
            { privilege },
        );
    reporter.ok('rights', `You hold ${privilege}.`, { privilege });
}

/** Fresh, update, or a clash (exit 5); a version that is not higher is a warning. */
export async function checkInstalled(
    context: CommandContext,
    session: Session,
    zip: SolutionZip,
): Promise<InstallPlan & { ok: true }> {
    const { reporter } = context;
    let installed;
    try {
        installed = await findSolution(session.http, zip.info.uniqueName);
    } catch (e) {
        throw asDeployError(e, EXIT.import, 'reading the installed solutions');
    }
    const plan = planInstall(zip.info, installed);
    if (!plan.ok) throw new DeployError(EXIT.import, plan.reason, plan.fix, { installed });
    const what = zip.info.managed ? 'managed' : 'unmanaged';
    if (plan.kind === 'fresh')
        reporter.ok(
            'installed',
            `${zip.info.uniqueName} is not installed yet: a fresh ${what} install of ${zip.info.version}.`,
            { kind: plan.kind },
        );
    else
        reporter.ok(
            'installed',
            `${zip.info.uniqueName} ${installed?.version ?? ''} is installed: updating to ${zip.info.version} (${what}).`,
            { kind: plan.kind, installedVersion: installed?.version },
        );
    if (plan.warning) reporter.warn('installed', plan.warning);
    return plan;
}

/** All pre-checks of an import, in order; nothing in the environment changes. Returns the plan and the user id. */
export async function preChecks(
    context: CommandContext,
    session: Session,
    zip: SolutionZip,
): Promise<{ plan: InstallPlan & { ok: true }; userId: string }> {
    context.reporter.ok(
        'zip',
        `${zip.path}: ${zip.info.uniqueName} ${zip.info.version} (${zip.info.managed ? 'managed' : 'unmanaged'}), ${(zip.bytes.length / 1024).toFixed(0)} KB.`,
    );
    const userId = await checkMembership(context, session);
    await checkPrivilege(context, session, userId, IMPORT_PRIVILEGE, 'importing a solution');
    return { plan: await checkInstalled(context, session, zip), userId };
}
