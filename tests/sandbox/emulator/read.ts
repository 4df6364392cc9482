/**
 * GET of collections, single rows and collection navigation (dataverse.md §8): $select, $filter, $orderby,
 * $top, $count, Prefer odata.maxpagesize (≤ 5,000, also the default) and an opaque, stable $skiptoken.
 */
import type { ColumnDef, Row, TableDef } from './contract';
import { resolveColumn, resolveQueryable, storedName } from './columns';
import { CODES, EmulatorError, odataError, recordNotFound } from './errors';
import { alertReadRefusal } from './alert-refusal';
import { compileFilter, sortKey, type FilterLinks } from './filter';
import { aggregateResult, runAggregate } from './aggregate';
import { parseApply } from './apply';
import { parseFetchXml } from './fetchxml';
import { appliedAnnotations, formatRow, readableColumns, type FormatContext } from './format';
import { parsePrefer, wantsAnnotation } from './prefer';
import type { OpEnv, OpRequest, OpResult } from './types';

/** Maximum (and default) page size (dataverse.md §8). */
export const MAX_PAGE_SIZE = 5000;
/** `@odata.count` counts "up to 5,000" (Microsoft Learn "Count rows using OData"). */
export const MAX_COUNT = 5000;
const TOTAL_COUNT = 'Microsoft.Dynamics.CRM.totalrecordcount';
const TOTAL_COUNT_EXCEEDED = 'Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded';
const SUPPORTED = new Set(['$select', '$filter', '$orderby', '$top', '$count', '$skiptoken']);

function checkOptions(query: URLSearchParams): void {
    for (const key of query.keys()) {
        if (key.startsWith('$') && !SUPPORTED.has(key))
            throw new EmulatorError(odataError(400, CODES.odataQuery, `The query parameter ${key} is not supported`));
    }
}

function parseSelect(table: TableDef, query: URLSearchParams): ColumnDef[] | undefined {
    const s = query.get('$select');
    if (s === null) return undefined;
    return s.split(',').map((n) => resolveColumn(table, n.trim()));
}

function formatContext(env: OpEnv, table: TableDef, req: OpRequest): FormatContext {
    const { store } = env;
    return {
        tables: env.tables,
        store: env.store,
        annotations: parsePrefer(req.headers.prefer).annotations,
        version: (id) => store.version(table.entitySet, id),
    };
}

function contextUrl(env: OpEnv, table: TableDef, select: ColumnDef[] | undefined, entity: boolean): string {
    const cols = select ? `(${select.map(storedName).join(',')})` : '';
    return `${env.serviceRoot}$metadata#${table.entitySet}${cols}${entity ? '/$entity' : ''}`;
}

function orderIds(env: OpEnv, table: TableDef, rows: Row[], query: URLSearchParams): string[] {
    const filter = query.get('$filter');
    const pred = filter !== null ? compileFilter(table, filter, filterLinks(env)) : undefined;
    const order = (query.get('$orderby') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => {
            const [name, dir = 'asc'] = s.split(/\s+/);
            if (dir !== 'asc' && dir !== 'desc')
                throw new EmulatorError(
                    odataError(400, CODES.odataQuery, `Syntax error at position ${s.length} in '${s}'.`),
                );
            return { col: resolveQueryable(table, name), sign: dir === 'desc' ? -1 : 1 };
        });
    const picked = pred ? rows.filter(pred) : rows;
    if (order.length === 0) return picked.map((r) => String(r[table.primaryKey]));
    const keyed = picked.map((r) => ({
        id: String(r[table.primaryKey]),
        k: order.map((o) => sortKey(o.col, r[storedName(o.col)])),
    }));
    keyed.sort((a, b) => {
        for (let i = 0; i < order.length; i += 1) {
            const x = a.k[i];
            const y = b.k[i];
            if (x === y) continue;
            // Nulls sort first ascending, as SQL Server does under Dataverse.
            if (x === undefined) return -order[i].sign;
            if (y === undefined) return order[i].sign;
            return (x < y ? -1 : 1) * order[i].sign;
        }
        return 0;
    });
    return keyed.map((k) => k.id);
}

type Token = { k: string; o: number };

function decodeToken(raw: string): Token {
    try {
        const t = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Token;
        if (typeof t.k === 'string' && Number.isInteger(t.o) && t.o >= 0) return t;
    } catch {
        // fall through to the error
    }
    throw new EmulatorError(odataError(400, CODES.odataQuery, 'The $skiptoken value is not valid.'));
}

/** GET <set>, GET <set>(id)/<collection>: `source` is the candidate rows. */
export function readCollection(env: OpEnv, table: TableDef, req: OpRequest, source: Row[]): OpResult {
    const refused = alertReadRefusal(env, table);
    if (refused) return refused;
    if (req.query.has('$apply') || req.query.has('fetchXml')) return readAggregate(env, table, req, source);
    const { query } = req;
    checkOptions(query);
    const select = parseSelect(table, query);
    const prefs = parsePrefer(req.headers.prefer);
    const pageSize = Math.min(prefs.maxPageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE) || MAX_PAGE_SIZE;
    const rawToken = query.get('$skiptoken');
    let ids: string[];
    let offset = 0;
    let key: string | undefined;
    if (rawToken !== null) {
        const t = decodeToken(rawToken);
        offset = t.o;
        key = t.k;
        // Evicted snapshot: recompute from the same query (the nextLink carries it), same order.
        ids = env.pages.get(t.k) ?? orderIds(env, table, source, query);
    } else {
        ids = orderIds(env, table, source, query);
    }
    const top = query.get('$top');
    // $top is ignored when odata.maxpagesize is sent (dataverse.md §8).
    if (top !== null && prefs.maxPageSize === undefined) {
        if (!/^\d+$/.test(top))
            throw new EmulatorError(
                odataError(400, CODES.odataQuery, `Invalid value '${top}' for $top query option found.`),
            );
        ids = ids.slice(0, Number(top));
    }
    const ctx = formatContext(env, table, req);
    const cols = readableColumns(table, select);
    const value: Row[] = [];
    for (const id of ids.slice(offset, offset + pageSize)) {
        const row = env.store.get(table.entitySet, id);
        if (row) value.push(formatRow(table, row, cols, ctx));
    }
    const body: Row = { '@odata.context': contextUrl(env, table, select, false) };
    addCounts(body, query.get('$count') === 'true', ids.length, prefs.annotations);
    body.value = value;
    if (offset + pageSize < ids.length) {
        key ??= env.pages.put(ids);
        const token = Buffer.from(JSON.stringify({ k: key, o: offset + pageSize })).toString('base64url');
        const pairs = [...query.entries()].filter(([k]) => k !== '$skiptoken').concat([['$skiptoken', token]]);
        const search = pairs
            .map(([k, v]) => `${encodeURIComponent(k).replace(/%24/g, '$')}=${encodeURIComponent(v)}`)
            .join('&');
        body['@odata.nextLink'] = `${env.serviceRoot}${req.path}?${search}`;
    }
    return {
        status: 200,
        headers: preferenceApplied(prefs.annotations, prefs.maxPageSize !== undefined ? pageSize : undefined),
        body,
    };
}

/**
 * `@odata.count` (with `$count=true`) counts at most 5,000; the totalrecordcount annotations, when asked for, say the
 * same number (−1 without `$count=true`) and whether there are more (Microsoft Learn "Count rows using OData").
 */
function addCounts(body: Row, counted: boolean, total: number, annotations: string[] | undefined): void {
    if (counted) body['@odata.count'] = Math.min(total, MAX_COUNT);
    if (wantsAnnotation(annotations, TOTAL_COUNT)) body[`@${TOTAL_COUNT}`] = counted ? Math.min(total, MAX_COUNT) : -1;
    if (wantsAnnotation(annotations, TOTAL_COUNT_EXCEEDED))
        body[`@${TOTAL_COUNT_EXCEEDED}`] = counted && total > MAX_COUNT;
}

function filterLinks(env: OpEnv): FilterLinks {
    return { tables: env.tables, get: (set, id) => env.store.get(set, id) };
}

/** GET <set>?$apply=… or ?fetchXml=<fetch aggregate="true">…: one answer row per group, never paged. */
function readAggregate(env: OpEnv, table: TableDef, req: OpRequest, source: Row[]): OpResult {
    const plan = req.query.has('fetchXml')
        ? parseFetchXml(table, req.query)
        : parseApply(table, req.query, filterLinks(env));
    const ctx = formatContext(env, table, req);
    const result = aggregateResult(env.serviceRoot, table, runAggregate(plan, source, ctx));
    return { ...result, headers: preferenceApplied(ctx.annotations, undefined) };
}

/** GET <set>/$count[?$filter=…]: the number as text/plain, at most 5,000 like @odata.count (unconfirmed). */
export function readCount(env: OpEnv, table: TableDef, req: OpRequest): OpResult {
    const refused = alertReadRefusal(env, table);
    if (refused) return refused;
    const filter = req.query.get('$filter');
    const rows = env.store.list(table.entitySet);
    const n = filter === null ? rows.length : rows.filter(compileFilter(table, filter, filterLinks(env))).length;
    return { status: 200, headers: {}, body: String(Math.min(n, MAX_COUNT)), contentType: 'text/plain' };
}

function preferenceApplied(annotations: string[] | undefined, pageSize: number | undefined): Record<string, string> {
    const applied = [
        appliedAnnotations(annotations),
        pageSize !== undefined ? `odata.maxpagesize=${pageSize}` : undefined,
    ].filter(Boolean);
    return applied.length > 0 ? { 'Preference-Applied': applied.join(',') } : {};
}

/** GET <set>(<id>) with $select; If-None-Match with the current ETag → 304. */
export function readSingle(env: OpEnv, table: TableDef, id: string, req: OpRequest): OpResult {
    const refused = alertReadRefusal(env, table);
    if (refused) return refused;
    checkOptions(req.query);
    const select = parseSelect(table, req.query);
    const row = env.store.get(table.entitySet, id);
    if (!row) return recordNotFound(table.logicalName, id);
    const ctx = formatContext(env, table, req);
    const body: Row = {
        '@odata.context': contextUrl(env, table, select, true),
        ...formatRow(table, row, readableColumns(table, select), ctx),
    };
    if (table.concurrency && req.headers['if-none-match'] && req.headers['if-none-match'] === body['@odata.etag'])
        return { status: 304, headers: {} };
    return { status: 200, headers: preferenceApplied(ctx.annotations, undefined), body };
}

/** GET <set>(<id>)/<collection navigation> via TableDef.collections. */
export function readNavigation(env: OpEnv, table: TableDef, id: string, nav: string, req: OpRequest): OpResult {
    const link = table.collections?.[nav];
    const target = link ? env.tables.get(link.targetSet) : undefined;
    if (!link || !target)
        return odataError(
            400,
            CODES.odataQuery,
            `Could not find a property named '${nav}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
        );
    if (!env.store.get(table.entitySet, id)) return recordNotFound(table.logicalName, id);
    const fk = link.foreignKey.startsWith('_') ? link.foreignKey : `_${link.foreignKey}_value`;
    const rows = env.store.list(target.entitySet).filter((r) => r[fk] === id);
    return readCollection(env, target, req, rows);
}
