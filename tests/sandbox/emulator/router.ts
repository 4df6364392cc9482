/**
 * Routes one Web API operation (a plain request or a $batch part) to read/write/function handlers and turns
 * thrown EmulatorErrors into their 400/404 results. Pure with respect to HTTP: $batch reuses it per part.
 */
import type { TableDef } from './contract';
import { normalizeGuid } from './columns';
import { CODES, EmulatorError, odataError } from './errors';
import { readCollection, readNavigation, readSingle } from './read';
import { createRow, deleteRow, patchRow } from './write';
import type { OpEnv, OpRequest, OpResult } from './types';

function notFoundSegment(segment: string): OpResult {
    return odataError(404, CODES.segmentNotFound, `Resource not found for the segment '${segment}'.`);
}

function methodNotAllowed(method: string): OpResult {
    return odataError(405, CODES.odataQuery, `The HTTP method '${method}' is not allowed for this resource.`);
}

/** Parses `A='x',B=1,C=@p` (quotes unescaped, `@p` aliases taken from the query string). */
export function parseFunctionParams(raw: string, query: URLSearchParams): Record<string, string> {
    const params: Record<string, string> = {};
    const re = /\s*(\w+)\s*=\s*('(?:[^']|'')*'|[^,]*)\s*(?:,|$)/gy;
    let m: RegExpExecArray | null;
    while (re.lastIndex < raw.length && (m = re.exec(raw)) !== null) {
        let v = m[2].trim();
        if (v.startsWith('@')) v = query.get(v) ?? '';
        params[m[1]] = v.startsWith("'") && v.endsWith("'") && v.length >= 2 ? v.slice(1, -1).replace(/''/g, "'") : v;
        if (m[0] === '') break;
    }
    return params;
}

function callFunction(env: OpEnv, name: string, rawParams: string, req: OpRequest, boundId?: string): OpResult {
    const fn = env.domain.functions[name];
    if (!fn) return notFoundSegment(name);
    if (req.method !== 'GET') return methodNotAllowed(req.method);
    const result = fn({ boundId, params: parseFunctionParams(rawParams, req.query), user: env.user });
    return { status: result.status, headers: {}, body: result.body };
}

function keyOf(table: TableDef, raw: string): string {
    const id = normalizeGuid(raw);
    if (!id)
        throw new EmulatorError(
            odataError(
                400,
                CODES.odataQuery,
                `Bad Request - Error in query syntax. '${raw}' is not a valid key for ${table.entitySet}.`,
            ),
        );
    return id;
}

function entityRoute(env: OpEnv, table: TableDef, rawKey: string, rest: string | undefined, req: OpRequest): OpResult {
    const id = keyOf(table, rawKey);
    if (rest === undefined) {
        if (req.method === 'GET') return readSingle(env, table, id, req);
        if (req.method === 'PATCH') return patchRow(env, table, id, req);
        if (req.method === 'DELETE') return deleteRow(env, table, id, req);
        return methodNotAllowed(req.method);
    }
    const bound = /^Microsoft\.Dynamics\.CRM\.(\w+)(?:\((.*)\))?$/.exec(rest);
    if (bound) return callFunction(env, bound[1], bound[2] ?? '', req, id);
    if (req.method !== 'GET') return methodNotAllowed(req.method);
    return readNavigation(env, table, id, rest, req);
}

function route(env: OpEnv, req: OpRequest): OpResult {
    const path = decodeURIComponent(req.path);
    const m = /^([A-Za-z_]\w*)(?:\((.*?)\))?(?:\/(.+))?$/.exec(path);
    if (!m) return notFoundSegment(path);
    const [, name, key, rest] = m;
    const table = env.tables.get(name);
    if (!table) {
        if (rest === undefined && env.domain.functions[name]) return callFunction(env, name, key ?? '', req);
        return notFoundSegment(name);
    }
    if (key !== undefined) return entityRoute(env, table, key, rest, req);
    if (rest !== undefined) return notFoundSegment(rest);
    if (req.method === 'GET') return readCollection(env, table, req, env.store.list(table.entitySet));
    if (req.method === 'POST') return createRow(env, table, req);
    return methodNotAllowed(req.method);
}

/** Executes one operation; never throws for client errors (they become results). */
export function executeOperation(env: OpEnv, req: OpRequest): OpResult {
    try {
        return env.extension?.route?.(env, req) ?? route(env, req);
    } catch (e) {
        if (e instanceof EmulatorError) return e.result;
        throw e;
    }
}

/** Operation kind for the cost model: reads vs writes. */
export function operationKind(method: string): 'read' | 'write' {
    return method === 'GET' ? 'read' : 'write';
}
