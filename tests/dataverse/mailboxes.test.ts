import { DataverseHttp } from '../../src/dataverse/http';
import { IDS_PER_QUERY, listMailboxes, readApprovalState, readTestResults } from '../../src/dataverse/mailboxes';
import { readAlerts } from '../../src/dataverse/tracelogs';
import { canApprove, verdictFor } from '../../src/dataverse/privileges';
import { FakeDataverse, PROFILE_ID, VirtualClock, mailboxId, type Reply } from './fake-server';

let fake: FakeDataverse;
let client: DataverseHttp;

beforeEach(async () => {
    const clock = new VirtualClock();
    fake = new FakeDataverse(clock);
    client = new DataverseHttp(await fake.start(), (u, i) => fetch(u, i), { now: clock.now, sleep: clock.sleep });
});
afterEach(() => fake.stop());

const ok = (value: unknown): Reply => ({
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(value),
});
const query = (i = 0): URLSearchParams => new URL(fake.seen[i].url, fake.baseUrl).searchParams;

describe('listMailboxes', () => {
    it('selects the §3 columns for the profile with annotations and maps rows', async () => {
        fake.faults.push(() =>
            ok({
                value: [
                    {
                        '@odata.etag': 'W/"5"',
                        mailboxid: mailboxId(1),
                        name: 'Ann',
                        emailaddress: 'ann@contoso.com',
                        _regardingobjectid_value: 'bbbbbbbb-0000-0000-0000-000000000001',
                        '_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'systemuser',
                        _emailserverprofile_value: PROFILE_ID,
                        emailrouteraccessapproval: 2,
                        'emailrouteraccessapproval@OData.Community.Display.V1.FormattedValue': 'Pending Approval',
                        statecode: 0,
                    },
                ],
            }),
        );
        const rows = await listMailboxes(client, `{${PROFILE_ID.toUpperCase()}}`);
        expect(query().get('$filter')).toBe(`_emailserverprofile_value eq ${PROFILE_ID} and statecode eq 0`);
        expect(query().get('$select')).toContain('emailrouteraccessapproval,isemailaddressapprovedbyo365admin');
        expect(fake.seen[0].headers.prefer).toBe(
            'odata.maxpagesize=5000,odata.include-annotations="OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.lookuplogicalname"',
        );
        expect(rows[0]).toMatchObject({
            mailboxid: mailboxId(1),
            regardingType: 'systemuser',
            profileId: PROFILE_ID,
            emailrouteraccessapproval: 2,
            etag: 'W/"5"',
            actstatus: null,
            formatted: { emailrouteraccessapproval: 'Pending Approval' },
        });
    });

    it('refuses a profile id that is not a GUID before sending anything', async () => {
        await expect(listMailboxes(client, "x' or 1 eq 1")).rejects.toThrow('Not a GUID');
        expect(fake.seen).toHaveLength(0);
    });
});

describe('readApprovalState', () => {
    it(`re-reads in "or" chunks of ${IDS_PER_QUERY}`, async () => {
        fake.faults.push((s) =>
            ok({
                value: [...s.url.matchAll(/mailboxid%20eq%20([0-9a-f-]{36})/g)].map((m) => ({
                    mailboxid: m[1],
                    emailrouteraccessapproval: 1,
                })),
            }),
        );
        const ids = Array.from({ length: 120 }, (_, i) => mailboxId(i + 1));
        const states = await readApprovalState(client, ids);
        expect(fake.seen).toHaveLength(3);
        expect(states.size).toBe(120);
        expect(query(2).get('$filter')).toBe(
            ids
                .slice(100)
                .map((id) => `mailboxid eq ${id}`)
                .join(' or '),
        );
        expect(query().get('$select')).toBe(
            'mailboxid,emailrouteraccessapproval,isemailaddressapprovedbyo365admin,emailaddressapprovedon',
        );
    });
});

describe('readTestResults and readAlerts', () => {
    it('reads results of the whole run in one paged query', async () => {
        fake.faults.push(() => ok({ value: [] }));
        await readTestResults(client, PROFILE_ID, '2026-11-23T12:00:00Z');
        expect(query().get('$filter')).toBe(
            `_emailserverprofile_value eq ${PROFILE_ID} and testmailboxaccesscompletedon gt 2026-11-23T12:00:00.000Z`,
        );
    });

    it('reads alerts through the mailbox navigation', async () => {
        fake.faults.push(() => ok({ value: [] }));
        await readAlerts(client, PROFILE_ID, '2026-11-23T12:00:00Z', { viaNav: true });
        expect(query().get('$filter')).toBe(
            `regardingobjectid_mailbox/_emailserverprofile_value eq ${PROFILE_ID} and modifiedon gt 2026-11-23T12:00:00.000Z`,
        );
        expect(query().get('$orderby')).toBe('modifiedon desc');
    });

    it('reads alerts per mailbox chunk when the navigation filter is off', async () => {
        fake.faults.push(() => ok({ value: [] }));
        await readAlerts(client, PROFILE_ID, '2026-11-23T12:00:00Z', {
            viaNav: false,
            mailboxIds: [mailboxId(1), mailboxId(2)],
        });
        expect(query().get('$filter')).toBe(
            `(_regardingobjectid_value eq ${mailboxId(1)} or _regardingobjectid_value eq ${mailboxId(2)}) and modifiedon gt 2026-11-23T12:00:00.000Z`,
        );
    });

    it('refuses a since value that is not a date', async () => {
        await expect(readTestResults(client, PROFILE_ID, "x' or")).rejects.toThrow('Not a date');
    });
});

describe('canApprove', () => {
    it('calls the privilege function and reads the user roles', async () => {
        fake.faults.push((s) =>
            s.url.includes('RetrieveUserPrivilege') ? ok({ RolePrivileges: [{ Depth: 'Global' }] }) : undefined,
        );
        fake.faults.push(() => ok({ value: [{ name: 'System Administrator' }] }));
        const user = 'cccccccc-0000-0000-0000-000000000001';
        const check = await canApprove(client, user);
        expect(fake.seen.map((s) => decodeURIComponent(s.url))).toEqual([
            `/api/data/v9.2/systemusers(${user})/Microsoft.Dynamics.CRM.RetrieveUserPrivilegeByPrivilegeName(PrivilegeName='prvApproveRejectEmailAddress')`,
            `/api/data/v9.2/systemusers(${user})/systemuserroles_association?$select=name`,
        ]);
        expect(check).toEqual({
            hasPrivilege: true,
            roles: ['System Administrator'],
            verdict: 'likely',
            missing: [],
            adminMembershipUnknown: true,
        });
    });

    it.each([
        [false, ['System Administrator'], 'no', ['prvApproveRejectEmailAddress']],
        [true, ['Delegated Mailbox Approver'], 'unlikely', ['System Administrator']],
        [false, [], 'no', ['prvApproveRejectEmailAddress', 'System Administrator']],
    ])('verdict for privilege=%s roles=%j is %s', (priv, roles, verdict, missing) => {
        expect(verdictFor(priv, roles)).toEqual({ verdict, missing });
    });
});
