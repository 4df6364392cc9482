import type { Row } from '../emulator/contract';
import { ORGANIZATION_ID, PROFILE_IDS, TENANT_IDS, TRACE_CODES, type Outcome } from './index';
import { alertsAbout, createKit, mailboxesOf, type Kit } from './test-kit';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';
const testAndEnable = (kit: Kit, id: string, postponeMs = kit.now()) =>
    kit.write('mailboxes', id, {
        testemailconfigurationscheduled: true,
        postponetestemailconfigurationuntil: iso(postponeMs),
    });
const canary = (kit: Kit, profileId: string) => String(mailboxesOf(kit, profileId)[0].mailboxid);

function findWithOutcome(kit: Kit, outcome: Outcome): string {
    const viaSss = (m: Row) =>
        m.incomingemaildeliverymethod === 2 && m.outgoingemaildeliverymethod === 2 && m.actdeliverymethod === 1;
    const row = kit.store
        .list('mailboxes')
        .find((m) => viaSss(m) && kit.domain.outcomeOf(String(m.mailboxid), kit.store) === outcome);
    if (!row) throw new Error(`no mailbox with outcome ${outcome}`);
    return String(row.mailboxid);
}

/** Run one Test & Enable to completion and return the mailbox row and its newest alert. */
function runTest(kit: Kit, id: string): { mailbox: Row | undefined; alert: Row | undefined } {
    testAndEnable(kit, id);
    kit.advance(kit.domain.testDelayOf(id));
    return { mailbox: kit.store.get('mailboxes', id), alert: alertsAbout(kit, id)[0] };
}

const EXPECTED: [Outcome, RegExp, RegExp][] = [
    ['success', /tested and enabled successfully/, /^$/],
    [
        'badSecret',
        /credentials specified in the associated email server profile are incorrect/,
        /AADSTS7000215: Invalid client secret provided/,
    ],
    [
        'expiredSecret',
        /credentials specified in the associated email server profile are incorrect/,
        /AADSTS7000222: The provided client secret keys .* are expired/,
    ],
    ['missingSecret', /credentials specified in the associated email server profile are incorrect/, /AADSTS7000218/],
    [
        'unknownTenant',
        /credentials specified in the associated email server profile are incorrect/,
        /AADSTS90002: Tenant '[0-9a-f-]{36}' not found/,
    ],
    [
        'appNotFound',
        /credentials specified in the associated email server profile are incorrect/,
        /AADSTS700016: Application with identifier '[0-9a-f-]{36}' was not found/,
    ],
    [
        'noConsent',
        /credentials specified in the associated email server profile are incorrect/,
        /\(401\) Unauthorized\. x-ms-diagnostics: 2000008;reason="The token has no permissions\."/,
    ],
    [
        'aapDenied',
        /Http server returned Forbidden exception/,
        /\(403\) Forbidden\. ErrorAccessDenied: .*denied by an application access policy/,
    ],
    [
        'ewsBlocked',
        /Http server returned Forbidden exception/,
        /\(403\) Forbidden\. .*not listed in the organization's EwsAllowedAppIDs/,
    ],
    ['mailboxNotFound', /no user was found with the email address \S+@/, /ErrorNonExistentMailbox/],
    ['notLicensed', /MailboxNotEnabledForRESTAPI \(8005E274\)/, /0x8005E274/],
    ['notApproved', /requires an approval by a Microsoft 365 administrator/, /is not approved/],
];

describe('Test & Enable jobs', () => {
    it.each(EXPECTED)(
        'completes a %s run with statuses, completion time and the real alert text',
        (outcome, text, details) => {
            const kit = createKit();
            const id = findWithOutcome(kit, outcome);
            testAndEnable(kit, id);
            kit.advance(kit.domain.testDelayOf(id) - 1);
            expect(kit.store.get('mailboxes', id)?.testemailconfigurationscheduled).toBe(true);
            kit.advance(1);
            const mailbox = kit.store.get('mailboxes', id);
            const status = outcome === 'success' ? 1 : 2;
            expect(mailbox).toMatchObject({
                incomingemailstatus: status,
                outgoingemailstatus: status,
                actstatus: status,
                mailboxstatus: status,
            });
            expect(mailbox).toMatchObject({
                testemailconfigurationscheduled: false,
                testmailboxaccesscompletedon: iso(kit.now()),
            });
            const alert = alertsAbout(kit, id)[0];
            expect(alert).toMatchObject({
                level: outcome === 'success' ? 1 : 3,
                tracecode: TRACE_CODES[outcome],
                modifiedon: iso(kit.now()),
            });
            expect(alert.text).toMatch(text);
            expect(alert.errordetails).toMatch(details);
        },
    );

    it('fails every mailbox of a profile seeded with a bad secret, whatever their own seed says', () => {
        const kit = createKit();
        const approved = mailboxesOf(kit, PROFILE_IDS.badSecret).filter((m) => m.emailrouteraccessapproval === 1);
        expect(approved.length).toBeGreaterThan(0);
        for (const m of approved) expect(kit.domain.outcomeOf(String(m.mailboxid), kit.store)).toBe('badSecret');
    });

    it('fixes credential failures once the correct secret is written, and breaks them with a wrong one', () => {
        const kit = createKit();
        const id = canary(kit, PROFILE_IDS.gccHighExpiredSecret);
        expect(runTest(kit, id).mailbox?.mailboxstatus).toBe(2);
        kit.write('emailserverprofiles', PROFILE_IDS.gccHighExpiredSecret, {
            oauthclientsecret: kit.domain.correctSecretOf(PROFILE_IDS.gccHighExpiredSecret),
        });
        const fixed = runTest(kit, id);
        expect(fixed.mailbox?.mailboxstatus).toBe(1);
        expect(fixed.alert?.tracecode).toBe(TRACE_CODES.success);
        kit.write('emailserverprofiles', PROFILE_IDS.gccHighExpiredSecret, {
            oauthclientsecret: 'xyz8Q~' + 'y'.repeat(34),
        });
        expect(runTest(kit, id).alert?.errordetails).toMatch(/AADSTS7000215/);
    });

    it('fixes a tenant typo and a cloud mismatch when the profile is corrected', () => {
        const kit = createKit();
        expect(kit.domain.outcomeOf(canary(kit, PROFILE_IDS.unknownTenant), kit.store)).toBe('unknownTenant');
        kit.write('emailserverprofiles', PROFILE_IDS.unknownTenant, { exchangeonlinetenantid: TENANT_IDS.contoso });
        expect(runTest(kit, canary(kit, PROFILE_IDS.unknownTenant)).mailbox?.mailboxstatus).toBe(1);
        expect(kit.domain.outcomeOf(canary(kit, PROFILE_IDS.cloudMismatch), kit.store)).toBe('unknownTenant');
        kit.write('emailserverprofiles', PROFILE_IDS.cloudMismatch, { serverauthority: 0 });
        expect(kit.domain.outcomeOf(canary(kit, PROFILE_IDS.cloudMismatch), kit.store)).toBe('success');
    });

    it('also alerts the profile owner on credential failures', () => {
        const kit = createKit();
        runTest(kit, canary(kit, PROFILE_IDS.badSecret));
        expect(alertsAbout(kit, PROFILE_IDS.badSecret)[0]?.tracecode).toBe(TRACE_CODES.badSecret);
    });

    it('updates one tracelog row on a repeated failure instead of inserting another', () => {
        const kit = createKit();
        const id = canary(kit, PROFILE_IDS.noConsent);
        const first = runTest(kit, id).alert;
        kit.advance(600_000);
        const second = runTest(kit, id).alert;
        expect(second?.tracelogid).toBe(first?.tracelogid);
        expect(second?.createdon).toBe(first?.createdon);
        expect(second?.modifiedon).toBe(iso(kit.now()));
        expect(alertsAbout(kit, id).filter((t) => t.tracecode === TRACE_CODES.noConsent)).toHaveLength(1);
    });

    it('runs the seeded mailbox outcome once the mailbox is approved', () => {
        const kit = createKit();
        const pending = mailboxesOf(kit, PROFILE_IDS.commercial).find((m) => m.emailrouteraccessapproval === 2);
        const id = String(pending?.mailboxid);
        expect(runTest(kit, id).alert?.tracecode).toBe(TRACE_CODES.notApproved);
        kit.write('mailboxes', id, { emailrouteraccessapproval: 1 });
        const planned = kit.domain.plannedOutcomeOf(id) ?? 'missing';
        expect(runTest(kit, id).alert?.tracecode).toBe(TRACE_CODES[planned as Outcome]);
    });

    it('skips the approval check for queues when the org does not require it', () => {
        const kit = createKit({ mailboxCount: 300 });
        const queueMailbox = kit.store
            .list('mailboxes')
            .find(
                (m) => m.emailrouteraccessapproval === 2 && kit.store.get('queues', String(m._regardingobjectid_value)),
            );
        const id = String(queueMailbox?.mailboxid);
        expect(kit.domain.outcomeOf(id, kit.store)).toBe('notApproved');
        kit.store.upsert('organizations', ORGANIZATION_ID, { requireapprovalforqueueemail: false });
        expect(kit.domain.outcomeOf(id, kit.store)).not.toBe('notApproved');
    });

    it('tests and enables an unapproved user mailbox when the org is seeded not to require approval for users', () => {
        const kit = createKit({ mailboxCount: 300, requireApproval: { users: false, queues: true } });
        expect(kit.store.get('organizations', ORGANIZATION_ID)).toMatchObject({
            requireapprovalforuseremail: false,
            requireapprovalforqueueemail: true,
        });
        const unapproved = (isQueue: boolean) =>
            kit.store
                .list('mailboxes')
                .find(
                    (m) =>
                        m.emailrouteraccessapproval === 2 &&
                        m._emailserverprofile_value === PROFILE_IDS.commercial &&
                        kit.domain.plannedOutcomeOf(String(m.mailboxid)) === 'success' &&
                        m.actdeliverymethod === 1 &&
                        m.incomingemaildeliverymethod === 2 &&
                        m.outgoingemaildeliverymethod === 2 &&
                        Boolean(kit.store.get('queues', String(m._regardingobjectid_value))) === isQueue,
                );
        const user = String(unapproved(false)?.mailboxid);
        const queue = String(unapproved(true)?.mailboxid);
        const userRun = runTest(kit, user);
        expect(userRun.mailbox).toMatchObject({ mailboxstatus: 1, emailrouteraccessapproval: 2 });
        expect(userRun.alert?.tracecode).toBe(TRACE_CODES.success);
        expect(runTest(kit, queue).alert?.tracecode).toBe(TRACE_CODES.notApproved);
    });

    it('writes statuses but no alert when the org turned error alerts off', () => {
        const kit = createKit();
        kit.store.upsert('organizations', ORGANIZATION_ID, { generatealertsforerrors: false });
        const id = canary(kit, PROFILE_IDS.badSecret);
        const before = alertsAbout(kit, id).length;
        expect(runTest(kit, id).mailbox?.mailboxstatus).toBe(2);
        expect(alertsAbout(kit, id)).toHaveLength(before);
    });
});

describe('Test & Enable scheduling', () => {
    it('honours postponetestemailconfigurationuntil', () => {
        const kit = createKit();
        const id = canary(kit, PROFILE_IDS.commercial);
        testAndEnable(kit, id, kit.now() + 600_000);
        kit.advance(kit.domain.testDelayOf(id));
        expect(kit.store.get('mailboxes', id)?.testemailconfigurationscheduled).toBe(true);
        kit.advance(600_000 - kit.domain.testDelayOf(id));
        expect(kit.store.get('mailboxes', id)).toMatchObject({
            testemailconfigurationscheduled: false,
            mailboxstatus: 1,
        });
    });

    it('drops a job whose mailbox was unscheduled before it ran', () => {
        const kit = createKit();
        const id = canary(kit, PROFILE_IDS.commercial);
        const completed = kit.store.get('mailboxes', id)?.testmailboxaccesscompletedon;
        testAndEnable(kit, id);
        kit.write('mailboxes', id, { testemailconfigurationscheduled: false });
        kit.advance(kit.domain.testDelayOf(id) * 2);
        expect(kit.store.get('mailboxes', id)?.testmailboxaccesscompletedon).toBe(completed);
        expect(kit.domain.pendingJobs()).toBe(0);
    });

    it('completes only due jobs and leaves the others untouched across thousands of mailboxes', () => {
        const kit = createKit({ mailboxCount: 5000, testDelayMs: 100_000 });
        const ids = mailboxesOf(kit, PROFILE_IDS.commercial).map((m) => String(m.mailboxid));
        ids.forEach((id) => testAndEnable(kit, id));
        const start = kit.now();
        expect(kit.domain.pendingJobs()).toBe(ids.length);
        kit.advance(74_999);
        expect(kit.domain.pendingJobs()).toBe(ids.length);
        kit.advance(25_001);
        const done = ids.filter((id) => kit.store.get('mailboxes', id)?.testemailconfigurationscheduled === false);
        const waiting = ids.filter((id) => kit.store.get('mailboxes', id)?.testemailconfigurationscheduled === true);
        expect(done.length).toBeGreaterThan(1000);
        expect(waiting.length).toBeGreaterThan(1000);
        expect(done.every((id) => kit.domain.testDelayOf(id) <= kit.now() - start)).toBe(true);
        expect(
            waiting.every(
                (id) => kit.domain.testDelayOf(id) > kit.now() - start && kit.store.versionOf('mailboxes', id) === 1,
            ),
        ).toBe(true);
        expect(kit.domain.pendingJobs()).toBe(waiting.length);
        kit.advance(25_000);
        expect(kit.domain.pendingJobs()).toBe(0);
    });
});
