import type { MailboxRow } from '../../src/core/run/types';
import { testOutcome, testPatchFor } from '../../src/core/test-and-enable';
import { row } from './run/rows';

const START = '2026-11-23T10:00:00.000Z';
const AFTER = '2026-11-23T10:03:00.000Z';

describe('testPatchFor', () => {
    it('schedules the test and clears a stale back-off with "postpone until now"', () => {
        expect(testPatchFor(new Date(START))).toEqual({
            testemailconfigurationscheduled: true,
            postponetestemailconfigurationuntil: START,
        });
    });
});

describe('testOutcome', () => {
    const done = (patch: Partial<MailboxRow>) => row(1, { testmailboxaccesscompletedon: AFTER, ...patch });

    it.each([
        ['no test has completed yet', row(1)],
        [
            'the last completed test is older than this one',
            done({ testmailboxaccesscompletedon: '2026-11-22T09:00:00Z' }),
        ],
        ['the completion time is the start itself', done({ testmailboxaccesscompletedon: START })],
        ['the test is still scheduled', done({ testemailconfigurationscheduled: true, mailboxstatus: 1 })],
    ])('is pending when %s', (_, mailbox) => {
        expect(testOutcome(mailbox, START)).toEqual({ kind: 'pending' });
    });

    it('is retrying when an attempt failed and the test is still scheduled (Dynamics tries again)', () => {
        expect(testOutcome(done({ mailboxstatus: 2, testemailconfigurationscheduled: true }), START)).toEqual({
            kind: 'retrying',
            completedOn: AFTER,
            failures: { incoming: false, outgoing: false, act: false, overall: true },
        });
    });

    it('succeeds when the test completed after the start with no status at Failure', () => {
        expect(testOutcome(done({ mailboxstatus: 1, incomingemailstatus: 1 }), START)).toEqual({
            kind: 'succeeded',
            completedOn: AFTER,
        });
    });

    it.each([
        ['incoming', { incomingemailstatus: 2 }],
        ['outgoing', { outgoingemailstatus: 2 }],
        ['act', { actstatus: 2 }],
        ['overall', { mailboxstatus: 2 }],
    ] as const)('fails when the %s status is Failure, and says which', (status, patch) => {
        const outcome = testOutcome(done({ mailboxstatus: 1, ...patch }), START);
        expect(outcome).toEqual({
            kind: 'failed',
            completedOn: AFTER,
            failures: { incoming: false, outgoing: false, act: false, overall: false, [status]: true },
        });
    });
});
