/**
 * The deployment half of the Web API (deploy.md §2–§6): StageSolution, ImportSolutionAsync, PublishAllXml,
 * PublishXml, RetrieveFormattedImportJobResults, systemforms PATCH → draft, RetrieveUnpublishedMultiple,
 * EntityDefinitions(…)/IsCustomizable and the service document. Everything else falls through to the generic router.
 */
import { randomUUID } from 'node:crypto';
import { XMLValidator } from 'fast-xml-parser';
import type { EmulatorUser, Row } from '../emulator/contract';
import { CODES, odataError, recordNotFound, unknownProperty } from '../emulator/errors';
import { readCollection } from '../emulator/read';
import type { OpEnv, OpRequest, OpResult } from '../emulator/types';
import { STALE_ETAG } from '../emulator/write';
import { CUSTOMIZER_ROLES, IMPORT_TIMING, INVALID_ZIP_CODE, LOCK_AFTER_IMPORT_MS, LOCK_CODE } from './constants';
import { formattedResults, type ImportOutcome, type ImportRun } from './imports';
import { compareVersions, InvalidSolutionFile, readSolutionZip, type SolutionPackage } from './solution-zip';
import type { DeployState } from './state';
import { DEPLOY_TABLES } from './tables';

/** Texts of refusals the reference names but did not quote (deploy.md §10 "clash and uninstall texts"): (unconfirmed). */
export const REFUSALS = {
    managedOverUnmanaged: (name: string) =>
        `The solution is already installed on this system as an unmanaged solution and the package you are trying to install is managed. If you want to update the solution, export it as an unmanaged solution. Otherwise, uninstall the unmanaged solution ${name} first.`,
    unmanagedOverManaged: (name: string) =>
        `The solution ${name} is already installed on this system as a managed solution and the package you are trying to install is unmanaged. An unmanaged solution cannot update a managed one.`,
    olderVersion: (name: string, installed: string, given: string) =>
        `The solution ${name} cannot be imported because its version ${given} is lower than the installed version ${installed}.`,
    sameVersion: (installed: string) => `The installed version ${installed} is the same as the version being imported.`,
    missingDependency: (name: string) =>
        `The import of solution ${name} failed: the solution requires components that are not in this environment (see MissingDependencies).`,
    componentFailure: (control: string) =>
        `The custom control ${control} could not be imported: its manifest names a resource the platform could not process.`,
    componentWarning: (control: string) =>
        `The custom control ${control} was imported with a warning: its resources were updated in place.`,
};
const CODES_DEPLOY = {
    missingDependency: '0x80048058',
    componentFailure: '0x8004f016',
    clash: '0x80048033',
    older: '0x80048034',
};
const PRIVILEGE_MISSING = '0x80040220';

const tableOf = (name: string) => DEPLOY_TABLES.find((t) => t.entitySet === name);

function parseJson(req: OpRequest): Record<string, unknown> | OpResult {
    try {
        return (req.body ? JSON.parse(req.body) : {}) as Record<string, unknown>;
    } catch {
        return odataError(400, CODES.payload, 'The request body is not valid JSON.');
    }
}

const isResult = (v: unknown): v is OpResult => typeof v === 'object' && v !== null && 'status' in v && 'headers' in v;

function holds(user: EmulatorUser, privilege: string): boolean {
    return user.roles.some((r) => CUSTOMIZER_ROLES.includes(r)) || user.privileges.includes(privilege);
}

function missingPrivilege(user: EmulatorUser, privilege: string): OpResult {
    return odataError(
        403,
        PRIVILEGE_MISSING,
        `Principal user (Id=${user.systemuserid}, type=8, roleCount=${user.roles.length}), is missing ${privilege} privilege.`,
    );
}

function lockedReply(s: DeployState, env: OpEnv, operation: string): OpResult | undefined {
    const remaining = s.lock.untilMs - env.nowMs;
    if (remaining <= 0) return undefined;
    const message = `Cannot start the requested operation [${operation}] because there is another [${s.lock.operation}] running at this moment. Use the Solution History view to check the current operation. Please try again later.`;
    if (s.lock.reply === 'error') return odataError(400, LOCK_CODE, message);
    const retryAfter = String(Math.max(1, Math.ceil(s.realMs(remaining) / 1000)));
    return odataError(429, LOCK_CODE, message, { 'Retry-After': retryAfter });
}

function readPackage(body: Record<string, unknown>, s: DeployState): SolutionPackage | OpResult {
    const file = body.CustomizationFile;
    const uploadId = (body.SolutionParameters as { StageSolutionUploadId?: string } | undefined)?.StageSolutionUploadId;
    if (typeof file !== 'string' || file === '') {
        const staged = uploadId ? s.staged.get(uploadId) : undefined;
        if (staged) return staged;
        return odataError(400, CODES.payload, "The parameter 'CustomizationFile' is required.");
    }
    try {
        return readSolutionZip(file);
    } catch (e) {
        if (e instanceof InvalidSolutionFile) return odataError(400, INVALID_ZIP_CODE, e.message);
        throw e;
    }
}

type Findings = { errors: string[]; warnings: string[]; clash: boolean; older: boolean };

function findings(env: OpEnv, pkg: SolutionPackage): Findings {
    const installed = env.store
        .list('solutions')
        .find((r) => String(r.uniquename).toLowerCase() === pkg.uniqueName.toLowerCase());
    const out: Findings = { errors: [], warnings: [], clash: false, older: false };
    if (!installed) return out;
    const installedVersion = String(installed.version);
    if (installed.ismanaged === false && pkg.managed) {
        out.clash = true;
        out.errors.push(REFUSALS.managedOverUnmanaged(pkg.uniqueName));
    } else if (installed.ismanaged === true && !pkg.managed) {
        out.clash = true;
        out.errors.push(REFUSALS.unmanagedOverManaged(pkg.uniqueName));
    } else if (compareVersions(pkg.version, installedVersion) < 0 && pkg.managed) {
        out.older = true;
        out.errors.push(REFUSALS.olderVersion(pkg.uniqueName, installedVersion, pkg.version));
    } else if (compareVersions(pkg.version, installedVersion) === 0)
        out.warnings.push(REFUSALS.sameVersion(installedVersion));
    return out;
}

function missingDependencies(s: DeployState, pkg: SolutionPackage): Row[] {
    if (!s.switches.missingDependency) return [];
    const control = pkg.controls[0]?.name ?? pkg.uniqueName;
    return [
        {
            RequiredComponentSchemaName: 'msdyn_EmailServerProfileExtensions',
            RequiredComponentDisplayName: 'Email Server Profile Extensions',
            RequiredComponentType: 1,
            RequiredComponentId: 'b3000000-0000-4000-8000-000000000001',
            DependentComponentSchemaName: control,
            DependentComponentDisplayName: control,
            DependentComponentType: 66,
        },
    ];
}

function stage(s: DeployState, env: OpEnv, req: OpRequest): OpResult {
    if (!holds(env.user, 'prvImportCustomization')) return missingPrivilege(env.user, 'prvImportCustomization');
    const body = parseJson(req);
    if (isResult(body)) return body;
    const pkg = readPackage(body, s);
    if (isResult(pkg)) return pkg;
    const uploadId = randomUUID();
    s.staged.set(uploadId, pkg);
    const f = findings(env, pkg);
    const missing = missingDependencies(s, pkg);
    const names = s.switches.stageEnums === 'names';
    const type = (t: 'Warning' | 'Error') => (names ? t : t === 'Error' ? 2 : 1);
    const validation = [
        ...f.errors.map((Message) => ({
            SolutionValidationResultType: type('Error'),
            Message,
            ErrorCode: -2147188685,
        })),
        ...f.warnings.map((Message) => ({ SolutionValidationResultType: type('Warning'), Message, ErrorCode: 0 })),
    ];
    const passed = f.errors.length === 0 && missing.length === 0;
    return {
        status: 200,
        headers: {},
        body: {
            '@odata.context': `${env.serviceRoot}$metadata#Microsoft.Dynamics.CRM.StageSolutionResponse`,
            StageSolutionResults: {
                StageSolutionUploadId: uploadId,
                StageSolutionStatus: names ? (passed ? 'Passed' : 'Failed') : passed ? 1 : 0,
                SolutionDetails: {
                    SolutionUniqueName: pkg.uniqueName,
                    SolutionFriendlyName: pkg.friendlyName,
                    SolutionVersion: pkg.version,
                    IsManaged: pkg.managed,
                    PublisherUniqueName: pkg.publisher,
                },
                SolutionComponentsDetails: pkg.controls.map((c) => ({
                    ComponentType: 66,
                    ComponentTypeName: 'Custom Control',
                    SchemaName: c.name,
                    Version: c.version,
                })),
                MissingDependencies: missing,
                SolutionValidationResults: validation,
            },
        },
    };
}

function outcomeOf(s: DeployState, env: OpEnv, pkg: SolutionPackage): ImportOutcome {
    const f = findings(env, pkg);
    const control = pkg.controls[0]?.name ?? pkg.uniqueName;
    const fail = (errorcode: string, errortext: string): ImportOutcome => ({
        statuscode: 31,
        solutionResult: 'failure',
        componentResult: 'failure',
        errorcode,
        errortext,
        friendlymessage: errortext,
    });
    if (f.clash) return fail(CODES_DEPLOY.clash, f.errors[0]);
    if (f.older) return fail(CODES_DEPLOY.older, f.errors[0]);
    if (s.switches.missingDependency)
        return fail(CODES_DEPLOY.missingDependency, REFUSALS.missingDependency(pkg.uniqueName));
    if (s.switches.componentFailure !== 'none') {
        const text = REFUSALS.componentFailure(control);
        const silent = s.switches.componentFailure === 'silent';
        return {
            ...fail(CODES_DEPLOY.componentFailure, text),
            statuscode: silent ? 30 : 31,
            friendlymessage: silent ? undefined : text,
        };
    }
    if (s.switches.cancelImport)
        return {
            statuscode: 32,
            solutionResult: 'failure',
            componentResult: 'success',
            errorcode: '0x80040216',
            errortext: 'The import was canceled.',
            friendlymessage: 'The import was canceled.',
        };
    if (s.switches.componentWarning)
        return {
            statuscode: 30,
            solutionResult: 'success',
            componentResult: 'warning',
            errorcode: '0',
            errortext: REFUSALS.componentWarning(control),
        };
    return { statuscode: 30, solutionResult: 'success', componentResult: 'success', errorcode: '0', errortext: '' };
}

function importAsync(s: DeployState, env: OpEnv, req: OpRequest): OpResult {
    if (!holds(env.user, 'prvImportCustomization')) return missingPrivilege(env.user, 'prvImportCustomization');
    const body = parseJson(req);
    if (isResult(body)) return body;
    for (const p of ['OverwriteUnmanagedCustomizations', 'PublishWorkflows'])
        if (typeof body[p] !== 'boolean')
            return odataError(400, CODES.payload, `The parameter '${p}' is required and must be a boolean.`);
    const locked = lockedReply(s, env, 'Import');
    if (locked) return locked;
    const pkg = readPackage(body, s);
    if (isResult(pkg)) return pkg;
    const run: ImportRun = {
        asyncId: randomUUID(),
        jobId: randomUUID(),
        pkg,
        queuedMs: env.nowMs,
        outcome: outcomeOf(s, env, pkg),
        done: false,
    };
    s.runs.push(run);
    env.store.upsert('asyncoperations', run.asyncId, {
        name: 'Import Solution',
        operationtype: 103,
        statecode: 0,
        statuscode: 0,
        message: null,
        friendlymessage: null,
    });
    // The lock holds while the import runs and for a while after it (deploy.md §5).
    const end = env.nowMs + IMPORT_TIMING.jobCreatedMs + IMPORT_TIMING.durationMs + LOCK_AFTER_IMPORT_MS;
    s.lock = { ...s.lock, untilMs: Math.max(s.lock.untilMs, end), operation: 'Import' };
    return {
        status: 200,
        headers: {},
        body: {
            '@odata.context': `${env.serviceRoot}$metadata#Microsoft.Dynamics.CRM.ImportSolutionAsyncResponse`,
            AsyncOperationId: run.asyncId,
            ImportJobKey: run.jobId,
        },
    };
}

function publish(s: DeployState, env: OpEnv, req: OpRequest, all: boolean): OpResult {
    if (!holds(env.user, 'prvPublishCustomizations')) return missingPrivilege(env.user, 'prvPublishCustomizations');
    const locked = lockedReply(s, env, all ? 'PublishAll' : 'Publish');
    if (locked) return locked;
    let entities: string[] | undefined;
    if (!all) {
        const body = parseJson(req);
        if (isResult(body)) return body;
        const xml = body.ParameterXml;
        if (typeof xml !== 'string' || !XMLValidator.validate(xml).valueOf())
            return odataError(
                400,
                CODES.payload,
                "The parameter 'ParameterXml' is required and must be well-formed XML.",
            );
        entities = [...xml.matchAll(/<entity>\s*([^<\s]+)\s*<\/entity>/g)].map((m) => m[1].toLowerCase());
    }
    for (const form of env.store.list('systemforms')) {
        if (form.draftformxml === null || form.draftformxml === undefined) continue;
        if (entities && !entities.includes(String(form.objecttypecode))) continue;
        env.store.upsert('systemforms', String(form.formid), {
            formxml: form.draftformxml,
            draftformxml: null,
            publishedon: new Date(env.nowMs).toISOString(),
        });
    }
    return { status: 204, headers: {} };
}

function patchForm(env: OpEnv, id: string, req: OpRequest): OpResult {
    const row = env.store.get('systemforms', id);
    if (!row) return recordNotFound('systemform', id);
    if (!holds(env.user, 'prvWriteSystemForm')) return missingPrivilege(env.user, 'prvWriteSystemForm');
    const ifMatch = req.headers['if-match'];
    if (ifMatch && ifMatch !== '*' && ifMatch !== `W/"${env.store.version('systemforms', id)}"`) return STALE_ETAG;
    const body = parseJson(req);
    if (isResult(body)) return body;
    const unknown = Object.keys(body).find((k) => k !== 'formxml');
    if (unknown) return unknownProperty(unknown, 'systemform');
    const formxml = body.formxml;
    if (typeof formxml !== 'string' || XMLValidator.validate(formxml) !== true)
        return odataError(400, CODES.validation, 'The form XML is not valid: it is not well-formed.');
    if ((row.iscustomizable as { Value?: boolean } | undefined)?.Value === false)
        return odataError(
            400,
            CODES.validation,
            'This form cannot be customized: its IsCustomizable managed property is false.',
        );
    // A form update writes the unpublished copy; readers see it only after a publish (deploy.md §6, [D16]).
    env.store.upsert('systemforms', id, { draftformxml: formxml });
    return { status: 204, headers: { 'OData-EntityId': `${env.serviceRoot}systemforms(${id})` } };
}

function unpublished(env: OpEnv, req: OpRequest): OpResult {
    const table = tableOf('systemforms');
    if (!table) throw new Error('systemforms table missing');
    // The draft where there is one, else the published copy ([D16]); the reader pages through the store, so it gets
    // a view of the store that answers forms that way.
    const draftOf = (r: Row | undefined): Row | undefined => r && { ...r, formxml: r.draftformxml ?? r.formxml };
    const store = {
        ...env.store,
        get: (set: string, id: string) =>
            set === 'systemforms' ? draftOf(env.store.get(set, id)) : env.store.get(set, id),
    };
    const rows = env.store.list('systemforms').map((r) => draftOf(r) as Row);
    return readCollection({ ...env, store }, table, req, rows);
}

function entityDefinition(s: DeployState, env: OpEnv, key: string): OpResult {
    const logicalName = /^LogicalName='([^']*)'$/.exec(key)?.[1];
    if (logicalName !== 'emailserverprofile')
        return odataError(404, CODES.notFound, `Could not find an entity with logical name ${logicalName ?? key}.`);
    return {
        status: 200,
        headers: {},
        body: {
            '@odata.context': `${env.serviceRoot}$metadata#EntityDefinitions(LogicalName,IsCustomizable)/$entity`,
            LogicalName: 'emailserverprofile',
            MetadataId: 'b4000000-0000-4000-8000-000000000001',
            IsCustomizable: {
                Value: s.switches.tableCustomizable,
                CanBeChanged: false,
                ManagedPropertyLogicalName: 'iscustomizable',
            },
        },
    };
}

function formattedJobResults(s: DeployState, env: OpEnv, params: string): OpResult {
    const id = /ImportJobId=([0-9a-fA-F-]{36})/.exec(params)?.[1]?.toLowerCase();
    const run = s.runs.find((r) => r.jobId === id);
    if (!run || !env.store.get('importjobs', run.jobId)) return recordNotFound('importjob', id ?? params);
    return {
        status: 200,
        headers: {},
        body: {
            '@odata.context': `${env.serviceRoot}$metadata#Microsoft.Dynamics.CRM.RetrieveFormattedImportJobResultsResponse`,
            FormattedResults: formattedResults(run),
        },
    };
}

function serviceDocument(env: OpEnv): OpResult {
    const value = [...env.tables.values()].map((t) => ({ name: t.entitySet, kind: 'EntitySet', url: t.entitySet }));
    return { status: 200, headers: {}, body: { '@odata.context': `${env.serviceRoot}$metadata`, value } };
}

/** Answer the deployment operations; undefined lets the generic router handle the request. */
export function routeDeployment(s: DeployState, env: OpEnv, req: OpRequest): OpResult | undefined {
    const path = decodeURIComponent(req.path);
    const post = req.method === 'POST';
    if (path === '' && req.method === 'GET') return serviceDocument(env);
    if (path === 'StageSolution' && post) return stage(s, env, req);
    if (path === 'ImportSolutionAsync' && post) return importAsync(s, env, req);
    if (path === 'PublishAllXml' && post) return publish(s, env, req, true);
    if (path === 'PublishXml' && post) return publish(s, env, req, false);
    const formatted = /^RetrieveFormattedImportJobResults\((.*)\)$/.exec(path);
    if (formatted && req.method === 'GET') return formattedJobResults(s, env, formatted[1]);
    if (
        /^systemforms\/Microsoft\.Dynamics\.CRM\.RetrieveUnpublishedMultiple(\(\))?$/.test(path) &&
        req.method === 'GET'
    )
        return unpublished(env, req);
    const form = /^systemforms\(\{?([0-9a-fA-F-]{36})\}?\)$/.exec(path);
    if (form && req.method === 'PATCH') return patchForm(env, form[1].toLowerCase(), req);
    const definition = /^EntityDefinitions\((.*)\)$/.exec(path);
    if (definition && req.method === 'GET') return entityDefinition(s, env, definition[1]);
    return undefined;
}
