/**
 * Run failures in the decoder's one vocabulary (CauseCode): how a failed request or test of the run is decoded when
 * it happens, and the failures grouped for the run summary ("52 failed (31 consent missing, 21 mailbox not
 * licensed)", product.md §5).
 */
import {
    APPROVAL_PRIVILEGE_TEXT,
    decodeAlert,
    decodedCause,
    type AlertInput,
    isApprovalRefusal,
    type CauseCode,
    type DecodedError,
} from '../credentials/error-catalogue';
import type { FailureGroup } from '../mailbox-view';
import type { LedgerEntry, LedgerSummary } from './ledger';
import { groupBySkipReason } from './skip-reasons';
import { TRANSIENCE_BY_CODE } from './transience';
import type { SkipReason } from './types';

/** A Web API request of the run that failed: a $batch part, or the whole batch. */
export type FailedRequest = { status: number; code: string; message: string; isApproval: boolean };

/**
 * The cause of a failed request: a refusal (approvals only), a stale or deleted row (412, 404), or what its code and
 * message decode to. The refusal codes count on approval requests only: 0x80040216 is also Dataverse's generic
 * "unexpected error" (dataverse.md §5).
 */
export function requestFailureCause({ status, code, message, isApproval }: FailedRequest): CauseCode {
    if (isApproval && isApprovalRefusal(code, message))
        return APPROVAL_PRIVILEGE_TEXT.test(message) ? 'approvalPrivilegeMissing' : 'approvalRefused';
    if (status === 412 || status === 404) return 'concurrencyConflict';
    // Recorded only once its bounded re-sends are used up (executor): the database kept failing for a passing reason.
    if (TRANSIENCE_BY_CODE[code.toLowerCase()] === 'transient') return 'serverTransient';
    const decoded = decodeAlert({ text: code ? `${code}: ${message}` : message }).cause;
    return decoded === 'approvalRefused' ? 'unknown' : decoded;
}

/**
 * Whether a failed approval was refused because of who sent it, not because of the mailbox: no Microsoft 365 admin
 * role (0x80040256, dataverse.md §5 "Refusals") or no approval privilege. Every other approval would meet it too.
 */
export function isCallerRefusal(cause: CauseCode | undefined): boolean {
    return cause === 'approvalRefused' || cause === 'approvalPrivilegeMissing';
}

/**
 * The cause of a failed Test & Enable, from its latest alert — error code first, text second (decodeAlert) — or from
 * the status label when there is none.
 */
export function testFailureCause(alert: AlertInput): CauseCode {
    return decodeAlert(alert).cause;
}

/**
 * Why a failed test's cause is not available when reading its alerts was refused: 403 = no read access to alerts,
 * 400 = a query the organisation refuses (dataverse.md §7: the alert filter is (unconfirmed)). Other statuses are
 * not a refusal to read alerts.
 */
export function alertReadFailureCause(status: number): CauseCode | undefined {
    if (status === 403) return 'alertsNoPermission';
    if (status === 400) return 'alertsQueryRefused';
    return undefined;
}

/** One failed ledger entry with its cause's message and fix; the detail is the original text. */
export function decodeRunFailure(entry: Pick<LedgerEntry, 'cause' | 'detail'>): DecodedError {
    return decodedCause(entry.cause ?? 'unknown', entry.detail ?? '');
}

/** A group of failures sharing a cause. */
export type FailureGroupView = { decoded: DecodedError; entries: LedgerEntry[] };

/**
 * Every approval of the run that got an answer was refused because of who sent it (isCallerRefusal), none applied:
 * `cause` is the refusal's, `notSent` how many mailboxes the run then skipped without sending anything.
 */
export type ApprovalRefusalView = { cause: CauseCode; notSent: number };

/** What the run panel shows. */
/** How many mailboxes of a run were skipped for one reason. */
export type SkipCount = { reason: SkipReason; count: number };

export type RunView = {
    summary: LedgerSummary;
    groups: FailureGroupView[];
    /** Skipped mailboxes by reason, largest first: after a cancel they say how far each got. */
    skips: SkipCount[];
    refusal?: ApprovalRefusalView;
};

/** Skipped entries counted by reason, largest first (ties by reason name). */
function skipCountsOf(entries: readonly LedgerEntry[]): SkipCount[] {
    const skipped = groupBySkipReason(entries, (entry) => (entry.state === 'skipped' ? entry.reason : undefined));
    return skipped.map(({ reason, items }) => ({ reason, count: items.length }));
}

/** The run's refusal, when its approvals were all refused because of who sent them. */
function approvalRefusal(entries: readonly LedgerEntry[]): ApprovalRefusalView | undefined {
    let cause: CauseCode | undefined;
    let notSent = 0;
    for (const entry of entries) {
        if (entry.approvalConfirmed) return undefined;
        if (entry.state === 'failed' && entry.approve && isCallerRefusal(entry.cause)) cause = entry.cause;
        if (entry.state === 'skipped' && entry.reason === 'approvalRefused') notSent += 1;
    }
    return cause ? { cause, notSent } : undefined;
}

/** Group failed entries by cause, largest group first, then by cause name for a stable order. */
export function buildRunView(summary: LedgerSummary, entries: readonly LedgerEntry[]): RunView {
    const groups = new Map<CauseCode, FailureGroupView>();
    for (const entry of entries) {
        if (entry.state !== 'failed') continue;
        const decoded = decodeRunFailure(entry);
        const group = groups.get(decoded.cause) ?? { decoded, entries: [] };
        group.entries.push(entry);
        groups.set(decoded.cause, group);
    }
    const sorted = [...groups.values()].sort(
        (a, b) => b.entries.length - a.entries.length || a.decoded.cause.localeCompare(b.decoded.cause),
    );
    const refusal = approvalRefusal(entries);
    const skips = skipCountsOf(entries);
    return refusal ? { summary, groups: sorted, skips, refusal } : { summary, groups: sorted, skips };
}

/** The groups as the summary lists them: cause, count and the ids of the mailboxes, largest group first. */
export function failureGroupsOf(view: RunView | undefined): FailureGroup[] {
    return (view?.groups ?? []).map(({ decoded, entries }) => ({
        cause: decoded.cause,
        count: entries.length,
        mailboxIds: entries.map((entry) => entry.mailboxId),
    }));
}
