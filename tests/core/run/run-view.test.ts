import {
    buildRunView,
    decodeRunFailure,
    failureGroupsOf,
    requestFailureCause,
    testFailureCause,
    type FailedRequest,
} from '../../../src/core/run/run-view';
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
    retrying: 0,
    skipped: 1,
    selected: 8,
    inFlight: 0,
    settled: true,
};

const request = (status: number, code: string, message: string, isApproval: boolean): FailedRequest => ({
    status,
    code,
    message,
    isApproval,
});

describe('requestFailureCause', () => {
    it.each([
        [
            'a missing approval privilege',
            request(403, '0x80040220', 'Principal user is missing prvApproveRejectEmailAddress privilege', true),
            'approvalPrivilegeMissing',
        ],
        [
            'a CrmSecurity refusal code on an approval',
            request(403, '0x80040256', 'not allowed', true),
            'approvalRefused',
        ],
        [
            'the outer refusal code on an approval',
            request(500, '0x80040216', 'A failure occurred', true),
            'approvalRefused',
        ],
        [
            'a refusal text on an approval',
            request(400, '0x1', 'should be a global administrator or exchange administrator to approve mailbox', true),
            'approvalRefused',
        ],
        ['a stale ETag', request(412, '0x80060882', 'The version does not match', false), 'concurrencyConflict'],
        ['a deleted mailbox', request(404, '0x80040217', 'Does Not Exist', false), 'concurrencyConflict'],
        [
            'a generic server error on a Test & Enable part',
            request(500, '0x80040216', 'An unexpected error occurred.', false),
            'unknown',
        ],
        [
            'a SQL deadlock that outlasted its re-sends',
            request(500, '0x80044150', ' Sql error: Generic SQL error. Sql Number: 1205', true),
            'serverTransient',
        ],
        ['a SQL timeout', request(500, '0x80044151', ' Sql error: SQL timeout expired.', false), 'serverTransient'],
        ['a refusal code on a part that was no approval', request(403, '0x80040256', 'not allowed', false), 'unknown'],
        ['an unrecognised error', request(400, '0x80044331', 'A validation error occurred.', false), 'unknown'],
    ])('decodes %s', (_, failedRequest, cause) => {
        expect(requestFailureCause(failedRequest)).toBe(cause);
    });
});

describe('testFailureCause', () => {
    it.each([
        [
            'a consent alert',
            'HTTP 401 Unauthorized. x-ms-diagnostics: 2000008;reason="The token has no permissions"',
            'ewsTokenNoPermissions',
        ],
        ['an unlicensed mailbox', 'MailboxNotEnabledForRESTAPI', 'mailboxNotEnabledForRest'],
        ['an unknown text', 'Something odd', 'unknown'],
        ['no text at all', '', 'unknown'],
    ])('decodes %s', (_, text, cause) => {
        expect(testFailureCause({ text })).toBe(cause);
    });

    it('decodes the error code in the alert details before the text', () => {
        const alert = {
            text: 'Email cannot be received for the mailbox Ada because no user was found with the email address ada@contoso.com.',
            errordetails:
                'Email Server Error Code: ErrorNonExistentMailbox\nActivityId: 1\n>Error : EWS request failed.',
        };
        expect(testFailureCause(alert)).toBe('ewsNoMailbox');
    });
});

describe('decodeRunFailure', () => {
    it('gives a failed entry its cause’s message and fix, keeping the original text', () => {
        expect(decodeRunFailure(failed('a', 'approvalNotApplied', 'still pending'))).toMatchObject({
            cause: 'approvalNotApplied',
            messageKey: 'Error_ApprovalNotApplied',
            fixKey: 'Fix_ApprovalNotApplied',
            raw: 'still pending',
        });
    });
});

describe('buildRunView', () => {
    it('groups failures by cause, largest first, and ignores non-failures', () => {
        const entries: LedgerEntry[] = [
            failed('1', 'mailboxNotEnabledForRest', 'MailboxNotEnabledForRESTAPI'),
            failed('2', 'approvalNotApplied'),
            failed('3', 'mailboxNotEnabledForRest', 'MailboxNotEnabledForRESTAPI'),
            failed('4', 'mailboxNotEnabledForRest', 'mailbox MailboxNotEnabledForRESTAPI 8005E274'),
            { ...failed('5', undefined), state: 'succeeded' },
        ];
        const view = buildRunView(SUMMARY, entries);
        expect(view.groups.map((g) => [g.decoded.cause, g.entries.map((e) => e.mailboxId)])).toEqual([
            ['mailboxNotEnabledForRest', ['1', '3', '4']],
            ['approvalNotApplied', ['2']],
        ]);
        expect(view.summary).toBe(SUMMARY);
    });

    it('says the approvals were refused because of who sent them, and how many mailboxes were not sent', () => {
        const skipped = (id: string): LedgerEntry => ({
            ...failed(id, undefined),
            state: 'skipped',
            reason: 'approvalRefused',
        });
        const view = buildRunView(SUMMARY, [failed('1', 'approvalRefused'), skipped('2'), skipped('3')]);
        expect(view.refusal).toEqual({ cause: 'approvalRefused', notSent: 2 });
    });

    it('says nothing of a refusal when an approval of the run was applied or none was refused', () => {
        const confirmed: LedgerEntry = { ...failed('2', undefined), state: 'succeeded', approvalConfirmed: true };
        expect(buildRunView(SUMMARY, [failed('1', 'approvalRefused'), confirmed]).refusal).toBeUndefined();
        expect(buildRunView(SUMMARY, [failed('1', 'approvalNotApplied')]).refusal).toBeUndefined();
    });
});

describe('failureGroupsOf', () => {
    it('gives each cause its count and the ids of its mailboxes, largest group first', () => {
        const view = buildRunView(SUMMARY, [
            failed('a', 'ewsTokenNoPermissions'),
            failed('b', 'mailboxNotEnabledForRest'),
            failed('c', 'ewsTokenNoPermissions'),
            { ...failed('d', 'ewsServerBusy'), state: 'retrying' },
        ]);
        expect(failureGroupsOf(view)).toEqual([
            { cause: 'ewsTokenNoPermissions', count: 2, mailboxIds: ['a', 'c'] },
            { cause: 'mailboxNotEnabledForRest', count: 1, mailboxIds: ['b'] },
        ]);
    });

    it('is empty before a run has a view', () => {
        expect(failureGroupsOf(undefined)).toEqual([]);
    });
});
