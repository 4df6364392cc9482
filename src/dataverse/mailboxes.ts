/** Mailbox reads for the bulk run (dataverse.md §3, §5 re-read, §6 results, §7 tracelog). */
import { TRACELOG_FILTER_VIA_NAV } from '../core/assumptions';
import { chunk } from '../core/batch';
import { guidLiteral } from '../core/odata';
import { APPROVAL, SSS, type MailboxRow } from '../core/run/types';
import { MAX_PAGE_SIZE, type DataverseHttp } from './http';

const FORMATTED = 'OData.Community.Display.V1.FormattedValue';
const LOOKUP_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';
/** Annotations requested with every mailbox list (dataverse.md §3). */
export const MAILBOX_PREFER = `odata.include-annotations="${FORMATTED},${LOOKUP_NAME}"`;

/** The $select of dataverse.md §3 plus the profile lookup. */
export const MAILBOX_COLUMNS = [
    'mailboxid',
    'name',
    'emailaddress',
    '_regardingobjectid_value',
    '_emailserverprofile_value',
    'emailrouteraccessapproval',
    'isemailaddressapprovedbyo365admin',
    'incomingemailstatus',
    'outgoingemailstatus',
    'actstatus',
    'mailboxstatus',
    'incomingemaildeliverymethod',
    'outgoingemaildeliverymethod',
    'actdeliverymethod',
    'testemailconfigurationscheduled',
    'testmailboxaccesscompletedon',
    'statecode',
];

/**
 * Ids per `mailboxid eq … or …` query. A GUID clause is ~50 characters, so 50 ids keep the URL near 2.6 KB —
 * well under IIS's 16 KB query limit — and one paged GET replaces 50 GETs inside a $batch, which would each count
 * against entitlement limits (dataverse.md §9).
 */
export const IDS_PER_QUERY = 50;

type RawRow = Record<string, unknown>;

function num(v: unknown): number | null {
    return typeof v === 'number' ? v : null;
}

function str(v: unknown): string | null {
    return typeof v === 'string' ? v : null;
}

function formattedOf(raw: RawRow): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
        const at = key.indexOf(`@${FORMATTED}`);
        if (at > 0 && typeof value === 'string') out[key.slice(0, at)] = value;
    }
    return out;
}

/** Map a Web API row to MailboxRow. */
export function toMailboxRow(raw: RawRow): MailboxRow {
    const row: MailboxRow = {
        mailboxid: String(raw.mailboxid),
        name: str(raw.name) ?? '',
        emailaddress: str(raw.emailaddress),
        regardingId: str(raw._regardingobjectid_value),
        regardingType: str(raw[`_regardingobjectid_value@${LOOKUP_NAME}`]),
        profileId: str(raw._emailserverprofile_value),
        emailrouteraccessapproval: num(raw.emailrouteraccessapproval),
        isemailaddressapprovedbyo365admin:
            typeof raw.isemailaddressapprovedbyo365admin === 'boolean' ? raw.isemailaddressapprovedbyo365admin : null,
        incomingemailstatus: num(raw.incomingemailstatus),
        outgoingemailstatus: num(raw.outgoingemailstatus),
        actstatus: num(raw.actstatus),
        mailboxstatus: num(raw.mailboxstatus),
        incomingemaildeliverymethod: num(raw.incomingemaildeliverymethod),
        outgoingemaildeliverymethod: num(raw.outgoingemaildeliverymethod),
        actdeliverymethod: num(raw.actdeliverymethod),
        testemailconfigurationscheduled:
            typeof raw.testemailconfigurationscheduled === 'boolean' ? raw.testemailconfigurationscheduled : null,
        testmailboxaccesscompletedon: str(raw.testmailboxaccesscompletedon),
        statecode: num(raw.statecode),
        formatted: formattedOf(raw),
    };
    const etag = str(raw['@odata.etag']);
    return etag ? { ...row, etag } : row;
}

/** Every active mailbox of a profile. */
export async function listMailboxes(
    http: DataverseHttp,
    profileId: string,
    options: { onPage?: (page: MailboxRow[], total: number) => void; signal?: AbortSignal } = {},
): Promise<MailboxRow[]> {
    const filter = `_emailserverprofile_value eq ${guidLiteral(profileId)} and statecode eq 0`;
    const raw = await http.getAll<RawRow>(`mailboxes?$select=${MAILBOX_COLUMNS.join(',')}&$filter=${filter}`, {
        pageSize: MAX_PAGE_SIZE,
        prefer: [MAILBOX_PREFER],
        onPage: (page, total) => options.onPage?.(page.map(toMailboxRow), total),
        signal: options.signal,
    });
    return raw.map(toMailboxRow);
}

/** How many canary candidates the connection test offers: enough to choose from, one small page to read. */
export const CANARY_CANDIDATES = 50;

/**
 * Mailboxes that can serve as the connection test's canary (active, approved, server-side sync for incoming,
 * outgoing and ACT: dataverse.md §6), filtered by the server and read as one small page — never the whole list.
 */
export async function listCanaryCandidates(http: DataverseHttp, profileId: string, signal?: AbortSignal): Promise<MailboxRow[]> {
    const filter = [
        `_emailserverprofile_value eq ${guidLiteral(profileId)}`,
        'statecode eq 0',
        `emailrouteraccessapproval eq ${APPROVAL.approved}`,
        `incomingemaildeliverymethod eq ${SSS.incoming}`,
        `outgoingemaildeliverymethod eq ${SSS.outgoing}`,
        `actdeliverymethod eq ${SSS.act}`,
    ].join(' and ');
    const res = await http.send<{ value: RawRow[] }>(
        `mailboxes?$select=${MAILBOX_COLUMNS.join(',')}&$filter=${filter}&$orderby=name asc`,
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
        chunk(ids, IDS_PER_QUERY).map((group) => {
            const filter = group.map((id) => `mailboxid eq ${guidLiteral(id)}`).join(' or ');
            return http.getAll<ApprovalState>(`mailboxes?$select=${select}&$filter=${filter}`, { signal });
        }),
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
    const filter = `_emailserverprofile_value eq ${guidLiteral(profileId)} and testmailboxaccesscompletedon gt ${isoLiteral(since)}`;
    const raw = await http.getAll<RawRow>(`mailboxes?$select=${MAILBOX_COLUMNS.join(',')}&$filter=${filter}`, {
        prefer: [MAILBOX_PREFER],
        signal,
    });
    return raw.map(toMailboxRow);
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
    const base = `tracelogs?$select=${TRACE_SELECT}&$orderby=modifiedon desc&$filter=`;
    if (options.viaNav ?? TRACELOG_FILTER_VIA_NAV) {
        const filter = `regardingobjectid_mailbox/_emailserverprofile_value eq ${guidLiteral(profileId)} and ${time}`;
        return http.getAll<TraceAlert>(base + filter, { signal: options.signal });
    }
    const out: TraceAlert[] = [];
    for (const group of chunk(options.mailboxIds ?? [], IDS_PER_QUERY)) {
        const ids = group.map((id) => `_regardingobjectid_value eq ${guidLiteral(id)}`).join(' or ');
        out.push(...(await http.getAll<TraceAlert>(`${base}(${ids}) and ${time}`, { signal: options.signal })));
    }
    return out;
}

/** A DateTimeOffset literal; only a parseable date gets into the URL. */
export function isoLiteral(value: string): string {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new Error('Not a date');
    return new Date(ms).toISOString();
}
