/**
 * Reads a canary mailbox after its Test & Enable was scheduled and says whether the test is still running,
 * passed or failed, with each failure decoded into cause and fix (dataverse.md §6, §7).
 */
import { decodeAlert, type AlertInput, type DecodedError } from '../credentials/error-catalogue';
import type { MailboxRow } from '../run/types';
import { testOutcome, type TestFailures } from '../test-and-enable';

/** A tracelog alert about the canary. */
export type CanaryAlert = AlertInput & { modifiedon: string };

/** The verdict on one poll: the test's outcome, a failure with its alerts decoded. */
export type CanaryVerdict =
    | { kind: 'pending' }
    | { kind: 'succeeded'; completedOn: string }
    | { kind: 'failed'; completedOn: string; failures: DecodedError[]; statuses: TestFailures };

/** Decode the alerts written since the test started, newest first; an unexplained failure still gets an entry. */
function decodeSince(alerts: readonly CanaryAlert[], startedAtIso: string): DecodedError[] {
    const since = Date.parse(startedAtIso);
    return alerts
        .filter((alert) => Date.parse(alert.modifiedon) >= since && (alert.level ?? 3) >= 2)
        .sort((a, b) => Date.parse(b.modifiedon) - Date.parse(a.modifiedon))
        .map((alert) => decodeAlert(alert));
}

/** Interpret the canary's row and alerts for a test scheduled at `startedAtIso`. */
export function interpretCanary(row: MailboxRow, alerts: readonly CanaryAlert[], startedAtIso: string): CanaryVerdict {
    const outcome = testOutcome(row, startedAtIso);
    // The canary's test is watched until it is final: an attempt Dynamics will make again is not the answer yet.
    if (outcome.kind === 'retrying') return { kind: 'pending' };
    if (outcome.kind !== 'failed') return outcome;
    const failures = decodeSince(alerts, startedAtIso);
    const unexplained = decodeAlert({ text: '' });
    return {
        kind: 'failed',
        completedOn: outcome.completedOn,
        statuses: outcome.failures,
        failures: failures.length ? failures : [unexplained],
    };
}
