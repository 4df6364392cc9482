/** Real-time cost of the mailbox list's filter and sort (src/core/mailbox-view.ts) over 50,000 rows. */
import { buildMailboxIndex, filterIndices, sortIndices, toMailboxView } from '../src/core/mailbox-view';
import type { MailboxRow } from '../src/core/run/types';

/** Medians in real ms. */
export type ListTiming = {
    rows: number;
    indexMs: number;
    filterMs: number;
    /** The first sort by a column after a load, which ranks every row. */
    sortMs: number;
    /** A later sort by that column (the other direction, a keystroke while sorted), reusing its ranks. */
    resortMs: number;
    runs: number;
};

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timed(fn: () => unknown): number {
    const start = performance.now();
    fn();
    return performance.now() - start;
}

/** Repeat `rows` (with fresh ids and names) until there are `count`. */
export function padRows(rows: readonly MailboxRow[], count: number): MailboxRow[] {
    if (rows.length === 0) throw new Error('no rows to time');
    return Array.from({ length: count }, (_, i) => {
        const row = rows[i % rows.length];
        return i < rows.length ? row : { ...row, mailboxid: `${row.mailboxid}-${i}`, name: `${row.name} ${i}` };
    });
}

/**
 * Medians over `runs`: building the index (once per load), filtering with a quick filter plus a search term (each
 * keystroke), sorting all rows by name the first time after a load (a fresh index each run, so its ranks are not
 * reused) and again in the other direction (each header click after that, or a keystroke while sorted).
 */
export function timeList(rows: readonly MailboxRow[], runs = 9): ListTiming {
    const views = rows.map((r) => toMailboxView(r));
    const index = buildMailboxIndex(views);
    const all = filterIndices(index, 'all', '');
    const indexMs = median(Array.from({ length: runs }, () => timed(() => buildMailboxIndex(views))));
    const filterMs = median(
        Array.from({ length: runs }, () => timed(() => filterIndices(index, 'pendingApproval', 'an'))),
    );
    const sortMs = median(
        Array.from({ length: runs }, () => {
            const fresh = buildMailboxIndex(views);
            return timed(() => sortIndices(fresh, all, { key: 'name', descending: false }));
        }),
    );
    sortIndices(index, all, { key: 'name', descending: false });
    const resortMs = median(
        Array.from({ length: runs }, () => timed(() => sortIndices(index, all, { key: 'name', descending: true }))),
    );
    return { rows: rows.length, indexMs, filterMs, sortMs, resortMs, runs };
}
