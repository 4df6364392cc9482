/**
 * Column metadata helpers: name resolution for $select/$filter/$orderby (lookups are read as `_<name>_value`,
 * dataverse.md §3.1) and write-payload validation (@odata.bind, read-only, type and length checks).
 */
import type { ColumnDef, Row, Store, TableDef } from './contract';
import { CODES, EmulatorError, odataError, unknownProperty } from './errors';

/** The stored/read name of a column: `_x_value` for lookups. */
export function storedName(c: ColumnDef): string {
    return c.type === 'lookup' ? `_${c.name}_value` : c.name;
}

/** Finds the column behind a read name (`emailaddress`, `_emailserverprofile_value`), or throws a 400. */
export function resolveColumn(table: TableDef, name: string): ColumnDef {
    const m = /^_(.+)_value$/.exec(name);
    const col = m
        ? table.columns.find((c) => c.type === 'lookup' && c.name === m[1])
        : table.columns.find((c) => c.type !== 'lookup' && c.name === name);
    if (!col) throw new EmulatorError(unknownProperty(name, table.logicalName));
    return col;
}

/** Like resolveColumn, but a write-only column is unknown: filtering or sorting on a secret would leak it. */
export function resolveQueryable(table: TableDef, name: string): ColumnDef {
    const col = resolveColumn(table, name);
    if (col.writeOnly) throw new EmulatorError(unknownProperty(name, table.logicalName));
    return col;
}

/** GUID syntax (braces tolerated, as the platform does). */
export const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/** Lower-case bare GUID or undefined. */
export function normalizeGuid(s: string): string | undefined {
    const m = GUID.exec(s.trim());
    return m ? m[1].toLowerCase() : undefined;
}

const EDM: Record<string, string> = {
    guid: 'Edm.Guid',
    string: 'Edm.String',
    memo: 'Edm.String',
    int: 'Edm.Int32',
    bigint: 'Edm.Int64',
    bool: 'Edm.Boolean',
    datetime: 'Edm.DateTimeOffset',
    choice: 'Edm.Int32',
};

function payloadError(table: TableDef, detail: string): EmulatorError {
    // Wording of the OData payload deserializer (observed shape; exact text varies by build).
    return new EmulatorError(
        odataError(
            400,
            CODES.payload,
            `Error identified in Payload provided by the user for Entity :'${table.logicalName}', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ---->  InnerException : Microsoft.OData.ODataException: ${detail}`,
        ),
    );
}

function checkValue(table: TableDef, c: ColumnDef, v: unknown): unknown {
    if (v === null) return null;
    const wrong = () =>
        payloadError(table, `Cannot convert the literal '${String(v)}' to the expected type '${EDM[c.type]}'.`);
    switch (c.type) {
        case 'string':
        case 'memo':
            if (typeof v !== 'string') throw wrong();
            if (c.maxLength !== undefined && v.length > c.maxLength)
                throw new EmulatorError(
                    odataError(
                        400,
                        CODES.validation,
                        `A validation error occurred. The length of the '${c.name}' attribute of the '${table.logicalName}' entity exceeded the maximum allowed length of '${c.maxLength}'.`,
                    ),
                );
            return v;
        case 'int':
        case 'bigint':
        case 'choice':
            if (typeof v !== 'number' || !Number.isInteger(v)) throw wrong();
            if (c.type === 'choice' && c.options && !(v in c.options))
                throw new EmulatorError(
                    odataError(
                        400,
                        CODES.optionRange,
                        `A validation error occurred. The value ${v} of '${c.name}' on record of type '${table.logicalName}' is outside the valid range. Accepted Values: ${Object.keys(c.options).join(',')}`,
                    ),
                );
            return v;
        case 'bool':
            if (typeof v !== 'boolean') throw wrong();
            return v;
        case 'datetime':
            if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw wrong();
            return new Date(v).toISOString().replace(/\.000Z$/, 'Z');
        case 'guid': {
            const g = typeof v === 'string' ? normalizeGuid(v) : undefined;
            if (!g) throw wrong();
            return g;
        }
        default:
            throw wrong();
    }
}

function applyBind(table: TableDef, store: Store, nav: string, value: unknown, out: Row): void {
    const col = table.columns.find((c) => c.type === 'lookup' && c.lookupTargets && nav in c.lookupTargets);
    if (!col?.lookupTargets) throw new EmulatorError(unknownProperty(nav, table.logicalName));
    if (col.readOnly) throw readOnlyError(table, col.name);
    if (value === null) {
        out[storedName(col)] = null;
        return;
    }
    const target = col.lookupTargets[nav];
    const m = typeof value === 'string' ? /(?:^|\/)([A-Za-z_]+)\(([^)]+)\)$/.exec(value) : null;
    const id = m ? normalizeGuid(m[2]) : undefined;
    if (!m || m[1] !== target || !id)
        throw payloadError(
            table,
            `An undeclared property '${nav}' or a malformed entity reference '${String(value)}' was found.`,
        );
    if (!store.get(target, id))
        throw new EmulatorError(
            odataError(404, CODES.notFound, `${target.replace(/s$/, '')} With Id = ${id} Does Not Exist`),
        );
    out[storedName(col)] = id;
}

function readOnlyError(table: TableDef, name: string): EmulatorError {
    // (unconfirmed) exact text; the platform refuses writes to IsValidForUpdate=false columns with a 400.
    return new EmulatorError(
        odataError(
            400,
            CODES.readOnly,
            `The property '${name}' of entity '${table.logicalName}' is read-only and cannot be set or updated.`,
        ),
    );
}

/** Validates a JSON write payload and returns stored columns, or throws an EmulatorError with the 400. */
export function validatePayload(table: TableDef, store: Store, payload: unknown): Row {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
        throw payloadError(table, 'The request body is not a JSON object.');
    const out: Row = {};
    for (const [key, value] of Object.entries(payload as Record<string, unknown>)) {
        if (key.startsWith('@odata.')) continue;
        if (key.endsWith('@odata.bind')) {
            applyBind(table, store, key.slice(0, -'@odata.bind'.length), value, out);
            continue;
        }
        const col = table.columns.find((c) => c.type !== 'lookup' && c.name === key);
        if (!col) throw new EmulatorError(unknownProperty(key, table.logicalName));
        if (col.readOnly) throw readOnlyError(table, key);
        out[col.name] = checkValue(table, col, value);
    }
    return out;
}
