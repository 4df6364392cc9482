/**
 * The mailbox list's view model (product.md §4): quick filters with counts, search, sort and selection helpers.
 * Pure and allocation-aware: lower-cased names and addresses and filter flags are computed once per data load
 * (buildMailboxIndex) and a column's sort ranks on its first sort, so a keystroke only scans precomputed strings and
 * sorts numbers — 50,000 rows stay well under a frame budget.
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
    /** Lower-cased name and address per row, computed once: what search matches and the list sorts by. */
    nameKeys: readonly string[];
    addressKeys: readonly string[];
    /** Bit i set when row matches QUICK_FILTERS[i]. */
    filterBits: Uint8Array;
    counts: Readonly<Record<QuickFilter, number>>;
    /** Per column, each row's rank in ascending order (equal values share one); filled by the first sort by it. */
    ranks: Map<SortKey, Uint32Array>;
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
    const nameKeys = new Array<string>(rows.length);
    const addressKeys = new Array<string>(rows.length);
    const filterBits = new Uint8Array(rows.length);
    const counts = Object.fromEntries(QUICK_FILTERS.map((filter) => [filter, 0])) as Record<QuickFilter, number>;
    for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        nameKeys[i] = row.name.toLowerCase();
        addressKeys[i] = row.address.toLowerCase();
        const segment = segmentOfRow(row, requireApproval);
        filterBits[i] = ALL_BIT | bitOf(segment);
        counts.all++;
        counts[segment]++;
    }
    return { rows, nameKeys, addressKeys, filterBits, counts, ranks: new Map() };
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
    const { rows, nameKeys, addressKeys, filterBits } = index;
    for (let i = 0; i < filterBits.length; i++) {
        if ((filterBits[i] & bit) === 0) continue;
        if (ids && !ids.has(rows[i].id.toLowerCase())) continue;
        if (needle !== '' && !nameKeys[i].includes(needle) && !addressKeys[i].includes(needle)) continue;
        out.push(i);
    }
    return out;
}

/** Every row's value in a column, names and addresses lower-cased. */
function sortValues(index: MailboxIndex, key: SortKey): readonly (string | number)[] {
    switch (key) {
        case 'name':
            return index.nameKeys;
        case 'address':
            return index.addressKeys;
        case 'ownerType':
            return index.rows.map((row) => row.ownerType);
        case 'lastTestOn':
            return index.rows.map((row) => row.lastTestOn ?? '');
        case 'alert':
            return index.rows.map((row) => row.alerts[0]?.cause ?? '');
        default:
            return index.rows.map((row) => row[key] ?? -1);
    }
}

/**
 * Each row's rank in the column's ascending order, equal values sharing one. Comparing strings is what a sort of
 * 50,000 rows spends its time on, so it happens once per column and load (issue 17).
 */
function ranksOf(index: MailboxIndex, key: SortKey): Uint32Array {
    const cached = index.ranks.get(key);
    if (cached) return cached;
    const values = sortValues(index, key);
    const order = values.map((_, rowIndex) => rowIndex);
    order.sort((a, b) => (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0));
    const ranks = new Uint32Array(values.length);
    for (let position = 1; position < order.length; position++) {
        const previous = order[position - 1];
        const row = order[position];
        ranks[row] = ranks[previous] + (values[row] === values[previous] ? 0 : 1);
    }
    index.ranks.set(key, ranks);
    return ranks;
}

/**
 * Sort indices by a column; ties keep the original (load) order in both directions, so the sort is stable whatever
 * the engine. A re-sort (the other direction, each keystroke of a search while sorted) only sorts numbers.
 */
export function sortIndices(index: MailboxIndex, indices: number[], sort: SortSpec | null): number[] {
    if (!sort) return indices;
    const ranks = ranksOf(index, sort.key);
    const rowCount = index.rows.length;
    // One number per row, by rank and then load order; exact while rowCount² < 2^53 (up to 94 million rows).
    const keys = new Float64Array(indices.length);
    for (let i = 0; i < indices.length; i++) {
        const rank = sort.descending ? rowCount - 1 - ranks[indices[i]] : ranks[indices[i]];
        keys[i] = rank * rowCount + indices[i];
    }
    keys.sort();
    const sorted = new Array<number>(keys.length);
    for (let i = 0; i < keys.length; i++) sorted[i] = keys[i] % rowCount;
    return sorted;
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
