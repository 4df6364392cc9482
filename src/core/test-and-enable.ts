/**
 * Test & Enable (dataverse.md §6): the one body that schedules it, for the bulk run and the connection test alike,
 * and the one reading of a mailbox row that says whether a test scheduled at a given time has finished, and how.
 */
import { SCHEDULED_RESETS_ON_DONE, SEND_POSTPONE_NOW } from './assumptions';
import { TEST_STATUS, type MailboxRow } from './run/types';

/** The Test & Enable PATCH body. */
export type TestPatch = { testemailconfigurationscheduled: true; postponetestemailconfigurationuntil?: string };

/** The body that schedules Test & Enable; `postponetestemailconfigurationuntil = now` clears a stale back-off. */
export function testPatchFor(now: Date): TestPatch {
    return SEND_POSTPONE_NOW
        ? { testemailconfigurationscheduled: true, postponetestemailconfigurationuntil: now.toISOString() }
        : { testemailconfigurationscheduled: true };
}

/** Which of the four test statuses failed. */
export type TestFailures = { incoming: boolean; outgoing: boolean; act: boolean; overall: boolean };

/**
 * Where a test stands: still running; finished with its completion time and which statuses failed; or failed an
 * attempt that server-side sync will make again (the test is still scheduled, dataverse.md §6: transient errors are
 * retried ten times over ~50 minutes before the mailbox is disabled).
 */
export type TestOutcome =
    | { kind: 'pending' }
    | { kind: 'succeeded'; completedOn: string }
    | { kind: 'failed'; completedOn: string; failures: TestFailures }
    | { kind: 'retrying'; completedOn: string; failures: TestFailures };

const isFailure = (status: number | null): boolean => status === TEST_STATUS.failure;

/**
 * The outcome of a test scheduled at `startedAtIso`: finished once the platform wrote a completion time after the
 * start (and, where it resets the flag, no longer shows the test as scheduled); failed when any status is Failure.
 */
export function testOutcome(row: MailboxRow, startedAtIso: string): TestOutcome {
    const completedOn = row.testmailboxaccesscompletedon;
    if (!completedOn || !(Date.parse(completedOn) > Date.parse(startedAtIso))) return { kind: 'pending' };
    const failures: TestFailures = {
        incoming: isFailure(row.incomingemailstatus),
        outgoing: isFailure(row.outgoingemailstatus),
        act: isFailure(row.actstatus),
        overall: isFailure(row.mailboxstatus),
    };
    const failed = Object.values(failures).some(Boolean);
    // Still scheduled after an attempt: a failed one will be made again; a successful one is not final yet.
    if (SCHEDULED_RESETS_ON_DONE && row.testemailconfigurationscheduled)
        return failed ? { kind: 'retrying', completedOn, failures } : { kind: 'pending' };
    if (failed) return { kind: 'failed', completedOn, failures };
    return { kind: 'succeeded', completedOn };
}
