/**
 * Reads a canary mailbox after its Test & Enable was scheduled and says whether the test is still running,
 * passed or failed, with each failure decoded into cause and fix (dataverse.md §6, §7).
 */
import { SCHEDULED_RESETS_ON_DONE } from '../assumptions';
import { decodeAlert, type AlertInput, type DecodedError } from '../credentials/error-catalogue';
import { TEST_STATUS, type MailboxRow } from '../run/types';

/** A tracelog alert about the canary. */
export type CanaryAlert = AlertInput & { modifiedon: string };

/** The verdict on one poll. */
export type CanaryVerdict =
    | { kind: 'pending' }
    | { kind: 'succeeded'; completedOn: string }
    | { kind: 'failed'; completedOn: string; failures: DecodedError[]; statuses: CanaryStatuses };

/** Which of the four test statuses failed. */
export type CanaryStatuses = { incoming: boolean; outgoing: boolean; act: boolean; overall: boolean };

const failed = (value: number | null) => value === TEST_STATUS.failure;

function completedSince(row: MailboxRow, startedAtIso: string): string | undefined {
    const done = row.testmailboxaccesscompletedon;
    if (!done || Date.parse(done) < Date.parse(startedAtIso)) return undefined;
    if (SCHEDULED_RESETS_ON_DONE && row.testemailconfigurationscheduled) return undefined;
    return done;
}

/** Decode the alerts written since the test started, newest first; an unexplained failure still gets an entry. */
function decodeSince(alerts: readonly CanaryAlert[], startedAtIso: string): DecodedError[] {
    const since = Date.parse(startedAtIso);
    return alerts
        .filter((a) => Date.parse(a.modifiedon) >= since && (a.level ?? 3) >= 2)
        .sort((a, b) => Date.parse(b.modifiedon) - Date.parse(a.modifiedon))
        .map((a) => decodeAlert(a));
}

/** Interpret the canary's row and alerts for a test scheduled at `startedAtIso`. */
export function interpretCanary(row: MailboxRow, alerts: readonly CanaryAlert[], startedAtIso: string): CanaryVerdict {
    const completedOn = completedSince(row, startedAtIso);
    if (!completedOn) return { kind: 'pending' };
    const statuses: CanaryStatuses = {
        incoming: failed(row.incomingemailstatus),
        outgoing: failed(row.outgoingemailstatus),
        act: failed(row.actstatus),
        overall: failed(row.mailboxstatus),
    };
    if (!Object.values(statuses).some(Boolean)) return { kind: 'succeeded', completedOn };
    const failures = decodeSince(alerts, startedAtIso);
    const unexplained = decodeAlert({ text: '' });
    return { kind: 'failed', completedOn, statuses, failures: failures.length ? failures : [unexplained] };
}
