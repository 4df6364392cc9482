/** The import (deploy.md §3–§4): StageSolution, ImportSolutionAsync, progress, verdict, result XML to the logs. */
import { DataverseError, NETWORK_ERROR_STATUS } from '../../../src/dataverse/errors';
import { readStageResults } from '../core/stage';
import { ASYNC_STATE_COMPLETED, importVerdict, type AsyncOperation } from '../core/verdict';
import { DeployError, EXIT } from '../exit-codes';
import {
    importSolutionAsync,
    readAsyncOperation,
    readImportData,
    readImportProgress,
    stageSolution,
} from '../web/import';
import { findControlVersion } from '../web/solutions';
import type { SolutionZip } from './checks';
import type { CommandContext, Session } from './context';
import { asDeployError } from './failures';
import { logsFolder, writeLog } from './logs';

/** Microsoft polls each 10 s (deploy.md §4); the local sandbox runs on a faster clock. */
export const POLL_INTERVAL_MS = 10_000;
/** Poll interval for the sandbox on 127.0.0.1. */
export const LOCAL_POLL_INTERVAL_MS = 1_000;

/** StageSolution: the upload id, or undefined where the environment lacks it (404: skipped with a notice). */
export async function stage(context: CommandContext, session: Session, zipBase64: string): Promise<string | undefined> {
    const { reporter } = context;
    reporter.start('stage', 'Staging the solution (StageSolution: dependencies and validation)');
    let results;
    try {
        results = await stageSolution(session.http, zipBase64);
    } catch (e) {
        if (e instanceof DataverseError && e.status === 404) {
            reporter.skip('stage', 'This environment has no StageSolution; importing without the dry run.');
            return undefined;
        }
        throw asDeployError(e, EXIT.import, 'staging the solution');
    }
    const outcome = readStageResults(results);
    for (const warning of outcome.warnings) reporter.warn('stage', warning);
    if (!outcome.ok) {
        for (const dependency of outcome.missingDependencies)
            reporter.fail('stage', `Missing dependency: ${dependency}`);
        for (const error of outcome.errors) reporter.fail('stage', `Validation error: ${error}`);
        const count = outcome.missingDependencies.length + outcome.errors.length;
        throw new DeployError(
            EXIT.import,
            count
                ? `Staging found ${count} problem(s); nothing was imported.`
                : 'Staging did not pass; nothing was imported.',
            'Install the missing solutions or fix the zip, then run the command again.',
            { missingDependencies: outcome.missingDependencies, validationErrors: outcome.errors },
        );
    }
    reporter.ok('stage', 'Staging passed: no missing dependencies, no validation errors.');
    return outcome.uploadId;
}

/** Poll the async operation until it completes, showing the import job's progress; exit 8 after --wait. */
async function waitForImport(
    context: CommandContext,
    session: Session,
    ids: { asyncOperationId: string; importJobId: string },
): Promise<AsyncOperation> {
    const { deps, options, reporter } = context;
    const interval = deps.pollIntervalMs ?? (session.environment.isLocal ? LOCAL_POLL_INTERVAL_MS : POLL_INTERVAL_MS);
    const deadline = deps.now() + options.waitMinutes * 60_000;
    for (;;) {
        const progress = await readImportProgress(session.http, ids.importJobId);
        if (progress !== undefined) reporter.progress('import', progress, 'Importing');
        const operation = await readAsyncOperation(session.http, ids.asyncOperationId);
        if (operation.statecode === ASYNC_STATE_COMPLETED) return operation;
        if (deps.now() >= deadline)
            throw new DeployError(
                EXIT.waitExceeded,
                `The import is still running after ${options.waitMinutes} minute(s); it may still finish.`,
                `Check it later: async operation ${ids.asyncOperationId}, import job ${ids.importJobId} (Solutions → History in Power Apps).`,
                ids,
            );
        await deps.sleep(interval);
    }
}

/** POST ImportSolutionAsync; a dropped connection is said as what it may mean. */
async function startImport(session: Session, zipBase64: string, uploadId: string | undefined) {
    try {
        return await importSolutionAsync(session.http, zipBase64, uploadId);
    } catch (e) {
        // A write is never sent twice: without an answer the import may have started all the same.
        if (e instanceof DataverseError && e.status === NETWORK_ERROR_STATUS)
            throw new DeployError(
                EXIT.import,
                'The connection dropped while starting the import; it may have started anyway.',
                'Check Solutions → History in Power Apps before running the command again.',
            );
        throw asDeployError(e, EXIT.import, 'starting the import');
    }
}

/** Import the zip and judge the result; the result XML goes to the logs folder either way. */
export async function importZip(
    context: CommandContext,
    session: Session,
    zip: SolutionZip,
    uploadId: string | undefined,
): Promise<void> {
    const { reporter } = context;
    const zipBase64 = Buffer.from(zip.bytes).toString('base64');
    const ids = await startImport(session, zipBase64, uploadId);
    reporter.start('import', `Importing ${zip.info.uniqueName} ${zip.info.version}`, ids);
    let operation: AsyncOperation;
    let data: string | undefined;
    try {
        operation = await waitForImport(context, session, ids);
        data = await readImportData(session.http, ids.importJobId);
    } catch (e) {
        throw asDeployError(e, EXIT.import, 'following the import');
    }
    const logPath = data ? writeLog(context, logsFolder(context), `import-${ids.importJobId}.xml`, data) : undefined;
    const verdict = importVerdict(operation, data);
    if (!verdict.ok) {
        for (const f of verdict.failures)
            reporter.fail('import', `${f.component}: ${f.errorcode} ${f.errortext}`.trim(), { ...f });
        if (verdict.failureCount > verdict.failures.length)
            reporter.info(
                'import',
                `…and ${verdict.failureCount - verdict.failures.length} more failing component(s).`,
            );
        throw new DeployError(
            EXIT.import,
            `The import failed: ${verdict.message ?? 'see the log'}`,
            logPath ? `The import job's result is in ${logPath}.` : undefined,
            { ...ids, log: logPath },
        );
    }
    reporter.ok(
        'import',
        `Imported ${zip.info.uniqueName} ${zip.info.version}${verdict.warnings ? ` with ${verdict.warnings} warning(s)` : ''}.`,
        { ...ids, log: logPath, warnings: verdict.warnings },
    );
    if (logPath) reporter.info('import', `The import job's result is in ${logPath}.`);
}

/** After the import: the control must be registered (customcontrols, deploy.md §2). */
export async function checkControlRegistered(
    context: CommandContext,
    session: Session,
    zip: SolutionZip,
): Promise<void> {
    for (const name of zip.info.controls) {
        const version = await findControlVersion(session.http, name);
        if (version === undefined)
            context.reporter.warn('import', `The control ${name} does not show in customcontrols yet.`);
        else
            context.reporter.ok(
                'import',
                `The control ${name} is registered${version ? ` (version ${version})` : ''}.`,
                { control: name, version },
            );
    }
}
