/**
 * PATCH (update or upsert), POST (create) and DELETE (dataverse.md §8): If-Match `*` blocks the create (404),
 * If-Match <etag> → 412 when stale, If-None-Match `*` blocks the update, then the domain's beforeWrite verdict
 * (allow / refuse / ignore = the silent 204 no-op of dataverse.md §5) and afterWrite.
 */
import type { Row, TableDef } from './contract';
import { validatePayload } from './columns';
import { CODES, EmulatorError, odataError, recordNotFound } from './errors';
import { formatRow, readableColumns } from './format';
import { parsePrefer } from './prefer';
import { nextGuid } from './prng';
import type { OpEnv, OpRequest, OpResult } from './types';

/** The 412 body of a stale If-Match (dataverse.md §8). */
export const STALE_ETAG = odataError(
    412,
    CODES.concurrency,
    "The version of the existing record doesn't match the RowVersion property provided.",
);

function parseBody(table: TableDef, req: OpRequest): unknown {
    try {
        return JSON.parse(req.body || '{}') as unknown;
    } catch {
        throw new EmulatorError(
            odataError(
                400,
                CODES.payload,
                `Error identified in Payload provided by the user for Entity :'${table.logicalName}'. The request body is not valid JSON.`,
            ),
        );
    }
}

function entityId(env: OpEnv, table: TableDef, id: string): string {
    return `${env.serviceRoot}${table.entitySet}(${id})`;
}

function preconditions(env: OpEnv, table: TableDef, id: string, req: OpRequest): OpResult | undefined {
    const ifMatch = req.headers['if-match'];
    const ifNoneMatch = req.headers['if-none-match'];
    const exists = env.store.get(table.entitySet, id) !== undefined;
    if (ifNoneMatch === '*' && exists)
        return odataError(412, CODES.duplicate, 'A record with matching key values already exists.');
    if (ifMatch === undefined) return undefined;
    if (!exists) return recordNotFound(table.logicalName, id);
    if (ifMatch === '*' || !table.concurrency) return undefined;
    if (env.faults.staleEtagRate > 0 && env.random() < env.faults.staleEtagRate) return STALE_ETAG;
    const current = `W/"${env.store.version(table.entitySet, id)}"`;
    return ifMatch === current ? undefined : STALE_ETAG;
}

function applyWrite(env: OpEnv, table: TableDef, id: string, req: OpRequest, created: boolean): OpResult {
    const patch: Row = validatePayload(table, env.store, parseBody(table, req));
    delete patch[table.primaryKey];
    const ctx = { table, id, before: env.store.get(table.entitySet, id), patch, user: env.user, nowMs: env.nowMs };
    const verdict = env.domain.beforeWrite(ctx);
    if (verdict.kind === 'refuse') return odataError(verdict.status, verdict.code, verdict.message);
    const headers = { 'OData-EntityId': entityId(env, table, id) };
    if (verdict.kind === 'ignore') return { status: 204, headers };
    const row = env.store.upsert(table.entitySet, id, patch);
    env.domain.afterWrite(ctx, env.store);
    if (!parsePrefer(req.headers.prefer).returnRepresentation) return { status: 204, headers };
    const body = formatRow(table, env.store.get(table.entitySet, id) ?? row, readableColumns(table, undefined), {
        tables: env.tables,
        store: env.store,
        annotations: undefined,
        version: (x) => env.store.version(table.entitySet, x),
    });
    return {
        status: created ? 201 : 200,
        headers: { ...headers, 'Preference-Applied': 'return=representation' },
        body,
    };
}

/** PATCH <set>(<id>): update, or create when the row is missing and no If-Match was sent (upsert). */
export function patchRow(env: OpEnv, table: TableDef, id: string, req: OpRequest): OpResult {
    const failed = preconditions(env, table, id, req);
    if (failed) return failed;
    return applyWrite(env, table, id, req, env.store.get(table.entitySet, id) === undefined);
}

/** POST <set>: create with the id from the payload or a new one; 204 + OData-EntityId. */
export function createRow(env: OpEnv, table: TableDef, req: OpRequest): OpResult {
    const payload = parseBody(table, req) as Row;
    const given = payload && typeof payload === 'object' ? payload[table.primaryKey] : undefined;
    const id = typeof given === 'string' ? given.toLowerCase() : nextGuid(env.random);
    if (env.store.get(table.entitySet, id))
        return odataError(412, CODES.duplicate, 'A record with matching key values already exists.');
    return applyWrite(env, table, id, req, true);
}

/** DELETE <set>(<id>). */
export function deleteRow(env: OpEnv, table: TableDef, id: string, req: OpRequest): OpResult {
    const failed = preconditions(env, table, id, req);
    if (failed) return failed;
    if (!env.store.get(table.entitySet, id)) return recordNotFound(table.logicalName, id);
    env.store.remove(table.entitySet, id);
    return { status: 204, headers: {} };
}
