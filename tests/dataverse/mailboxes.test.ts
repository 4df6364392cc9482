/**
 * The mailbox, tracelog and privilege reads against the sandbox's emulator, which applies every filter, page and
 * annotation: each read must return exactly the rows the server holds for it, in the requests we expect.
 */
import { DataverseHttp } from '../../src/dataverse/http';
import { IDS_PER_QUERY, listMailboxes, readApprovalState, readTestResults } from '../../src/dataverse/mailboxes';
import { canApprove, verdictFor } from '../../src/dataverse/privileges';
import { readAlerts } from '../../src/dataverse/tracelogs';
import type { Row } from '../sandbox/emulator/contract';
import { PROFILE_IDS, USER_IDS } from '../sandbox/domain/ids';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { recordRequests, type SentRequest } from './sent-requests';

const PROFILE = PROFILE_IDS.commercial;

let sandbox: Sandbox;
let client: DataverseHttp;
let sent: SentRequest[];

beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, mailboxCount: 130 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
    sandbox.setScenario({ profileId: PROFILE, userId: USER_IDS.approver, fault: 'none' });
    const recorder = recordRequests();
    sent = recorder.sent;
    client = new DataverseHttp(sandbox.url, recorder.fetch);
});

const rows = (entitySet: string): Row[] => sandbox.emulator.store.list(entitySet);
const ofProfile = (mailbox: Row): boolean => mailbox._emailserverprofile_value === PROFILE;
const idsOf = (list: readonly { mailboxid?: unknown }[]): string[] => list.map((row) => String(row.mailboxid)).sort();
const query = (request: SentRequest): URLSearchParams => new URL(request.url).searchParams;

describe('listMailboxes', () => {
    it('returns exactly the active mailboxes of the profile, every page of them', async () => {
        const list = await listMailboxes(client, `{${PROFILE.toUpperCase()}}`);
        const expected = rows('mailboxes').filter((mailbox) => ofProfile(mailbox) && mailbox.statecode === 0);
        expect(expected.length).toBeGreaterThan(100);
        expect(idsOf(list)).toEqual(idsOf(expected));
        expect(query(sent[0]).get('$filter')).toBe(`_emailserverprofile_value eq ${PROFILE} and statecode eq 0`);
    });

    it('maps each row: columns, the owner type from its lookup annotation, option labels and the ETag', async () => {
        const [first] = await listMailboxes(client, PROFILE, {});
        const stored = sandbox.emulator.store.get('mailboxes', first.mailboxid) as Row;
        expect(first).toMatchObject({
            mailboxid: stored.mailboxid,
            name: stored.name,
            emailaddress: stored.emailaddress,
            profileId: PROFILE,
            regardingId: stored._regardingobjectid_value,
            emailrouteraccessapproval: stored.emailrouteraccessapproval,
            mailboxstatus: stored.mailboxstatus,
            testmailboxaccesscompletedon: stored.testmailboxaccesscompletedon,
            statecode: 0,
        });
        const owner = rows('queues').some((queue) => queue.queueid === stored._regardingobjectid_value);
        expect(first.regardingType).toBe(owner ? 'queue' : 'systemuser');
        expect(first.etag).toMatch(/^W\/"\d+"$/);
        expect(first.formatted.emailrouteraccessapproval).toMatch(/Approved|Pending Approval|Empty|Rejected/);
    });

    it('refuses a profile id that is not a GUID before sending anything', async () => {
        await expect(listMailboxes(client, "x' or 1 eq 1")).rejects.toThrow('Not a GUID');
        expect(sent).toHaveLength(0);
    });
});

describe('readApprovalState', () => {
    it(`re-reads the approval of exactly the given mailboxes, ${IDS_PER_QUERY} ids per query`, async () => {
        const mailboxes = rows('mailboxes').filter(ofProfile).slice(0, 120);
        const states = await readApprovalState(
            client,
            mailboxes.map((mailbox) => String(mailbox.mailboxid)),
        );
        expect(sent).toHaveLength(3);
        expect(states.size).toBe(120);
        for (const mailbox of mailboxes) {
            expect(states.get(String(mailbox.mailboxid))).toEqual({
                mailboxid: mailbox.mailboxid,
                emailrouteraccessapproval: mailbox.emailrouteraccessapproval,
                isemailaddressapprovedbyo365admin: mailbox.isemailaddressapprovedbyo365admin,
                emailaddressapprovedon: mailbox.emailaddressapprovedon,
            });
        }
    });
});

describe('readTestResults', () => {
    it('returns exactly the profile’s mailboxes whose test completed after the given time, in one paged query', async () => {
        const since = '2026-11-01T00:00:00Z';
        const results = await readTestResults(client, PROFILE, since);
        const expected = rows('mailboxes').filter(
            (mailbox) =>
                ofProfile(mailbox) &&
                typeof mailbox.testmailboxaccesscompletedon === 'string' &&
                Date.parse(mailbox.testmailboxaccesscompletedon) > Date.parse(since),
        );
        expect(expected.length).toBeGreaterThan(0);
        expect(idsOf(results)).toEqual(idsOf(expected));
        expect(sent).toHaveLength(1);
    });

    it('refuses a since value that is not a date before sending anything', async () => {
        await expect(readTestResults(client, PROFILE, "x' or")).rejects.toThrow('Not a date');
        expect(sent).toHaveLength(0);
    });
});

describe('readAlerts', () => {
    const since = '2026-11-01T00:00:00Z';
    const profileMailboxes = (): Set<unknown> =>
        new Set(
            rows('mailboxes')
                .filter(ofProfile)
                .map((m) => m.mailboxid),
        );
    const expectedAlerts = (about: Set<unknown>): string[] =>
        rows('tracelogs')
            .filter((alert) => about.has(alert._regardingobjectid_value) && String(alert.modifiedon) > since)
            .map((alert) => String(alert.tracelogid))
            .sort();

    it('reads the alerts about the profile’s mailboxes through the mailbox navigation, newest first', async () => {
        const alerts = await readAlerts(client, PROFILE, since, { viaNav: true });
        expect(alerts.map((alert) => String(alert.tracelogid)).sort()).toEqual(expectedAlerts(profileMailboxes()));
        expect(alerts.length).toBeGreaterThan(0);
        const times = alerts.map((alert) => alert.modifiedon);
        expect(times).toEqual([...times].sort().reverse());
        expect(sent).toHaveLength(1);
    });

    it('reads the same alerts in per-mailbox chunks when the navigation filter is off', async () => {
        const ids = [...profileMailboxes()].map(String);
        const alerts = await readAlerts(client, PROFILE, since, { viaNav: false, mailboxIds: ids });
        expect(alerts.map((alert) => String(alert.tracelogid)).sort()).toEqual(expectedAlerts(profileMailboxes()));
        expect(sent).toHaveLength(Math.ceil(ids.length / IDS_PER_QUERY));
    });
});

describe('canApprove', () => {
    it.each([
        [USER_IDS.approver, true, 'likely'],
        [USER_IDS.sysAdminNotApprover, true, 'likely'],
        [USER_IDS.basicUser, false, 'no'],
    ] as const)('reads the privilege and the roles of user %s', async (userId, hasPrivilege, verdict) => {
        const check = await canApprove(client, userId);
        const user = sandbox.state().users.find((candidate) => candidate.systemuserid === userId);
        expect(check).toMatchObject({ hasPrivilege, verdict, adminMembershipUnknown: true });
        expect([...check.roles].sort()).toEqual([...(user?.roles ?? [])].sort());
        expect(sent.map((request) => decodeURIComponent(new URL(request.url).pathname))).toEqual([
            `/api/data/v9.2/systemusers(${userId})/Microsoft.Dynamics.CRM.RetrieveUserPrivilegeByPrivilegeName(PrivilegeName='prvApproveRejectEmailAddress')`,
            `/api/data/v9.2/systemusers(${userId})/systemuserroles_association`,
        ]);
    });

    it.each([
        [false, ['System Administrator'], 'no', ['prvApproveRejectEmailAddress']],
        [true, ['Delegated Mailbox Approver'], 'unlikely', ['System Administrator']],
        [false, [], 'no', ['prvApproveRejectEmailAddress', 'System Administrator']],
    ])('verdict for privilege=%s roles=%j is %s', (hasPrivilege, roles, verdict, missing) => {
        expect(verdictFor(hasPrivilege, roles)).toEqual({ verdict, missing });
    });
});
