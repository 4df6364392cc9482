/** Real-time cost of the mailbox list's filter and sort (src/core/mailbox-view.ts) over 50,000 rows. */
import { buildMailboxIndex, filterIndices, sortIndices, toMailboxView } from '../src/core/mailbox-view';
import type { MailboxRow } from '../src/core/run/types';

/** Medians in real ms. */
export type ListTiming = { rows: number; indexMs: number; filterMs: number; sortMs: number; runs: number };

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
 * keystroke) and sorting all rows by name (each header click), the operations the grid repeats.
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
        Array.from({ length: runs }, () => timed(() => sortIndices(index, all, { key: 'name', descending: false }))),
    );
    return { rows: rows.length, indexMs, filterMs, sortMs, runs };
}
