import type { Row } from '../emulator/contract';
import { ORGANIZATION_ID, PROFILE_IDS, TRACE_CODES, type Outcome } from './index';
import { RETRY_SPACING_MS, TRANSIENT_RECOVERS_ON_ATTEMPT } from './jobs';
import { ERROR_CODES, TRANSIENT_RETRIES, TRANSIENT_WARNING_TRACECODE } from './outcomes';
import { alertsAbout, createKit, mailboxesOf, type Kit } from './test-kit';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';
const MINUTE = 60_000;

function forcedMailbox(kit: Kit, planned: string, ownerDisabled = false): string {
    const row = mailboxesOf(kit, PROFILE_IDS.exchangeOnline).find(
        (m) =>
            kit.domain.plannedOutcomeOf(String(m.mailboxid)) === planned &&
            kit.store.get('systemusers', String(m._regardingobjectid_value))?.isdisabled === ownerDisabled &&
            m.emailrouteraccessapproval === 1,
    );
    if (!row) throw new Error(`no forced ${planned} mailbox`);
    return String(row.mailboxid);
}

/** Test & Enable `id` and advance to its first attempt; returns the emulated time of that attempt. */
function firstAttempt(kit: Kit, id: string): number {
    kit.write('mailboxes', id, {
        testemailconfigurationscheduled: true,
        postponetestemailconfigurationuntil: iso(kit.now()),
    });
    kit.advance(kit.domain.testDelayOf(id));
    return kit.now();
}

const mailbox = (kit: Kit, id: string) => kit.store.get('mailboxes', id) as Row;

describe('Test & Enable retries of transient failures', () => {
    it('warns, keeps the test scheduled five minutes on and counts the attempt after a first transient failure', () => {
        const kit = createKit();
        const id = forcedMailbox(kit, 'transient');
        const t0 = firstAttempt(kit, id);
        expect(mailbox(kit, id)).toMatchObject({
            mailboxstatus: 2,
            incomingemailstatus: 2,
            testemailconfigurationscheduled: true,
            testemailconfigurationretrycount: 1,
            postponetestemailconfigurationuntil: iso(t0 + RETRY_SPACING_MS),
            testmailboxaccesscompletedon: iso(t0),
        });
        const warning = alertsAbout(kit, id)[0];
        expect(warning).toMatchObject({ level: 2, tracecode: TRANSIENT_WARNING_TRACECODE, modifiedon: iso(t0) });
        expect(warning.text).toMatch(/The system will try to receive email again later\.$/);
        expect(String(warning.errordetails).split('\n')[0]).toBe(
            'Email Server Error Code: Exchange server returned ErrorServerBusy exception.',
        );
    });

    it('retries ten times five minutes apart, then disables the mailbox with an error alert (~50 minutes)', () => {
        const kit = createKit();
        const id = forcedMailbox(kit, 'transient');
        const t0 = firstAttempt(kit, id);
        kit.advance(TRANSIENT_RETRIES * RETRY_SPACING_MS - 1);
        expect(mailbox(kit, id)).toMatchObject({
            testemailconfigurationscheduled: true,
            testemailconfigurationretrycount: TRANSIENT_RETRIES,
        });
        const warnings = alertsAbout(kit, id).filter((a) => a.tracecode === TRANSIENT_WARNING_TRACECODE);
        expect(warnings).toHaveLength(1);
        expect(warnings[0].modifiedon).toBe(iso(t0 + (TRANSIENT_RETRIES - 1) * RETRY_SPACING_MS));
        kit.advance(1);
        expect(kit.now() - t0).toBe(50 * MINUTE);
        expect(mailbox(kit, id)).toMatchObject({
            mailboxstatus: 2,
            testemailconfigurationscheduled: false,
            testemailconfigurationretrycount: TRANSIENT_RETRIES + 1,
        });
        const final = alertsAbout(kit, id)[0];
        expect(final).toMatchObject({ level: 3, tracecode: TRACE_CODES.transient, modifiedon: iso(kit.now()) });
        expect(final.text).toMatch(/persisted after 10 retries; the mailbox has been disabled/);
        expect(kit.domain.pendingJobs()).toBe(0);
    });

    it('enables a mailbox whose transient failure clears on a later attempt', () => {
        const kit = createKit();
        const id = forcedMailbox(kit, 'transientRecovers');
        const t0 = firstAttempt(kit, id);
        kit.advance((TRANSIENT_RECOVERS_ON_ATTEMPT - 1) * RETRY_SPACING_MS);
        expect(kit.now() - t0).toBe(10 * MINUTE);
        expect(mailbox(kit, id)).toMatchObject({
            mailboxstatus: 1,
            testemailconfigurationscheduled: false,
            testemailconfigurationretrycount: TRANSIENT_RECOVERS_ON_ATTEMPT,
        });
        expect(alertsAbout(kit, id)[0]).toMatchObject({ level: 1, tracecode: TRACE_CODES.success });
    });

    it('starts a new count when Test & Enable is run again during the retries', () => {
        const kit = createKit();
        const id = forcedMailbox(kit, 'transient');
        firstAttempt(kit, id);
        kit.advance(2 * RETRY_SPACING_MS);
        expect(mailbox(kit, id).testemailconfigurationretrycount).toBe(3);
        firstAttempt(kit, id);
        expect(mailbox(kit, id).testemailconfigurationretrycount).toBe(1);
    });

    it('writes no warning when the organisation turned warning alerts off, and still retries', () => {
        const kit = createKit();
        kit.store.upsert('organizations', ORGANIZATION_ID, { generatealertsforwarnings: false });
        const id = forcedMailbox(kit, 'transient');
        const before = alertsAbout(kit, id).length;
        firstAttempt(kit, id);
        expect(alertsAbout(kit, id)).toHaveLength(before);
        expect(mailbox(kit, id).testemailconfigurationscheduled).toBe(true);
    });
});

describe('alerts carry their error code', () => {
    it('disables at once a mailbox whose owning user is disabled, naming the user and the code', () => {
        const kit = createKit();
        const id = forcedMailbox(kit, 'success', true);
        const owner = kit.store.get('systemusers', String(mailbox(kit, id)._regardingobjectid_value));
        firstAttempt(kit, id);
        expect(mailbox(kit, id)).toMatchObject({ mailboxstatus: 2, testemailconfigurationscheduled: false });
        const alert = alertsAbout(kit, id)[0];
        expect(alert).toMatchObject({ level: 3, tracecode: TRACE_CODES.ownerDisabled });
        expect(alert.text).toContain(`because the user ${String(owner?.fullname)} who owns the mailbox is disabled`);
        expect(String(alert.errordetails).split('\n')[0]).toBe(
            'Email Server Error Code: Crm.80040225. The user is disabled.',
        );
        kit.store.upsert('systemusers', String(owner?.systemuserid), { isdisabled: false });
        firstAttempt(kit, id);
        expect(mailbox(kit, id).mailboxstatus).toBe(1);
    });

    it.each(['aapDenied', 'mailboxNotFound', 'notLicensed', 'ewsBlocked', 'notApproved'] as Outcome[])(
        'writes a %s alert as "Email Server Error Code", ActivityId and the error in errordetails',
        (outcome) => {
            const kit = createKit();
            const row =
                outcome === 'notApproved'
                    ? mailboxesOf(kit, PROFILE_IDS.exchangeOnline).find((m) => m.emailrouteraccessapproval === 2)
                    : mailboxesOf(kit, PROFILE_IDS.exchangeOnline).find(
                          (m) => kit.domain.plannedOutcomeOf(String(m.mailboxid)) === outcome,
                      );
            const id = String(row?.mailboxid);
            firstAttempt(kit, id);
            const lines = String(alertsAbout(kit, id)[0].errordetails).split('\n');
            expect(lines[0]).toBe(`Email Server Error Code: ${ERROR_CODES[outcome]}`);
            expect(lines[1]).toMatch(/^ActivityId: [0-9a-f-]{36}$/);
            expect(lines[2]).toMatch(/^>Error : \S/);
        },
    );

    it('lists the code of every failing outcome, and none for success', () => {
        expect(ERROR_CODES).toMatchObject({
            mailboxNotFound: 'ErrorNonExistentMailbox',
            notApproved: 'IncomingEmailS2SApprovalNeeded',
            badSecret: 'AADSTS7000215',
            noConsent: 'Http server returned 401 Unauthorized exception.',
        });
        expect(ERROR_CODES.success).toBeUndefined();
    });
});

describe('scenario shares of transient failures and disabled owners', () => {
    it('plans the share on the default profile only and leaves every other seeded value as it was', () => {
        const plain = createKit({ mailboxCount: 1000 });
        const kit = createKit({ mailboxCount: 1000, transientShare: 0.2, disabledOwnerShare: 0.1 });
        const ids = mailboxesOf(kit, PROFILE_IDS.commercial).map((m) => String(m.mailboxid));
        const planned = ids.map((id) => kit.domain.plannedOutcomeOf(id));
        const transient = planned.filter((p) => p === 'transient' || p === 'transientRecovers').length;
        expect(transient / ids.length).toBeGreaterThan(0.1);
        expect(transient / ids.length).toBeLessThan(0.25);
        expect(planned).toContain('transient');
        expect(planned).toContain('transientRecovers');
        const disabled = kit.store.list('systemusers').filter((u) => u.isdisabled === true).length;
        expect(disabled / kit.store.list('systemusers').length).toBeGreaterThan(0.05);
        expect(kit.store.list('mailboxes')).toEqual(plain.store.list('mailboxes'));
        const other = mailboxesOf(kit, PROFILE_IDS.gcc).map((m) => kit.domain.plannedOutcomeOf(String(m.mailboxid)));
        expect(other).not.toContain('transient');
    });

    it('makes a disabled owner decide the outcome of an approved mailbox', () => {
        const kit = createKit({ mailboxCount: 300, disabledOwnerShare: 1 });
        const approved = mailboxesOf(kit, PROFILE_IDS.commercial).find(
            (m) =>
                m.emailrouteraccessapproval === 1 && kit.store.get('systemusers', String(m._regardingobjectid_value)),
        );
        expect(kit.domain.outcomeOf(String(approved?.mailboxid), kit.store)).toBe('ownerDisabled');
    });
});
