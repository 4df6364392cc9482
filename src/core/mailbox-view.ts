/**
 * The mailbox list's view model (product.md §4): quick filters with counts, search, sort and selection helpers.
 * Pure and allocation-aware: lowercase search keys and filter flags are computed once per data load
 * (buildMailboxIndex), so a keystroke only scans precomputed strings — 50,000 rows stay well under a frame budget.
 */
import type { CauseCode } from './credentials/causes';
import { segmentOf, SEGMENTS, type Segment, type SegmentCounts } from './mailbox-segments';
import { APPROVAL_REQUIRED_FOR_ALL, isApprovalRequired, type ApprovalPolicy } from './run/approval-policy';
import { TEST_STATUS, type MailboxRow } from './run/types';
import { LOGICAL_NAME } from './schema';

/** What owns the mailbox. */
export type MailboxOwnerType = 'user' | 'queue' | 'other';

/** A decoded alert on a mailbox (cause from the error catalogue, raw text kept for the collapsible). */
export type MailboxAlertView = { cause: CauseCode; text: string; occurredOn: string | null; level?: number | null };

/** One list row. Defined here (not src/dataverse) so core and UI never depend on the transport layer. */
export type MailboxView = {
    id: string;
    name: string;
    address: string;
    ownerType: MailboxOwnerType;
    approval: number | null;
    incoming: number | null;
    outgoing: number | null;
    act: number | null;
    overall: number | null;
    /** testemailconfigurationscheduled: a failed test still scheduled is being retried by server-side sync. */
    scheduled: boolean | null;
    lastTestOn: string | null;
    /** False where the organisation processes this kind of mailbox unapproved (ApprovalPolicy); absent = required. */
    approvalRequired?: boolean;
    /**
     * Why a run of this page failed the mailbox, laid onto the row so the list counts it as the run summary does
     * (issue 14 item 6) — above all a refused approval, which changes nothing Dataverse holds. Absent: no failure.
     */
    runFailure?: CauseCode;
    /** Newest first; the list shows alerts[0] as "latest alert". */
    alerts: readonly MailboxAlertView[];
};

/** Sortable columns. */
export type SortKey =
    | 'name'
    | 'address'
    | 'ownerType'
    | 'approval'
    | 'incoming'
    | 'outgoing'
    | 'act'
    | 'overall'
    | 'lastTestOn'
    | 'alert';

/** Sort order. */
export type SortSpec = { key: SortKey; descending: boolean };

/** Precomputed per-load data. */
export type MailboxIndex = {
    rows: readonly MailboxView[];
    /** Lowercased "name\u0000address" per row, computed once. */
    searchKeys: readonly string[];
    /** Bit i set when row matches QUICK_FILTERS[i]. */
    filterBits: Uint8Array;
    counts: Readonly<Record<QuickFilter, number>>;
};

/** Query over an index; `ids` (lower case) narrows it to those mailboxes, e.g. the ones a run cause hit. */
export type MailboxQuery = { filter: QuickFilter; search: string; sort: SortSpec | null; ids?: ReadonlySet<string> };

/** Map a Dataverse row into a list row. */
export function toMailboxView(
    row: MailboxRow,
    alerts: readonly MailboxAlertView[] = [],
    policy: ApprovalPolicy = APPROVAL_REQUIRED_FOR_ALL,
): MailboxView {
    const type = row.regardingType;
    return {
        id: row.mailboxid,
        name: row.name,
        address: row.emailaddress ?? '',
        ownerType: type === LOGICAL_NAME.systemUser ? 'user' : type === LOGICAL_NAME.queue ? 'queue' : 'other',
        approval: row.emailrouteraccessapproval,
        incoming: row.incomingemailstatus,
        outgoing: row.outgoingemailstatus,
        act: row.actstatus,
        overall: row.mailboxstatus,
        scheduled: row.testemailconfigurationscheduled,
        lastTestOn: row.testmailboxaccesscompletedon,
        approvalRequired: isApprovalRequired(type, policy),
        alerts,
    };
}

/**
 * Pending approval — the one rule the approval notice, the quick filter and the overview's card count by: the
 * mailbox's segment (segmentOfRow), i.e. not enabled, not failed in a run here, its approval status anything but
 * Approved (Empty, Pending Approval or Rejected — server-side sync processes none of them, and Approve applies to a
 * rejected mailbox too), where the organisation requires approval for its kind.
 */
export function isPendingApproval(row: MailboxView): boolean {
    return segmentOfRow(row, true) === 'pendingApproval';
}

/** Overall or any channel reported Failure. */
function hasFailureStatus(row: MailboxView): boolean {
    return [row.overall, row.incoming, row.outgoing, row.act].includes(TEST_STATUS.failure);
}

/** Alert level 3 = error: Dynamics has given up on the mailbox (dataverse.md §7). */
const ALERT_LEVEL_ERROR = 3;

/**
 * Retrying: a test attempt failed, the test is still scheduled and the latest alert is no error (a warning, or
 * none) — server-side sync tries again by itself, about ten times over ~50 minutes (dataverse.md §6).
 */
export function isRetrying(row: MailboxView): boolean {
    return hasFailureStatus(row) && row.scheduled === true && row.alerts[0]?.level !== ALERT_LEVEL_ERROR;
}

/** Failed: overall or any channel reported Failure, and Dynamics is not retrying it. */
export function isFailed(row: MailboxView): boolean {
    return hasFailureStatus(row) && !isRetrying(row);
}

/**
 * The quick filters: everything, then the overview's segments (core/mailbox-segments.ts), which do not overlap and so
 * add up to "All", and which a segment of the overview's bar opens.
 */
export const QUICK_FILTERS = ['all', ...SEGMENTS] as const;

/** One quick filter. */
export type QuickFilter = (typeof QUICK_FILTERS)[number];

/** The segment of a row. */
export function segmentOfRow(row: MailboxView, requireApproval: boolean): Segment {
    // The organisation's switch for this kind of mailbox, and an error alert ends the retrying (see isRetrying).
    const required = requireApproval && row.approvalRequired !== false;
    const segment = segmentOf({ status: row.overall, scheduled: row.scheduled, approval: row.approval }, required);
    // A failure of a run here counts as failed, as in the run summary, unless Dataverse shows the mailbox enabled.
    if (row.runFailure && segment !== 'enabled') return 'failed';
    return segment === 'retrying' && !isRetrying(row) ? 'failed' : segment;
}

/** The overview's counts from loaded rows: the same segments, so the card and the list's filters agree. */
export function segmentCountsOfRows(rows: readonly MailboxView[]): SegmentCounts {
    const counts: SegmentCounts = { enabled: 0, failed: 0, retrying: 0, pendingApproval: 0, neverTested: 0, total: 0 };
    for (const row of rows) counts[segmentOfRow(row, true)] += 1;
    counts.total = rows.length;
    return counts;
}

const ALL_BIT = 1;
const bitOf = (filter: QuickFilter) => 1 << QUICK_FILTERS.indexOf(filter);

/**
 * Build the per-load index: search keys, filter bits and counts in one pass. `requireApproval`: whether the
 * organisation requires approval before a mailbox can sync (a missing approval is then the segment it is in).
 */
export function buildMailboxIndex(rows: readonly MailboxView[], requireApproval = true): MailboxIndex {
    const searchKeys = new Array<string>(rows.length);
    const filterBits = new Uint8Array(rows.length);
    const counts = Object.fromEntries(QUICK_FILTERS.map((filter) => [filter, 0])) as Record<QuickFilter, number>;
    for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        searchKeys[i] = `${row.name}\u0000${row.address}`.toLowerCase();
        const segment = segmentOfRow(row, requireApproval);
        filterBits[i] = ALL_BIT | bitOf(segment);
        counts.all++;
        counts[segment]++;
    }
    return { rows, searchKeys, filterBits, counts };
}

/** Normalise a search box value once per keystroke. */
export function normaliseSearch(search: string): string {
    return search.trim().toLowerCase();
}

/**
 * Row indices matching the filter and the search (case-insensitive substring over name and address), and among
 * `ids` (lower case) when given.
 */
export function filterIndices(
    index: MailboxIndex,
    filter: QuickFilter,
    search: string,
    ids?: ReadonlySet<string>,
): number[] {
    const needle = normaliseSearch(search);
    const bit = bitOf(filter);
    const out: number[] = [];
    const { rows, searchKeys, filterBits } = index;
    for (let i = 0; i < filterBits.length; i++) {
        if ((filterBits[i] & bit) === 0) continue;
        if (ids && !ids.has(rows[i].id.toLowerCase())) continue;
        // NUL never appears in a needle typed by a user, so a match cannot straddle name and address.
        if (needle !== '' && !searchKeys[i].includes(needle)) continue;
        out.push(i);
    }
    return out;
}

function sortValue(row: MailboxView, key: SortKey): string | number {
    switch (key) {
        case 'name':
        case 'address':
        case 'ownerType':
            return row[key].toLowerCase();
        case 'lastTestOn':
            return row.lastTestOn ?? '';
        case 'alert':
            return row.alerts[0]?.cause ?? '';
        default:
            return row[key] ?? -1;
    }
}

/** Sort indices by a column; ties keep the original (load) order, so the sort is stable whatever the engine. */
export function sortIndices(index: MailboxIndex, indices: number[], sort: SortSpec | null): number[] {
    if (!sort) return indices;
    const values = indices.map((rowIndex) => sortValue(index.rows[rowIndex], sort.key));
    const order = indices.map((_, position) => position);
    const direction = sort.descending ? -1 : 1;
    order.sort((a, b) => {
        if (values[a] < values[b]) return -direction;
        if (values[a] > values[b]) return direction;
        return indices[a] - indices[b];
    });
    return order.map((position) => indices[position]);
}

/** Filter, search and sort: the rows the list shows. */
export function queryMailboxes(index: MailboxIndex, query: MailboxQuery): MailboxView[] {
    const indices = sortIndices(index, filterIndices(index, query.filter, query.search, query.ids), query.sort);
    return indices.map((rowIndex) => index.rows[rowIndex]);
}

/** How much of the list is selected. */
export type SelectionScope = 'none' | 'some' | 'allFiltered' | 'all';

/** Classify a selection relative to the visible (filtered) rows and the whole list. */
export function selectionScope(selectedCount: number, filteredCount: number, totalCount: number): SelectionScope {
    if (selectedCount === 0) return 'none';
    if (selectedCount === totalCount) return 'all';
    if (selectedCount === filteredCount) return 'allFiltered';
    return 'some';
}

/** Ids of the given rows (e.g. every filtered row for "select all filtered"). */
export function idsOf(rows: readonly MailboxView[]): string[] {
    return rows.map((row) => row.id);
}

/** The rows the list shows as failed (the Failed filter) — the target of "Retry failed". */
export function failedIds(rows: readonly MailboxView[]): string[] {
    return rows.filter((row) => segmentOfRow(row, true) === 'failed').map((row) => row.id);
}

/** Addresses of the rows still pending approval, for "Copy pending addresses" / "Email an admin". */
export function pendingAddresses(rows: readonly MailboxView[]): string[] {
    return rows.filter((row) => isPendingApproval(row) && row.address !== '').map((row) => row.address);
}

/** The "Mailboxes" chip numbers: "812 of 1,240 enabled". */
export function enabledChip(index: MailboxIndex): { enabled: number; total: number } {
    return { enabled: index.counts.enabled, total: index.counts.all };
}

/** A run failure group: one cause, how many mailboxes it hit and which (their ids, so the list can show them). */
export type FailureGroup = { cause: CauseCode; count: number; mailboxIds: readonly string[] };

/** Build a mailto: URL for an admin; every part encoded, addresses capped so the URL stays under maxLength. */
export function buildAdminMailto(subject: string, intro: string, addresses: readonly string[], maxLength = 1800) {
    const head = `mailto:?subject=${encodeURIComponent(subject)}&body=`;
    let body = encodeURIComponent(`${intro}\n`);
    let included = 0;
    for (const address of addresses) {
        const part = encodeURIComponent(`${address}\n`);
        if (head.length + body.length + part.length > maxLength) break;
        body += part;
        included++;
    }
    return { url: head + body, included, omitted: addresses.length - included };
}

/** Whole seconds left until `untilMs` (rounded up, never negative); 0 when not throttled. */
export function secondsUntil(untilMs: number | null, nowMs: number): number {
    return untilMs === null ? 0 : Math.max(0, Math.ceil((untilMs - nowMs) / 1000));
}
