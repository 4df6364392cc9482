import { canaryProblem, pickCanary } from '../../../src/core/connection-test/canary';
import { interpretCanary, type CanaryAlert } from '../../../src/core/connection-test/result';
import { CONNECTION_TEST_TIMEOUT_MS, nextPollAt, pollDelay } from '../../../src/core/connection-test/schedule';
import type { MailboxRow } from '../../../src/core/run/types';
import { row } from '../run/rows';

const PROFILE = 'aaaaaaaa-0000-4000-8000-000000000001';
const START = '2026-11-23T10:00:00.000Z';

/** An approved, SSS-enabled user mailbox on PROFILE: the shared run-test row with canary defaults. */
function mailbox(patch: Partial<MailboxRow> = {}): MailboxRow {
    return row(1, {
        mailboxid: 'm1',
        name: 'Adele Vance',
        profileId: PROFILE,
        emailrouteraccessapproval: 1,
        isemailaddressapprovedbyo365admin: true,
        ...patch,
    });
}

describe('canaryProblem', () => {
    it.each([
        ['an inactive mailbox', { statecode: 1 }, 'inactive'],
        ['a mailbox on another profile', { profileId: 'other' }, 'wrongProfile'],
        ['a mailbox without server-side sync for ACT', { actdeliverymethod: 2 }, 'notServerSideSync'],
        ['a mailbox with incoming via Outlook', { incomingemaildeliverymethod: 1 }, 'notServerSideSync'],
        ['a pending mailbox', { emailrouteraccessapproval: 2 }, 'notApproved'],
        ['an approved, active SSS mailbox', {}, undefined],
    ] as const)('reports %s', (_, patch, problem) => {
        expect(canaryProblem(mailbox(patch), PROFILE)).toBe(problem);
    });
});

describe('pickCanary', () => {
    it('prefers a mailbox that passed before, then users over queues, then the name', () => {
        const rows = [
            mailbox({ mailboxid: 'q', name: 'A queue', regardingType: 'queue', mailboxstatus: 1 }),
            mailbox({ mailboxid: 'u2', name: 'Zed', mailboxstatus: 1 }),
            mailbox({ mailboxid: 'u1', name: 'Bob', mailboxstatus: 2 }),
            mailbox({ mailboxid: 'p', name: 'Aaron', emailrouteraccessapproval: 2, mailboxstatus: 1 }),
        ];
        expect(pickCanary(rows, PROFILE)?.mailboxid).toBe('u2');
        expect(pickCanary(rows.slice(2), PROFILE)?.mailboxid).toBe('u1');
    });

    it('breaks ties by name so the default canary is stable', () => {
        const rows = [mailbox({ mailboxid: 'b', name: 'Bea' }), mailbox({ mailboxid: 'a', name: 'Ann' })];
        expect(pickCanary(rows, PROFILE)?.mailboxid).toBe('a');
        expect(pickCanary([...rows].reverse(), PROFILE)?.mailboxid).toBe('a');
    });

    it('returns nothing when no mailbox qualifies', () => {
        expect(pickCanary([mailbox({ emailrouteraccessapproval: 2 })], PROFILE)).toBeUndefined();
    });
});

describe('poll schedule', () => {
    it('backs off from 5 s to a 60 s ceiling', () => {
        expect([0, 1, 2, 3, 4, 5, 6, 50].map(pollDelay)).toEqual([
            5000, 5000, 10000, 15000, 30000, 60000, 60000, 60000,
        ]);
    });

    it('stops scheduling polls past the 15-minute time-out', () => {
        const start = 1_000_000;
        expect(nextPollAt(start, start, 0)).toBe(start + 5000);
        expect(nextPollAt(start, start + CONNECTION_TEST_TIMEOUT_MS - 60_000, 9)).toBe(
            start + CONNECTION_TEST_TIMEOUT_MS,
        );
        expect(nextPollAt(start, start + CONNECTION_TEST_TIMEOUT_MS - 59_999, 9)).toBeUndefined();
    });
});

describe('interpretCanary', () => {
    const alert = (text: string, modifiedon = '2026-11-23T10:02:00.000Z', errordetails?: string): CanaryAlert => ({
        text,
        errordetails,
        level: 3,
        modifiedon,
    });

    it('is pending while the test has not completed since it was scheduled', () => {
        expect(
            interpretCanary(
                mailbox({ testmailboxaccesscompletedon: '2026-11-22T09:00:00Z', mailboxstatus: 1 }),
                [],
                START,
            ),
        ).toEqual({ kind: 'pending' });
        expect(
            interpretCanary(
                mailbox({
                    testmailboxaccesscompletedon: '2026-11-23T10:01:00Z',
                    testemailconfigurationscheduled: true,
                }),
                [],
                START,
            ),
        ).toEqual({ kind: 'pending' });
    });

    it('succeeds when all statuses passed after the start', () => {
        const row = mailbox({
            testmailboxaccesscompletedon: '2026-11-23T10:01:00Z',
            incomingemailstatus: 1,
            outgoingemailstatus: 1,
            actstatus: 1,
            mailboxstatus: 1,
        });
        expect(interpretCanary(row, [], START)).toEqual({ kind: 'succeeded', completedOn: '2026-11-23T10:01:00Z' });
    });

    it('decodes the alerts written since the start, newest first, ignoring older ones', () => {
        const row = mailbox({
            testmailboxaccesscompletedon: '2026-11-23T10:03:00Z',
            incomingemailstatus: 2,
            outgoingemailstatus: 2,
            mailboxstatus: 2,
        });
        const alerts = [
            alert('old failure', '2026-11-20T10:00:00.000Z', 'AADSTS90002: Tenant not found'),
            alert(
                'The email cannot be received because the credentials specified in the associated email server profile are incorrect.',
                '2026-11-23T10:02:00.000Z',
                'AADSTS7000222: The provided client secret keys for app are expired.',
            ),
            alert('Http server returned Forbidden exception', '2026-11-23T10:02:30.000Z'),
        ];
        const verdict = interpretCanary(row, alerts, START);
        expect(verdict.kind).toBe('failed');
        if (verdict.kind !== 'failed') return;
        expect(verdict.failures.map((f) => f.cause)).toEqual(['httpForbidden', 'secretExpired']);
        expect(verdict.statuses).toEqual({ incoming: true, outgoing: true, act: false, overall: true });
    });

    it('still reports a failure the alerts do not explain', () => {
        const row = mailbox({ testmailboxaccesscompletedon: '2026-11-23T10:03:00Z', mailboxstatus: 2 });
        const verdict = interpretCanary(row, [], START);
        expect(verdict.kind === 'failed' && verdict.failures.map((f) => f.cause)).toEqual(['unknown']);
    });
});
