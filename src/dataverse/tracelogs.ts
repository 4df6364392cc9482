/** The alerts server-side sync writes about mailboxes: tracelog rows (dataverse.md §7). */
import { chunk } from '../core/batch';
import { TRACELOG_FILTER_VIA_NAV } from '../core/assumptions';
import { guidLiteral, isoLiteral } from '../core/odata';
import { alertReadFailureCause } from '../core/run/run-view';
import { ENTITY_SET, TRACELOG } from '../core/schema';
import { DataverseError } from './errors';
import type { DataverseHttp } from './http';
import { anyIdFilter, IDS_PER_QUERY, profileFilter } from './mailboxes';
import { numberOf, textOf, type RawRow } from './row';

/** One tracelog row. `level` 2 = warning (Dynamics retries), 3 = error. */
export type TraceAlert = {
    tracelogid: string | null;
    level: number | null;
    tracecode: number | null;
    text: string | null;
    errordetails: string | null;
    modifiedon: string;
    _regardingobjectid_value: string | null;
};

const TRACE_SELECT = [
    TRACELOG.id,
    TRACELOG.level,
    TRACELOG.traceCode,
    TRACELOG.text,
    TRACELOG.errorDetails,
    TRACELOG.modifiedOn,
    TRACELOG.regarding,
].join(',');

/** Map a Web API row to TraceAlert; a missing or differently typed value becomes null. */
function toTraceAlert(raw: RawRow): TraceAlert {
    return {
        tracelogid: textOf(raw, TRACELOG.id),
        level: numberOf(raw, TRACELOG.level),
        tracecode: numberOf(raw, TRACELOG.traceCode),
        text: textOf(raw, TRACELOG.text),
        errordetails: textOf(raw, TRACELOG.errorDetails),
        modifiedon: textOf(raw, TRACELOG.modifiedOn) ?? '',
        _regardingobjectid_value: textOf(raw, TRACELOG.regarding),
    };
}

/** Every alert matching `filter`, newest first. */
async function readTraceAlerts(http: DataverseHttp, filter: string, signal?: AbortSignal): Promise<TraceAlert[]> {
    const rows = await http.getAll<RawRow>(
        `${ENTITY_SET.tracelog}?$select=${TRACE_SELECT}&$orderby=${TRACELOG.modifiedOn} desc&$filter=${filter}`,
        { signal },
    );
    return rows.map(toTraceAlert);
}

/** Options of readAlerts: the mailboxes to ask about when the navigation filter is off. */
export type ReadAlertsOptions = { mailboxIds?: readonly string[]; viaNav?: boolean; signal?: AbortSignal };

/** Alerts since `since` for the profile's mailboxes; via the nav filter, or per-mailbox chunks when that is off. */
export async function readAlerts(
    http: DataverseHttp,
    profileId: string,
    since: string,
    options: ReadAlertsOptions = {},
): Promise<TraceAlert[]> {
    const time = `${TRACELOG.modifiedOn} gt ${isoLiteral(since)}`;
    if (options.viaNav ?? TRACELOG_FILTER_VIA_NAV)
        return readTraceAlerts(
            http,
            `${TRACELOG.regardingMailbox}/${profileFilter(profileId)} and ${time}`,
            options.signal,
        );
    const alerts: TraceAlert[] = [];
    for (const group of chunk(options.mailboxIds ?? [], IDS_PER_QUERY)) {
        const filter = `(${anyIdFilter(TRACELOG.regarding, group)}) and ${time}`;
        alerts.push(...(await readTraceAlerts(http, filter, options.signal)));
    }
    return alerts;
}

/** Alerts about one mailbox written at or after `since`, newest first (the connection test's canary). */
export async function readMailboxAlerts(
    http: DataverseHttp,
    mailboxId: string,
    since: string,
    signal?: AbortSignal,
): Promise<TraceAlert[]> {
    const filter = `${TRACELOG.regarding} eq ${guidLiteral(mailboxId)} and ${TRACELOG.modifiedOn} ge ${isoLiteral(since)}`;
    return readTraceAlerts(http, filter, signal);
}

/**
 * For a `.catch` on an alert read: a refused read (400, 403) is no alerts, so the list shows its rows without causes
 * instead of failing (issue 14 item 9); any other error is rethrown.
 */
export function noAlertsIfRefused(error: unknown): TraceAlert[] {
    if (error instanceof DataverseError && alertReadFailureCause(error.status)) return [];
    throw error;
}
