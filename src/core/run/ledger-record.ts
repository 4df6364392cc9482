/**
 * The ledger as a browser database keeps it (issue 14 item 8): one small record per mailbox, keyed by its place in
 * the plan, and one head record with the run's settings. At 50,000 mailboxes the records fit where one JSON string
 * did not, and a change rewrites only the records that changed.
 */
import type { CauseCode } from '../credentials/causes';
import type { EntryState, LedgerEntry, LedgerSnapshot, RunLedger } from './ledger';
import type { SkipReason } from './types';

/** One mailbox as stored: id, name, flags (1 = approve, 2 = approval confirmed), state, reason, cause, detail. */
export type EntryRecord = [string, string, number, EntryState, SkipReason | null, CauseCode | null, string | null];

/** The run's settings as stored, with how many entry records belong to it. */
export type LedgerHead = Omit<LedgerSnapshot, 'entries'> & { count: number };

const APPROVE = 1;
const CONFIRMED = 2;

/** The stored form of an entry (in-flight marks are not kept: those answers are lost with the page). */
export function toRecord(entry: LedgerEntry): EntryRecord {
    const flags = (entry.approve ? APPROVE : 0) | (entry.approvalConfirmed ? CONFIRMED : 0);
    return [
        entry.mailboxId,
        entry.name,
        flags,
        entry.state,
        entry.reason ?? null,
        entry.cause ?? null,
        entry.detail ?? null,
    ];
}

/** The entry a stored record stands for. */
export function fromRecord([mailboxId, name, flags, state, reason, cause, detail]: EntryRecord): LedgerEntry {
    const entry: LedgerEntry = {
        mailboxId,
        name,
        approve: (flags & APPROVE) !== 0,
        state,
        inFlight: false,
        approvalConfirmed: (flags & CONFIRMED) !== 0,
    };
    if (reason !== null) entry.reason = reason;
    if (cause !== null) entry.cause = cause;
    if (detail !== null) entry.detail = detail;
    return entry;
}

/** The head record of a ledger: its settings and how many entry records belong to it. */
export function headOf(ledger: RunLedger): LedgerHead {
    return { ...ledger.settings(), count: ledger.size };
}

/** The snapshot back from head and records; undefined when records are missing (an interrupted first write). */
export function fromRecords(head: LedgerHead, records: readonly EntryRecord[]): LedgerSnapshot | undefined {
    const { count, ...settings } = head;
    if (records.length !== count) return undefined;
    return { ...settings, entries: records.map(fromRecord) };
}
