/** Mailbox reads for the bulk run and the connection test (dataverse.md §3, §5 re-read, §6 results). */
import { chunk } from '../core/batch';
import { guidLiteral, isoLiteral } from '../core/odata';
import { APPROVAL, SSS, type MailboxRow } from '../core/run/types';
import { ANNOTATIONS, ENTITY_SET, MAILBOX } from '../core/schema';
import type { DataverseHttp } from './http';
import { flagOf, numberOf, textOf, type RawRow } from './row';

/** Annotations requested with every mailbox read (dataverse.md §3). */
export const MAILBOX_PREFER = `odata.include-annotations="${ANNOTATIONS.formattedValue},${ANNOTATIONS.lookupLogicalName}"`;

/** The columns of dataverse.md §3 plus the profile lookup, in $select order: what toMailboxRow maps. */
export const MAILBOX_COLUMNS: readonly string[] = [
    MAILBOX.id,
    MAILBOX.name,
    MAILBOX.emailAddress,
    MAILBOX.regarding,
    MAILBOX.profile,
    MAILBOX.approval,
    MAILBOX.approvedByO365Admin,
    MAILBOX.incomingStatus,
    MAILBOX.outgoingStatus,
    MAILBOX.actStatus,
    MAILBOX.testStatus,
    MAILBOX.incomingDelivery,
    MAILBOX.outgoingDelivery,
    MAILBOX.actDelivery,
    MAILBOX.testScheduled,
    MAILBOX.testCompletedOn,
    MAILBOX.state,
];
/** MAILBOX_COLUMNS as a query option. */
export const MAILBOX_SELECT = `$select=${MAILBOX_COLUMNS.join(',')}`;

/**
 * Ids per `mailboxid eq … or …` query. A GUID clause is ~50 characters, so 50 ids keep the URL near 2.6 KB —
 * well under IIS's 16 KB query limit — and one paged GET replaces 50 GETs inside a $batch, which would each count
 * against entitlement limits (dataverse.md §9).
 */
export const IDS_PER_QUERY = 50;

/**
 * Columns whose values repeat across a profile's rows: option labels ("Approved", "Success"…), the profile itself
 * and its name, the regarding table. Kept once each rather than once per row: at 50,000 rows the copies JSON.parse
 * makes of them are a third of the list's memory (issue 17). Names, addresses and dates stay as they are.
 */
const REPEATING = new Set<string>([
    MAILBOX.profile,
    MAILBOX.approval,
    MAILBOX.approvedByO365Admin,
    MAILBOX.incomingStatus,
    MAILBOX.outgoingStatus,
    MAILBOX.actStatus,
    MAILBOX.testStatus,
    MAILBOX.incomingDelivery,
    MAILBOX.outgoingDelivery,
    MAILBOX.actDelivery,
    MAILBOX.testScheduled,
    MAILBOX.state,
    `${MAILBOX.regarding}@${ANNOTATIONS.lookupLogicalName}`,
]);

/** One copy of each repeating value (a small set: labels in the user's language, profile ids and names). */
const shared = new Map<string, string>();

function once(value: string): string {
    const known = shared.get(value);
    if (known !== undefined) return known;
    shared.set(value, value);
    return value;
}

/** The FormattedValue annotations of a row, keyed by column name. */
function formattedOf(raw: RawRow): Record<string, string> {
    const suffix = `@${ANNOTATIONS.formattedValue}`;
    const formatted: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
        if (!key.endsWith(suffix) || typeof value !== 'string') continue;
        const column = key.slice(0, -suffix.length);
        formatted[column] = REPEATING.has(column) ? once(value) : value;
    }
    return formatted;
}

/** A text column, kept once when its values repeat across rows. */
function sharedText(raw: RawRow, column: string): string | null {
    const value = textOf(raw, column);
    return value !== null && REPEATING.has(column) ? once(value) : value;
}

/** Map a Web API row to MailboxRow; a missing or differently typed value becomes null. */
export function toMailboxRow(raw: RawRow): MailboxRow {
    const row: MailboxRow = {
        mailboxid: String(raw[MAILBOX.id]),
        name: textOf(raw, MAILBOX.name) ?? '',
        emailaddress: textOf(raw, MAILBOX.emailAddress),
        regardingId: textOf(raw, MAILBOX.regarding),
        regardingType: sharedText(raw, `${MAILBOX.regarding}@${ANNOTATIONS.lookupLogicalName}`),
        profileId: sharedText(raw, MAILBOX.profile),
        emailrouteraccessapproval: numberOf(raw, MAILBOX.approval),
        isemailaddressapprovedbyo365admin: flagOf(raw, MAILBOX.approvedByO365Admin),
        incomingemailstatus: numberOf(raw, MAILBOX.incomingStatus),
        outgoingemailstatus: numberOf(raw, MAILBOX.outgoingStatus),
        actstatus: numberOf(raw, MAILBOX.actStatus),
        mailboxstatus: numberOf(raw, MAILBOX.testStatus),
        incomingemaildeliverymethod: numberOf(raw, MAILBOX.incomingDelivery),
        outgoingemaildeliverymethod: numberOf(raw, MAILBOX.outgoingDelivery),
        actdeliverymethod: numberOf(raw, MAILBOX.actDelivery),
        testemailconfigurationscheduled: flagOf(raw, MAILBOX.testScheduled),
        testmailboxaccesscompletedon: textOf(raw, MAILBOX.testCompletedOn),
        statecode: numberOf(raw, MAILBOX.state),
        formatted: formattedOf(raw),
    };
    const etag = textOf(raw, '@odata.etag');
    return etag ? { ...row, etag } : row;
}

/** `_emailserverprofile_value eq …`: the rows of one profile. */
export function profileFilter(profileId: string): string {
    return `${MAILBOX.profile} eq ${guidLiteral(profileId)}`;
}

/** `column eq id or …` for one chunk of ids. */
export function anyIdFilter(column: string, ids: readonly string[]): string {
    return ids.map((id) => `${column} eq ${guidLiteral(id)}`).join(' or ');
}

/** The key segment of one mailbox, e.g. for a PATCH. */
export function mailboxPath(mailboxId: string): string {
    return `${ENTITY_SET.mailbox}(${guidLiteral(mailboxId)})`;
}

type RowOptions = { onPage?: (page: MailboxRow[], total: number) => void; signal?: AbortSignal };

/**
 * Every mailbox matching `filter`, with the §3 columns and annotations, in pages of the largest size. Each page is
 * mapped as it arrives: a raw row with its annotations is several times the size of a MailboxRow.
 */
function readMailboxRows(http: DataverseHttp, filter: string, options: RowOptions): Promise<MailboxRow[]> {
    return http.getAll<RawRow, MailboxRow>(`${ENTITY_SET.mailbox}?${MAILBOX_SELECT}&$filter=${filter}`, {
        prefer: [MAILBOX_PREFER],
        map: toMailboxRow,
        onPage: options.onPage,
        signal: options.signal,
    });
}

/** Every active mailbox of a profile. */
export async function listMailboxes(
    http: DataverseHttp,
    profileId: string,
    options: RowOptions = {},
): Promise<MailboxRow[]> {
    return readMailboxRows(http, `${profileFilter(profileId)} and ${MAILBOX.state} eq 0`, options);
}

/** One mailbox with the §3 columns and annotations. */
export async function readMailbox(http: DataverseHttp, mailboxId: string, signal?: AbortSignal): Promise<MailboxRow> {
    const response = await http.send<RawRow>(`${mailboxPath(mailboxId)}?${MAILBOX_SELECT}`, {
        prefer: [MAILBOX_PREFER],
        signal,
    });
    return toMailboxRow(response.body);
}

/** How many canary candidates the connection test offers: enough to choose from, one small page to read. */
export const CANARY_CANDIDATES = 50;

/**
 * Mailboxes that can serve as the connection test's canary (active, approved, server-side sync for incoming,
 * outgoing and ACT: dataverse.md §6), filtered by the server and read as one small page — never the whole list.
 */
export async function listCanaryCandidates(
    http: DataverseHttp,
    profileId: string,
    signal?: AbortSignal,
): Promise<MailboxRow[]> {
    const filter = [
        profileFilter(profileId),
        `${MAILBOX.state} eq 0`,
        `${MAILBOX.approval} eq ${APPROVAL.approved}`,
        `${MAILBOX.incomingDelivery} eq ${SSS.incoming}`,
        `${MAILBOX.outgoingDelivery} eq ${SSS.outgoing}`,
        `${MAILBOX.actDelivery} eq ${SSS.act}`,
    ].join(' and ');
    const response = await http.send<{ value: RawRow[] }>(
        `${ENTITY_SET.mailbox}?${MAILBOX_SELECT}&$filter=${filter}&$orderby=${MAILBOX.name} asc`,
        { prefer: [`odata.maxpagesize=${CANARY_CANDIDATES}`, MAILBOX_PREFER], signal },
    );
    return response.body.value.map(toMailboxRow);
}

/** Approval re-read: emailrouteraccessapproval, isemailaddressapprovedbyo365admin, emailaddressapprovedon. */
export type ApprovalState = {
    mailboxid: string;
    emailrouteraccessapproval: number | null;
    isemailaddressapprovedbyo365admin: boolean | null;
    emailaddressapprovedon: string | null;
};

const APPROVAL_SELECT = [MAILBOX.id, MAILBOX.approval, MAILBOX.approvedByO365Admin, MAILBOX.approvedOn].join(',');

function toApprovalState(raw: RawRow): ApprovalState {
    return {
        mailboxid: String(raw[MAILBOX.id]),
        emailrouteraccessapproval: numberOf(raw, MAILBOX.approval),
        isemailaddressapprovedbyo365admin: flagOf(raw, MAILBOX.approvedByO365Admin),
        emailaddressapprovedon: textOf(raw, MAILBOX.approvedOn),
    };
}

/** Re-read approval for `ids` in `or` chunks of IDS_PER_QUERY (see above for why not batched GETs). */
export async function readApprovalState(
    http: DataverseHttp,
    ids: readonly string[],
    signal?: AbortSignal,
): Promise<Map<string, ApprovalState>> {
    const states = new Map<string, ApprovalState>();
    // The chunks go out together; the shared gate decides how many are really in flight (dataverse.md §9).
    const pages = await Promise.all(
        chunk(ids, IDS_PER_QUERY).map((group) =>
            http.getAll<RawRow>(
                `${ENTITY_SET.mailbox}?$select=${APPROVAL_SELECT}&$filter=${anyIdFilter(MAILBOX.id, group)}`,
                { signal },
            ),
        ),
    );
    for (const state of pages.flat().map(toApprovalState)) states.set(state.mailboxid.toLowerCase(), state);
    return states;
}

/** Rows whose test finished after `since` (one paged query for the whole run, dataverse.md §6). */
export async function readTestResults(
    http: DataverseHttp,
    profileId: string,
    since: string,
    signal?: AbortSignal,
): Promise<MailboxRow[]> {
    const filter = `${profileFilter(profileId)} and ${MAILBOX.testCompletedOn} gt ${isoLiteral(since)}`;
    return readMailboxRows(http, filter, { signal });
}
