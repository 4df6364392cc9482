/**
 * The profile's mailboxes at a glance: five segments that do not overlap, so they add up to the total, each the
 * admin's next step (approve, fix, wait, test). The overview card counts them with one FetchXML aggregate query; the
 * list classifies its rows with the same function, so a card segment and the list filtered to it agree.
 * Sources: the test statuses and approval values of dataverse.md §3.2; "retrying" is a failed test still scheduled,
 * which server-side sync keeps while it retries a transient failure (dataverse.md §6, the emulator's domain README).
 */
import { APPROVAL, TEST_STATUS } from './run/types';

/** The segments, in the order the card shows them. */
export const SEGMENTS = ['enabled', 'failed', 'retrying', 'pendingApproval', 'neverTested'] as const;

/** One segment of the profile's mailboxes. */
export type Segment = (typeof SEGMENTS)[number];

/** The three columns a segment depends on (mailboxstatus, testemailconfigurationscheduled, emailrouteraccessapproval). */
export type SegmentColumns = { status: number | null; scheduled: boolean | null; approval: number | null };

/**
 * Where a mailbox belongs. Enabled first (it works, whatever else is set); then a missing approval where the
 * organisation requires one, since nothing else can succeed before it; then a failed test, retrying while it is
 * still scheduled; everything else has never been tested.
 */
export function segmentOf(columns: SegmentColumns, requireApproval: boolean): Segment {
    if (columns.status === TEST_STATUS.success) return 'enabled';
    if (requireApproval && columns.approval !== APPROVAL.approved) return 'pendingApproval';
    if (columns.status === TEST_STATUS.failure) return columns.scheduled === true ? 'retrying' : 'failed';
    return 'neverTested';
}

/** One answer row of the aggregate query: how many mailboxes share these three values. */
export type CountGroup = SegmentColumns & { count: number };

/** Counts per segment and their total. */
export type SegmentCounts = Record<Segment, number> & { total: number };

/** Add the aggregate's groups up into segments. */
export function segmentCounts(groups: readonly CountGroup[], requireApproval: boolean): SegmentCounts {
    const counts: SegmentCounts = { enabled: 0, failed: 0, retrying: 0, pendingApproval: 0, neverTested: 0, total: 0 };
    for (const group of groups) {
        counts[segmentOf(group, requireApproval)] += group.count;
        counts.total += group.count;
    }
    return counts;
}

/** A condition that narrows the aggregate to one value of a grouped column (how a query over 50,000 rows is split). */
export type CountSplit = { column: CountColumn; value: number | boolean | null };

/** The grouped columns, by their FetchXML logical names and answer aliases. */
export const COUNT_COLUMNS = {
    approval: 'emailrouteraccessapproval',
    status: 'mailboxstatus',
    scheduled: 'testemailconfigurationscheduled',
} as const;

/** A grouped column's answer alias. */
export type CountColumn = keyof typeof COUNT_COLUMNS;

/** Every value each grouped column can hold (dataverse.md §3.2), null included: the parts of a split. */
export const COUNT_VALUES: Readonly<Record<CountColumn, readonly (number | boolean | null)[]>> = {
    approval: [APPROVAL.approved, APPROVAL.empty, APPROVAL.pending, APPROVAL.rejected, null],
    status: [TEST_STATUS.success, TEST_STATUS.notRun, TEST_STATUS.failure, null],
    scheduled: [false, true, null],
};

/** XML text or attribute value. */
const xml = (value: string) =>
    value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function condition({ column, value }: CountSplit): string {
    const attribute = COUNT_COLUMNS[column];
    if (value === null) return `<condition attribute="${attribute}" operator="null"/>`;
    return `<condition attribute="${attribute}" operator="eq" value="${xml(String(value))}"/>`;
}

/**
 * The FetchXML aggregate that counts a profile's active mailboxes grouped by the three segment columns (Microsoft
 * Learn "Aggregate data using FetchXml"); `splits` narrow it when the whole would pass the 50,000-row limit.
 * `profileId` must be a validated GUID; `profileColumn` is the lookup's logical name.
 */
export function mailboxCountFetchXml(profileId: string, profileColumn: string, splits: readonly CountSplit[] = []) {
    const groups = (Object.keys(COUNT_COLUMNS) as CountColumn[])
        .map((alias) => `<attribute name="${COUNT_COLUMNS[alias]}" alias="${alias}" groupby="true"/>`)
        .join('');
    const conditions = [
        `<condition attribute="${xml(profileColumn)}" operator="eq" value="${xml(profileId)}"/>`,
        '<condition attribute="statecode" operator="eq" value="0"/>',
        ...splits.map(condition),
    ].join('');
    return (
        '<fetch aggregate="true"><entity name="mailbox">' +
        `<attribute name="mailboxid" alias="count" aggregate="count"/>${groups}` +
        `<filter>${conditions}</filter></entity></fetch>`
    );
}
