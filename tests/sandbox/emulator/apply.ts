/**
 * OData `$apply` as Dataverse supports it (Microsoft Learn "Aggregate data using OData"): `filter(…)`, then
 * `groupby((a,b))`, `groupby((a,b),aggregate(…))` or `aggregate(…)`, with `$count as x` and `col with
 * sum|min|max|average|countdistinct as x`. `groupby` on a datetime column and `$orderby` on an aggregate value are
 * refused, as the page says. What else Dataverse accepts beside `$apply` is not documented: the emulator allows only
 * `$orderby` on group columns and refuses `$filter`/`$select`/`$top`/`$count` with it (use `filter()` inside `$apply`).
 */
import type { TableDef } from './contract';
import { resolveQueryable, storedName } from './columns';
import { CODES, EmulatorError, odataError } from './errors';
import { compileFilter, type FilterLinks } from './filter';
import { AGGREGATE_RECORD_LIMIT, type AggregateColumn, type AggregateKind, type AggregatePlan } from './aggregate';

/** Text of the refusal of `groupby` over a datetime column: the docs state the rule, not the text (unconfirmed). */
export const GROUPBY_DATETIME_REFUSAL = 'groupby with datetime values is not supported.';

/** Text of the refusal of `$orderby` on an aggregate value (documented). */
export const ORDERBY_AGGREGATE_REFUSAL = 'The query node SingleValueOpenPropertyAccess is not supported';

const METHODS: Record<string, AggregateKind> = {
    sum: 'sum',
    min: 'min',
    max: 'max',
    average: 'avg',
    countdistinct: 'countdistinct',
};

function bad(message: string): EmulatorError {
    return new EmulatorError(odataError(400, CODES.odataQuery, message));
}

/** Splits `text` on `sep` outside parentheses and quoted strings. */
function splitTop(text: string, sep: string): string[] {
    const out: string[] = [];
    let depth = 0;
    let quoted = false;
    let start = 0;
    for (let i = 0; i < text.length; i += 1) {
        const ch = text[i];
        if (ch === "'") quoted = !quoted;
        else if (!quoted && ch === '(') depth += 1;
        else if (!quoted && ch === ')') depth -= 1;
        else if (!quoted && depth === 0 && ch === sep) {
            out.push(text.slice(start, i).trim());
            start = i + 1;
        }
    }
    out.push(text.slice(start).trim());
    return out;
}

/** `name(args)` → { name, args }, or a 400. */
function call(text: string, apply: string): { name: string; args: string } {
    const m = /^(\w+)\((.*)\)$/s.exec(text);
    if (!m) throw bad(`Invalid $apply transformation '${text}' in '${apply}'.`);
    return { name: m[1].toLowerCase(), args: m[2] };
}

function parseAggregates(table: TableDef, args: string): AggregateColumn[] {
    return splitTop(args, ',').map((item) => {
        const count = /^\$count\s+as\s+(\w+)$/i.exec(item);
        if (count) return { kind: 'count', alias: count[1] };
        const m = /^([\w/]+)\s+with\s+(\w+)\s+as\s+(\w+)$/i.exec(item);
        const kind = m ? METHODS[m[2].toLowerCase()] : undefined;
        if (!m || !kind) throw bad(`Invalid aggregate expression '${item}'.`);
        return { kind, col: resolveQueryable(table, m[1]), alias: m[3] };
    });
}

function parseGroupBy(table: TableDef, args: string, plan: AggregatePlan): void {
    const [columns, aggregate, ...rest] = splitTop(args, ',');
    const cols = /^\((.*)\)$/s.exec(columns ?? '');
    if (!cols || rest.length > 0) throw bad(`Invalid groupby '${args}'.`);
    plan.groups = cols[1].split(',').map((name) => {
        const col = resolveQueryable(table, name.trim());
        if (col.type === 'datetime') throw bad(GROUPBY_DATETIME_REFUSAL);
        return { col, name: storedName(col) };
    });
    if (aggregate !== undefined) {
        const agg = call(aggregate, args);
        if (agg.name !== 'aggregate') throw bad(`Invalid groupby '${args}'.`);
        plan.aggregates = parseAggregates(table, agg.args);
    }
}

function parseOrder(raw: string | null, plan: AggregatePlan): AggregatePlan['order'] {
    return (raw ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((item) => {
            const [name, dir = 'asc'] = item.split(/\s+/);
            if (plan.aggregates.some((a) => a.alias === name)) throw bad(ORDERBY_AGGREGATE_REFUSAL);
            if (!plan.groups.some((g) => g.name === name)) throw bad(`Could not find a property named '${name}'.`);
            return { name, descending: dir.toLowerCase() === 'desc' };
        });
}

/** Parses `$apply` (and `$orderby`) into an aggregate plan, or throws the platform's 400. */
export function parseApply(table: TableDef, query: URLSearchParams, links: FilterLinks): AggregatePlan {
    const apply = query.get('$apply') ?? '';
    for (const key of query.keys())
        if (key.startsWith('$') && key !== '$apply' && key !== '$orderby')
            throw bad(`The query parameter ${key} is not supported together with $apply; use filter() inside $apply.`);
    const plan: AggregatePlan = { groups: [], aggregates: [], order: [], limit: AGGREGATE_RECORD_LIMIT };
    let shaped = false;
    for (const step of splitTop(apply, '/')) {
        const t = call(step, apply);
        if (t.name === 'filter' && !shaped && !plan.predicate) plan.predicate = compileFilter(table, t.args, links);
        else if (t.name === 'groupby' && !shaped) parseGroupBy(table, t.args, plan);
        else if (t.name === 'aggregate' && !shaped) plan.aggregates = parseAggregates(table, t.args);
        else throw bad(`The $apply transformation '${t.name}' is not supported here: '${apply}'.`);
        shaped ||= t.name !== 'filter';
    }
    if (!shaped) throw bad(`$apply '${apply}' has no groupby or aggregate.`);
    plan.order = parseOrder(query.get('$orderby'), plan);
    return plan;
}
