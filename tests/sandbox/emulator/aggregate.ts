/**
 * Aggregate queries, shared by OData `$apply` (apply.ts) and FetchXML `aggregate="true"` (fetchxml.ts): filter, group,
 * count/sum/min/max/average, the platform's 50,000-row limit and the response rows. Facts: Microsoft Learn "Aggregate
 * data using OData" and "Aggregate data using FetchXml" (limits: "Queries that return aggregate values are limited to
 * 50,000 records … Number -2147164125, Code 8004E023, Message AggregateQueryRecordLimit exceeded. Cannot perform this
 * operation.").
 */
import type { ColumnDef, Row, TableDef } from './contract';
import { storedName } from './columns';
import { CODES, EmulatorError, odataError } from './errors';
import { sortKey, type Predicate } from './filter';
import { annotate, type FormatContext } from './format';
import { wantsAnnotation } from './prefer';
import type { OpResult } from './types';

/** Rows an aggregate query may evaluate (AggregateQueryRecordLimit). */
export const AGGREGATE_RECORD_LIMIT = 50_000;

/** The aggregate functions the emulator computes. */
export type AggregateKind = 'count' | 'countcolumn' | 'countdistinct' | 'sum' | 'min' | 'max' | 'avg';

/** One aggregate column of the answer. */
export type AggregateColumn = { kind: AggregateKind; col?: ColumnDef; alias: string };

/** One group-by column of the answer, under the name the answer carries. */
export type GroupColumn = { col: ColumnDef; name: string };

/** An aggregate query, whichever syntax it came in. */
export type AggregatePlan = {
    predicate?: Predicate;
    groups: GroupColumn[];
    aggregates: AggregateColumn[];
    /** Sort by answer names (group names; aggregate aliases where the syntax allows). */
    order: { name: string; descending: boolean }[];
    /** Most rows the query may evaluate: AGGREGATE_RECORD_LIMIT or a lower per-query limit. */
    limit: number;
};

const FORMATTED = 'OData.Community.Display.V1.FormattedValue';

/** The 400 every over-limit aggregate answers with (lower-case hex, as the Web API writes codes). */
export function aggregateLimitExceeded(): EmulatorError {
    return new EmulatorError(
        odataError(400, CODES.aggregateLimit, 'AggregateQueryRecordLimit exceeded. Cannot perform this operation.'),
    );
}

function value(rows: Row[], a: AggregateColumn): number | string | null {
    if (a.kind === 'count' || !a.col) return rows.length;
    const name = storedName(a.col);
    const present = rows.map((r) => r[name]).filter((v) => v !== null && v !== undefined);
    if (a.kind === 'countcolumn') return present.length;
    if (a.kind === 'countdistinct') return new Set(present.map((v) => sortKey(a.col as ColumnDef, v))).size;
    if (present.length === 0) return null;
    if (a.kind === 'min' || a.kind === 'max') {
        const sorted = [...present].sort((x, y) => {
            const kx = sortKey(a.col as ColumnDef, x) as number | string;
            const ky = sortKey(a.col as ColumnDef, y) as number | string;
            if (kx === ky) return 0;
            return kx < ky ? -1 : 1;
        });
        return (a.kind === 'min' ? sorted[0] : sorted[sorted.length - 1]) as number | string;
    }
    const sum = present.reduce<number>((t, v) => t + Number(v), 0);
    return a.kind === 'sum' ? sum : sum / present.length;
}

function groupKey(row: Row, groups: GroupColumn[]): string {
    return JSON.stringify(groups.map((g) => row[storedName(g.col)] ?? null));
}

function formatAggregate(out: Row, a: AggregateColumn, v: number | string | null, ctx: FormatContext): void {
    if (v === null) return;
    if (typeof v === 'number' && wantsAnnotation(ctx.annotations, FORMATTED))
        out[`${a.alias}@${FORMATTED}`] = v.toLocaleString('en-US', { maximumFractionDigits: 2 });
    out[a.alias] = v;
}

function answerRow(plan: AggregatePlan, members: Row[], ctx: FormatContext): Row {
    const out: Row = {};
    const first = members[0] ?? {};
    for (const g of plan.groups) {
        const v = first[storedName(g.col)];
        // A null group value is left out of the row, as Dataverse's own examples show.
        if (v === null || v === undefined) continue;
        annotate(out, g.col, g.name, v, ctx);
        out[g.name] = v;
    }
    for (const a of plan.aggregates) formatAggregate(out, a, value(members, a), ctx);
    return out;
}

function compareRows(a: Row, b: Row, plan: AggregatePlan): number {
    for (const o of plan.order) {
        // Group values compare as their column does; aggregate values are numbers (or datetimes for min/max).
        const col = plan.groups.find((g) => g.name === o.name)?.col;
        const key = (v: unknown) => (v === undefined ? undefined : col ? sortKey(col, v) : (v as number | string));
        const x = key(a[o.name]);
        const y = key(b[o.name]);
        if (x === y) continue;
        const sign = o.descending ? -1 : 1;
        if (x === undefined) return -sign;
        if (y === undefined) return sign;
        return (x < y ? -1 : 1) * sign;
    }
    return 0;
}

/** Runs the plan over `rows`: 400 0x8004e023 when more rows than the limit match, else one answer row per group. */
export function runAggregate(plan: AggregatePlan, rows: Row[], ctx: FormatContext): Row[] {
    const matched = plan.predicate ? rows.filter(plan.predicate) : rows;
    if (matched.length > plan.limit) throw aggregateLimitExceeded();
    const groups = new Map<string, Row[]>();
    if (plan.groups.length === 0) groups.set('', matched);
    else
        for (const row of matched) {
            const key = groupKey(row, plan.groups);
            const members = groups.get(key);
            if (members) members.push(row);
            else groups.set(key, [row]);
        }
    const answer = [...groups.values()].map((members) => answerRow(plan, members, ctx));
    return plan.order.length > 0 ? answer.sort((a, b) => compareRows(a, b, plan)) : answer;
}

/** The Web API answer of an aggregate query: the entity set's context and the rows, never paged. */
export function aggregateResult(serviceRoot: string, table: TableDef, rows: Row[]): OpResult {
    return {
        status: 200,
        headers: {},
        body: { '@odata.context': `${serviceRoot}$metadata#${table.entitySet}`, value: rows },
    };
}
