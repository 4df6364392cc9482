/** Typed reads of one column of a Web API row: a missing or differently typed value becomes null. */

/** A row as the Web API returns it: column name (or annotation) → JSON value. */
export type RawRow = Record<string, unknown>;

/** A string column. */
export function textOf(raw: RawRow, column: string): string | null {
    const value = raw[column];
    return typeof value === 'string' ? value : null;
}

/** A whole-number or option-set column. */
export function numberOf(raw: RawRow, column: string): number | null {
    const value = raw[column];
    return typeof value === 'number' ? value : null;
}

/** A yes/no column. */
export function flagOf(raw: RawRow, column: string): boolean | null {
    const value = raw[column];
    return typeof value === 'boolean' ? value : null;
}
