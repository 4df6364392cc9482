/**
 * Turns the ledger's failures into decoded causes with fixes, grouped for the run summary
 * ("52 failed (31 consent missing, 21 mailbox not licensed)", product.md §5).
 */
import {
    APPROVAL_PRIVILEGE_TEXT,
    decodeAlert,
    decodedCause,
    type CauseCode,
    type DecodedError,
} from '../credentials/error-catalogue';
import type { LedgerEntry, LedgerSummary } from './ledger';
import type { FailureCause } from './types';

const DIRECT: Partial<Record<FailureCause, CauseCode>> = {
    approvalNotApplied: 'approvalNotApplied',
    testTimedOut: 'testTimedOut',
    preconditionFailed: 'concurrencyConflict',
    throttled: 'throttled',
    network: 'networkError',
    sessionExpired: 'sessionExpired',
};

/** Decode one failed ledger entry: alert text for failed tests, the refusal for approvals, the cause otherwise. */
export function decodeRunFailure(entry: Pick<LedgerEntry, 'cause' | 'detail'>): DecodedError {
    const raw = entry.detail ?? '';
    const direct = entry.cause ? DIRECT[entry.cause] : undefined;
    if (direct) return decodedCause(direct, raw);
    if (entry.cause === 'approvalRefused') {
        return decodedCause(APPROVAL_PRIVILEGE_TEXT.test(raw) ? 'approvalPrivilegeMissing' : 'approvalRefused', raw);
    }
    const decoded = decodeAlert({ text: raw });
    // Refused approvals were classified by the executor (cause 'approvalRefused'). The same codes on any other
    // request are no refusal: 0x80040216 is also Dataverse's generic "unexpected error".
    return entry.cause === 'httpError' && decoded.cause === 'approvalRefused' ? decodedCause('unknown', raw) : decoded;
}

/** A group of failures sharing a decoded cause. */
export type FailureGroupView = { decoded: DecodedError; entries: LedgerEntry[] };

/** What the run panel shows. */
export type RunView = { summary: LedgerSummary; groups: FailureGroupView[] };

/** Group failed entries by decoded cause, largest group first, then by cause name for a stable order. */
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
    return { summary, groups: sorted };
}
