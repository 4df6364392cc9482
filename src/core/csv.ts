/**
 * CSV export: UTF-8 BOM (Excel detects the encoding), CRLF, RFC 4180 quoting, and formula neutralisation
 * following papaparse's escapeFormulae rule (OWASP CSV injection), extended to leading whitespace and the
 * fullwidth ＝＋－＠ forms that spreadsheet apps also evaluate (libraries.md §11).
 */

/** One exported column: header text and how to read the cell from a row. */
export type CsvColumn<T> = { header: string; value: (row: T) => string | number | boolean | null | undefined };

const BOM = '\uFEFF';
const CRLF = '\r\n';
const FORMULA_START = /^[\s\u3000]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n\uFEFF]|^ | $/;

/** Make one cell safe: prefix a formula trigger with ', then quote when RFC 4180 requires it. */
export function csvCell(value: string | number | boolean | null | undefined): string {
    if (value === null || value === undefined) return '';
    const escaped = typeof value === 'string' && FORMULA_START.test(value);
    const text = escaped ? `'${value}` : String(value);
    // Like papaparse, an escaped cell is always quoted.
    return escaped || NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Render rows as a CSV document (BOM + header line + one CRLF-terminated line per row). */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
    const lines = [columns.map((column) => csvCell(column.header)).join(',')];
    for (const row of rows) lines.push(columns.map((column) => csvCell(column.value(row))).join(','));
    return BOM + lines.join(CRLF) + CRLF;
}
