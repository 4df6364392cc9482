import type { MailboxRow } from '../../../src/core/run/types';

/** A ready-to-test mailbox row; override what a case needs. */
export function row(n: number, overrides: Partial<MailboxRow> = {}): MailboxRow {
    return {
        mailboxid: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
        name: `Mailbox ${n}`,
        emailaddress: `m${n}@contoso.com`,
        regardingId: null,
        regardingType: 'systemuser',
        profileId: 'aaaaaaaa-0000-0000-0000-000000000001',
        emailrouteraccessapproval: 2,
        isemailaddressapprovedbyo365admin: false,
        incomingemailstatus: 0,
        outgoingemailstatus: 0,
        actstatus: 0,
        mailboxstatus: 0,
        incomingemaildeliverymethod: 2,
        outgoingemaildeliverymethod: 2,
        actdeliverymethod: 1,
        testemailconfigurationscheduled: false,
        testmailboxaccesscompletedon: null,
        statecode: 0,
        formatted: {},
        ...overrides,
    };
}
