import { buildRunView, decodeRunFailure } from '../../../src/core/run/run-view';
import type { LedgerEntry, LedgerSummary } from '../../../src/core/run/ledger';

function failed(id: string, cause: LedgerEntry['cause'], detail?: string): LedgerEntry {
    return {
        mailboxId: id,
        name: id,
        approve: true,
        state: 'failed',
        inFlight: false,
        approvalConfirmed: false,
        cause,
        detail,
    };
}

const SUMMARY: LedgerSummary = {
    pending: 0,
    sent: 0,
    confirmed: 0,
    testing: 0,
    succeeded: 3,
    failed: 4,
    skipped: 1,
    selected: 8,
    inFlight: 0,
    settled: true,
};

describe('decodeRunFailure', () => {
    it.each([
        ['a silent approval no-op', failed('a', 'approvalNotApplied'), 'approvalNotApplied'],
        [
            'a missing approval privilege',
            failed('a', 'approvalRefused', 'Principal user is missing prvApproveRejectEmailAddress privilege'),
            'approvalPrivilegeMissing',
        ],
        [
            'a CrmSecurity refusal',
            failed(
                'a',
                'approvalRefused',
                'should be a global administrator or exchange administrator to approve mailbox',
            ),
            'approvalRefused',
        ],
        ['a test without a result', failed('a', 'testTimedOut'), 'testTimedOut'],
        ['a stale ETag', failed('a', 'preconditionFailed'), 'concurrencyConflict'],
        ['persistent throttling', failed('a', 'throttled'), 'throttled'],
        ['a dropped connection', failed('a', 'network'), 'networkError'],
        [
            'a failed test with a consent alert',
            failed(
                'a',
                'testFailed',
                'HTTP 401 Unauthorized. x-ms-diagnostics: 2000008;reason="The token has no permissions"',
            ),
            'ewsTokenNoPermissions',
        ],
        [
            'a failed test with an unlicensed mailbox',
            failed('a', 'testFailed', 'MailboxNotEnabledForRESTAPI'),
            'mailboxNotEnabledForRest',
        ],
        ['a failed test with an unknown text', failed('a', 'testFailed', 'Something odd'), 'unknown'],
        [
            'a generic server error on a Test & Enable part',
            failed('a', 'httpError', '0x80040216: An unexpected error occurred.'),
            'unknown',
        ],
        [
            'a refusal code on a part that was no approval',
            failed('a', 'httpError', '0x80040256: not allowed'),
            'unknown',
        ],
    ])('decodes %s', (_, entry, cause) => {
        const decoded = decodeRunFailure(entry);
        expect(decoded.cause).toBe(cause);
        expect(decoded.fixKey).toMatch(/^Fix_/);
    });
});

describe('buildRunView', () => {
    it('groups failures by decoded cause, largest first, and ignores non-failures', () => {
        const entries: LedgerEntry[] = [
            failed('1', 'testFailed', 'MailboxNotEnabledForRESTAPI'),
            failed('2', 'approvalNotApplied'),
            failed('3', 'testFailed', 'MailboxNotEnabledForRESTAPI'),
            failed('4', 'testFailed', 'mailbox MailboxNotEnabledForRESTAPI 8005E274'),
            { ...failed('5', undefined), state: 'succeeded' },
        ];
        const view = buildRunView(SUMMARY, entries);
        expect(view.groups.map((g) => [g.decoded.cause, g.entries.map((e) => e.mailboxId)])).toEqual([
            ['mailboxNotEnabledForRest', ['1', '3', '4']],
            ['approvalNotApplied', ['2']],
        ]);
        expect(view.summary).toBe(SUMMARY);
    });
});
