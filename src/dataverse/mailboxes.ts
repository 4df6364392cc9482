/** Mailbox reads for the bulk run (dataverse.md §3, §5 re-read, §6 results, §7 tracelog). */
import { TRACELOG_FILTER_VIA_NAV } from '../core/assumptions';
import { chunk } from '../core/batch';
import { guidLiteral } from '../core/odata';
import { APPROVAL, SSS, type MailboxRow } from '../core/run/types';
import { FORMATTED_VALUE, type DataverseHttp } from './http';

const LOOKUP_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';
/** Annotations requested with every mailbox list (dataverse.md §3). */
export const MAILBOX_PREFER = `odata.include-annotations="${FORMATTED_VALUE},${LOOKUP_NAME}"`;

/**
 * The $select of dataverse.md §3 plus the profile lookup, each column with the JSON type toMailboxRow accepts for
 * it (a missing or differently typed value becomes null).
 */
const COLUMN_TYPES = {
    mailboxid: 'string',
    name: 'string',
    emailaddress: 'string',
    _regardingobjectid_value: 'string',
    _emailserverprofile_value: 'string',
    emailrouteraccessapproval: 'number',
    isemailaddressapprovedbyo365admin: 'boolean',
    incomingemailstatus: 'number',
    outgoingemailstatus: 'number',
    actstatus: 'number',
    mailboxstatus: 'number',
    incomingemaildeliverymethod: 'number',
    outgoingemaildeliverymethod: 'number',
    actdeliverymethod: 'number',
    testemailconfigurationscheduled: 'boolean',
    testmailboxaccesscompletedon: 'string',
    statecode: 'number',
} as const;

/** The mailbox columns read, in $select order. */
export const MAILBOX_COLUMNS = Object.keys(COLUMN_TYPES);
/** MAILBOX_COLUMNS as a query option. */
export const MAILBOX_SELECT = `$select=${MAILBOX_COLUMNS.join(',')}`;

/**
 * Ids per `mailboxid eq … or …` query. A GUID clause is ~50 characters, so 50 ids keep the URL near 2.6 KB —
 * well under IIS's 16 KB query limit — and one paged GET replaces 50 GETs inside a $batch, which would each count
 * against entitlement limits (dataverse.md §9).
 */
export const IDS_PER_QUERY = 50;

type RawRow = Record<string, unknown>;
type JsonTypes = { string: string; number: number; boolean: boolean };
type TypedColumns = { -readonly [K in keyof typeof COLUMN_TYPES]: JsonTypes[(typeof COLUMN_TYPES)[K]] | null };

function str(v: unknown): string | null {
    return typeof v === 'string' ? v : null;
}

function typedColumns(raw: RawRow): TypedColumns {
    const out: Record<string, unknown> = {};
    for (const [column, type] of Object.entries(COLUMN_TYPES))
        out[column] = typeof raw[column] === type ? raw[column] : null;
    return out as TypedColumns;
}

function formattedOf(raw: RawRow): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
        const at = key.indexOf(`@${FORMATTED_VALUE}`);
        if (at > 0 && typeof value === 'string') out[key.slice(0, at)] = value;
    }
    return out;
}

/** Map a Web API row to MailboxRow. */
export function toMailboxRow(raw: RawRow): MailboxRow {
    const { _regardingobjectid_value, _emailserverprofile_value, ...columns } = typedColumns(raw);
    const row: MailboxRow = {
        ...columns,
        mailboxid: String(raw.mailboxid),
        name: columns.name ?? '',
        regardingId: _regardingobjectid_value,
        regardingType: str(raw[`_regardingobjectid_value@${LOOKUP_NAME}`]),
        profileId: _emailserverprofile_value,
        formatted: formattedOf(raw),
    };
    const etag = str(raw['@odata.etag']);
    return etag ? { ...row, etag } : row;
}

/** `_emailserverprofile_value eq …`: the rows of one profile. */
function profileFilter(profileId: string): string {
    return `_emailserverprofile_value eq ${guidLiteral(profileId)}`;
}

/** `column eq id or …` for one chunk of ids. */
function anyIdFilter(column: string, ids: readonly string[]): string {
    return ids.map((id) => `${column} eq ${guidLiteral(id)}`).join(' or ');
}

type RowOptions = { onPage?: (page: MailboxRow[], total: number) => void; signal?: AbortSignal };

/** Every mailbox matching `filter`, with the §3 columns and annotations, in pages of the largest size. */
async function readMailboxRows(http: DataverseHttp, filter: string, options: RowOptions): Promise<MailboxRow[]> {
    const raw = await http.getAll<RawRow>(`mailboxes?${MAILBOX_SELECT}&$filter=${filter}`, {
        prefer: [MAILBOX_PREFER],
        onPage: (page, total) => options.onPage?.(page.map(toMailboxRow), total),
        signal: options.signal,
    });
    return raw.map(toMailboxRow);
}

/** Every active mailbox of a profile. */
export async function listMailboxes(
    http: DataverseHttp,
    profileId: string,
    options: RowOptions = {},
): Promise<MailboxRow[]> {
    return readMailboxRows(http, `${profileFilter(profileId)} and statecode eq 0`, options);
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
        'statecode eq 0',
        `emailrouteraccessapproval eq ${APPROVAL.approved}`,
        `incomingemaildeliverymethod eq ${SSS.incoming}`,
        `outgoingemaildeliverymethod eq ${SSS.outgoing}`,
        `actdeliverymethod eq ${SSS.act}`,
    ].join(' and ');
    const res = await http.send<{ value: RawRow[] }>(
        `mailboxes?${MAILBOX_SELECT}&$filter=${filter}&$orderby=name asc`,
        { prefer: [`odata.maxpagesize=${CANARY_CANDIDATES}`, MAILBOX_PREFER], signal },
    );
    return res.body.value.map(toMailboxRow);
}

/** Approval re-read: emailrouteraccessapproval, isemailaddressapprovedbyo365admin, emailaddressapprovedon. */
export type ApprovalState = {
    mailboxid: string;
    emailrouteraccessapproval: number | null;
    isemailaddressapprovedbyo365admin: boolean | null;
    emailaddressapprovedon: string | null;
};

/** Re-read approval for `ids` in `or` chunks of IDS_PER_QUERY (see above for why not batched GETs). */
export async function readApprovalState(
    http: DataverseHttp,
    ids: readonly string[],
    signal?: AbortSignal,
): Promise<Map<string, ApprovalState>> {
    const out = new Map<string, ApprovalState>();
    const select = 'mailboxid,emailrouteraccessapproval,isemailaddressapprovedbyo365admin,emailaddressapprovedon';
    // The chunks go out together; the shared gate decides how many are really in flight (dataverse.md §9).
    const pages = await Promise.all(
        chunk(ids, IDS_PER_QUERY).map((group) =>
            http.getAll<ApprovalState>(`mailboxes?$select=${select}&$filter=${anyIdFilter('mailboxid', group)}`, {
                signal,
            }),
        ),
    );
    for (const row of pages.flat()) out.set(row.mailboxid.toLowerCase(), row);
    return out;
}

/** Rows whose test finished after `since` (one paged query for the whole run, dataverse.md §6). */
export async function readTestResults(
    http: DataverseHttp,
    profileId: string,
    since: string,
    signal?: AbortSignal,
): Promise<MailboxRow[]> {
    return readMailboxRows(
        http,
        `${profileFilter(profileId)} and testmailboxaccesscompletedon gt ${isoLiteral(since)}`,
        {
            signal,
        },
    );
}

/** One tracelog row (dataverse.md §7). */
export type TraceAlert = {
    tracelogid?: string;
    level: number;
    tracecode: number | null;
    text: string | null;
    errordetails: string | null;
    modifiedon: string;
    _regardingobjectid_value: string | null;
};

const TRACE_SELECT = 'tracelogid,level,tracecode,text,errordetails,modifiedon,_regardingobjectid_value';

/** Alerts since `since` for the profile's mailboxes; via the nav filter, or per-mailbox chunks when that is off. */
export async function readAlerts(
    http: DataverseHttp,
    profileId: string,
    since: string,
    options: { mailboxIds?: readonly string[]; viaNav?: boolean; signal?: AbortSignal } = {},
): Promise<TraceAlert[]> {
    const time = `modifiedon gt ${isoLiteral(since)}`;
    const read = (filter: string) =>
        http.getAll<TraceAlert>(`tracelogs?$select=${TRACE_SELECT}&$orderby=modifiedon desc&$filter=${filter}`, {
            signal: options.signal,
        });
    if (options.viaNav ?? TRACELOG_FILTER_VIA_NAV)
        return read(`regardingobjectid_mailbox/${profileFilter(profileId)} and ${time}`);
    const out: TraceAlert[] = [];
    for (const group of chunk(options.mailboxIds ?? [], IDS_PER_QUERY)) {
        out.push(...(await read(`(${anyIdFilter('_regardingobjectid_value', group)}) and ${time}`)));
    }
    return out;
}

/** A DateTimeOffset literal; only a parseable date gets into the URL. */
export function isoLiteral(value: string): string {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new Error('Not a date');
    return new Date(ms).toISOString();
}
