/**
 * Row → OData JSON: @odata.etag, $select, write-only columns never returned (dataverse.md §2), FormattedValue
 * and lookup annotations when Prefer asks for them (dataverse.md §8).
 */
import type { ColumnDef, Row, Store, TableDef } from './contract';
import { storedName } from './columns';
import { wantsAnnotation } from './prefer';

const FORMATTED = 'OData.Community.Display.V1.FormattedValue';
const LOOKUP_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';
const NAV_NAME = 'Microsoft.Dynamics.CRM.associatednavigationproperty';

/** What formatting needs besides the row. */
export type FormatContext = {
    tables: Map<string, TableDef>;
    store: Store;
    annotations: string[] | undefined;
    version: (id: string) => number | undefined;
};

const dateFormat = new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
});

function lookupTarget(c: ColumnDef, id: string, ctx: FormatContext): { nav: string; table?: TableDef; row?: Row } {
    const targets = Object.entries(c.lookupTargets ?? {});
    for (const [nav, set] of targets) {
        const row = ctx.store.get(set, id);
        if (row) return { nav, table: ctx.tables.get(set), row };
    }
    const [nav, set] = targets[0] ?? [c.name, ''];
    return { nav, table: ctx.tables.get(set) };
}

function formatted(c: ColumnDef, v: unknown): string | undefined {
    if (c.type === 'choice') return c.options?.[Number(v)];
    if (c.type === 'bool') return c.options?.[v ? 1 : 0] ?? (v ? 'Yes' : 'No');
    // Dataverse formats as "11/2/2026 12:00 AM" (user's locale and zone; the emulator's users are en-US, UTC).
    if (c.type === 'datetime')
        return dateFormat
            .format(new Date(String(v)))
            .replace(/\u202f/g, ' ')
            .replace(', ', ' ');
    if (c.type === 'int' || c.type === 'bigint') return Number(v).toLocaleString('en-US');
    return undefined;
}

/** Adds the annotations Prefer asked for to `out[name]`'s value `v` (FormattedValue, lookup names). */
export function annotate(out: Row, c: ColumnDef, name: string, v: unknown, ctx: FormatContext): void {
    if (v === null || v === undefined) return;
    if (c.type === 'lookup') {
        const t = lookupTarget(c, String(v), ctx);
        const label = t.table?.primaryName && t.row ? t.row[t.table.primaryName] : undefined;
        if (wantsAnnotation(ctx.annotations, FORMATTED) && typeof label === 'string')
            out[`${name}@${FORMATTED}`] = label;
        if (wantsAnnotation(ctx.annotations, NAV_NAME)) out[`${name}@${NAV_NAME}`] = t.nav;
        if (wantsAnnotation(ctx.annotations, LOOKUP_NAME) && t.table)
            out[`${name}@${LOOKUP_NAME}`] = t.table.logicalName;
        return;
    }
    if (!wantsAnnotation(ctx.annotations, FORMATTED)) return;
    const f = formatted(c, v);
    if (f !== undefined) out[`${name}@${FORMATTED}`] = f;
}

/** Readable columns for a $select (undefined = all); write-only columns drop out silently. */
export function readableColumns(table: TableDef, select: ColumnDef[] | undefined): ColumnDef[] {
    const cols = select ?? table.columns;
    const pk = table.columns.find((c) => c.name === table.primaryKey);
    const withKey = pk && !cols.includes(pk) ? [...cols, pk] : cols;
    return withKey.filter((c) => !c.writeOnly);
}

/** One row as the Web API returns it. */
export function formatRow(table: TableDef, row: Row, cols: ColumnDef[], ctx: FormatContext): Row {
    const out: Row = {};
    const id = String(row[table.primaryKey]);
    const version = ctx.version(id);
    if (table.concurrency && version !== undefined) out['@odata.etag'] = `W/"${version}"`;
    for (const c of cols) {
        const name = storedName(c);
        const v = row[name] ?? null;
        annotate(out, c, name, v, ctx);
        out[name] = v;
    }
    return out;
}

/** The include-annotations preference actually applied, for Preference-Applied. */
export function appliedAnnotations(list: string[] | undefined): string | undefined {
    return list && list.length > 0 ? `odata.include-annotations="${list.join(',')}"` : undefined;
}
