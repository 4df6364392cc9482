/**
 * FetchXML aggregate queries through the Web API (`GET <set>?fetchXml=<fetch aggregate="true">…`), as Microsoft Learn
 * "Aggregate data using FetchXml" describes them: every attribute needs an alias and either `aggregate` (count,
 * countcolumn [distinct], sum, avg, min, max) or `groupby="true"`; `filter`/`condition` (eq, ne/neq, null, not-null,
 * in, not-in, gt, ge, lt, le) on logical column names; `order alias=…`; `aggregatelimit` lowers the 50,000-row limit.
 * Plain (non-aggregate) FetchXML, link-entity and date grouping are not emulated and answer 400 saying so.
 */
import { XMLParser } from 'fast-xml-parser';
import type { ColumnDef, Row, TableDef } from './contract';
import { normalizeGuid } from './columns';
import { CODES, EmulatorError, odataError } from './errors';
import { sortKey, type Predicate } from './filter';
import {
    AGGREGATE_RECORD_LIMIT,
    type AggregateColumn,
    type AggregateKind,
    type AggregatePlan,
    type GroupColumn,
} from './aggregate';

type Node = { tag: string; attrs: Record<string, string>; children: Node[]; text: string };

const KINDS: Record<string, AggregateKind> = {
    count: 'count',
    countcolumn: 'countcolumn',
    sum: 'sum',
    avg: 'avg',
    min: 'min',
    max: 'max',
};

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    preserveOrder: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
});

function bad(code: string, message: string): EmulatorError {
    return new EmulatorError(odataError(400, code, message));
}

function notEmulated(what: string): EmulatorError {
    return bad(CODES.odataQuery, `${what} is not emulated (tests/sandbox/emulator/README.md).`);
}

function toNodes(items: unknown[]): Node[] {
    const out: Node[] = [];
    for (const item of items as Record<string, unknown>[]) {
        const tag = Object.keys(item).find((k) => k !== ':@');
        if (!tag || tag === '#text') continue;
        const children = (item[tag] as unknown[]) ?? [];
        const text = (children as Record<string, unknown>[])
            .map((c) => c['#text'])
            .filter((t) => t !== undefined)
            .join('');
        out.push({ tag, attrs: (item[':@'] as Record<string, string>) ?? {}, children: toNodes(children), text });
    }
    return out;
}

function parseXml(xml: string): Node {
    let parsed: unknown[];
    try {
        parsed = parser.parse(xml, true) as unknown[];
    } catch {
        throw bad(CODES.odataQuery, 'The fetchXml parameter is not well-formed XML.');
    }
    const fetch = toNodes(parsed).find((n) => n.tag === 'fetch');
    if (!fetch) throw bad(CODES.odataQuery, 'The fetchXml parameter has no fetch element.');
    return fetch;
}

function nodeXml(n: Node): string {
    const attrs = Object.entries(n.attrs)
        .map(([k, v]) => ` ${k}="${v}"`)
        .join('');
    return `<${n.tag}${attrs} />`;
}

function columnOf(table: TableDef, name: string | undefined): ColumnDef {
    const col = table.columns.find((c) => c.name === name && !c.writeOnly);
    if (!col)
        throw bad(
            CODES.fetchNoAttribute,
            `'${table.logicalName}' entity doesn't contain attribute with Name = '${name ?? ''}' and NameMapping = 'Logical'.`,
        );
    return col;
}

function parseAttribute(table: TableDef, n: Node, plan: AggregatePlan): void {
    const col = columnOf(table, n.attrs.name);
    const alias = n.attrs.alias;
    const isGroup = n.attrs.groupby === 'true';
    if (!n.attrs.aggregate && !isGroup)
        throw bad(
            CODES.fetchAttributeWithAggregate,
            `An attribute can not be requested when an aggregate operation has been specified and its neither groupby nor aggregate.  NodeXml : ${nodeXml(n)}`,
        );
    if (!alias)
        throw bad(
            CODES.fetchNoAlias,
            `An alias must be specified for every attribute in an aggregate query. NodeXml: ${nodeXml(n)}`,
        );
    if (isGroup) {
        if (col.type === 'datetime' || n.attrs.dategrouping) throw notEmulated('Grouping by a date');
        plan.groups.push({ col, name: alias } satisfies GroupColumn);
        return;
    }
    const kind = KINDS[n.attrs.aggregate.toLowerCase()];
    if (!kind) throw bad(CODES.odataQuery, `Invalid aggregate '${n.attrs.aggregate}'. NodeXml: ${nodeXml(n)}`);
    const distinct = kind === 'countcolumn' && n.attrs.distinct === 'true';
    plan.aggregates.push({ kind: distinct ? 'countdistinct' : kind, col, alias } satisfies AggregateColumn);
}

/** The comparable key of a condition value for a column, or a 400 when it cannot be one. */
function conditionKey(col: ColumnDef, raw: string): string | number | undefined {
    const wrong = () => bad(CODES.odataQuery, `Condition value '${raw}' is not valid for attribute '${col.name}'.`);
    if (col.type === 'guid' || col.type === 'lookup') {
        const id = normalizeGuid(raw);
        if (!id) throw wrong();
        return id;
    }
    if (col.type === 'bool') {
        if (!/^(true|false|1|0)$/i.test(raw)) throw wrong();
        return /^(true|1)$/i.test(raw) ? 1 : 0;
    }
    if (col.type === 'datetime') {
        if (Number.isNaN(Date.parse(raw))) throw wrong();
        return Date.parse(raw);
    }
    if (col.type === 'int' || col.type === 'bigint' || col.type === 'choice') {
        if (!/^-?\d+$/.test(raw.trim())) throw wrong();
        return Number(raw);
    }
    return raw.toLowerCase();
}

const COMPARE: Record<string, (d: number) => boolean> = {
    eq: (d) => d === 0,
    ne: (d) => d !== 0,
    neq: (d) => d !== 0,
    gt: (d) => d > 0,
    ge: (d) => d >= 0,
    lt: (d) => d < 0,
    le: (d) => d <= 0,
};

function parseCondition(table: TableDef, n: Node): Predicate {
    const col = columnOf(table, n.attrs.attribute);
    const name = col.type === 'lookup' ? `_${col.name}_value` : col.name;
    const read = (row: Row) => sortKey(col, row[name]);
    const op = (n.attrs.operator ?? '').toLowerCase();
    if (op === 'null') return (row) => read(row) === undefined;
    if (op === 'not-null') return (row) => read(row) !== undefined;
    if (op === 'in' || op === 'not-in') {
        const keys = new Set(n.children.filter((c) => c.tag === 'value').map((c) => conditionKey(col, c.text)));
        return op === 'in' ? (row) => keys.has(read(row)) : (row) => !keys.has(read(row));
    }
    const test = COMPARE[op];
    if (!test) throw notEmulated(`The condition operator '${op}'`);
    const key = conditionKey(col, n.attrs.value ?? '');
    return (row) => {
        const v = read(row);
        if (v === undefined || key === undefined) return op === 'ne' || op === 'neq';
        return test(v < key ? -1 : v > key ? 1 : 0);
    };
}

function parseFilter(table: TableDef, n: Node): Predicate {
    const parts = n.children.map((c) => {
        if (c.tag === 'condition') return parseCondition(table, c);
        if (c.tag === 'filter') return parseFilter(table, c);
        throw bad(CODES.odataQuery, `Unexpected element '${c.tag}' in a filter.`);
    });
    return (n.attrs.type ?? 'and').toLowerCase() === 'or'
        ? (row) => parts.some((p) => p(row))
        : (row) => parts.every((p) => p(row));
}

function aggregateLimit(raw: string | undefined): number {
    if (raw === undefined) return AGGREGATE_RECORD_LIMIT;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw bad(CODES.odataQuery, `Invalid aggregatelimit '${raw}'.`);
    // "The per query limit can't exceed default aggregate limit" (Microsoft Learn): never above 50,000.
    return Math.min(Number(raw), AGGREGATE_RECORD_LIMIT);
}

/** Parses a `fetchXml` query parameter for `table` into an aggregate plan, or throws the 400 it answers. */
export function parseFetchXml(table: TableDef, query: URLSearchParams): AggregatePlan {
    for (const key of query.keys())
        if (key.startsWith('$'))
            throw bad(CODES.odataQuery, `The query parameter ${key} cannot be used with fetchXml.`);
    const fetch = parseXml(query.get('fetchXml') ?? '');
    if (fetch.attrs.aggregate !== 'true') throw notEmulated('FetchXML without aggregate="true"');
    const entity = fetch.children.find((c) => c.tag === 'entity');
    if (entity?.attrs.name !== table.logicalName)
        throw bad(
            CODES.odataQuery,
            `The entity name '${entity?.attrs.name ?? ''}' in fetchXml does not match '${table.logicalName}' of the request URI.`,
        );
    const plan: AggregatePlan = {
        groups: [],
        aggregates: [],
        order: [],
        limit: aggregateLimit(fetch.attrs.aggregatelimit),
    };
    const filters: Predicate[] = [];
    for (const n of entity.children) {
        if (n.tag === 'attribute') parseAttribute(table, n, plan);
        else if (n.tag === 'filter') filters.push(parseFilter(table, n));
        else if (n.tag === 'order') {
            if (!n.attrs.alias) throw notEmulated('Ordering an aggregate query by attribute instead of alias');
            plan.order.push({ name: n.attrs.alias, descending: n.attrs.descending === 'true' });
        } else throw notEmulated(`The FetchXML element '${n.tag}'`);
    }
    if (filters.length > 0) plan.predicate = (row) => filters.every((f) => f(row));
    return plan;
}
