import { createDomain, HOSTILE_NAMES, PROFILE_IDS, USER_IDS } from './index';

describe('createDomain seed', () => {
    it('produces identical rows for the same seed', () => {
        const a = createDomain({ seed: 7, mailboxCount: 60 });
        const b = createDomain({ seed: 7, mailboxCount: 60 });
        expect(JSON.stringify(a.rows)).toBe(JSON.stringify(b.rows));
    });

    it('produces different rows for a different seed', () => {
        const a = createDomain({ seed: 7 });
        const b = createDomain({ seed: 8 });
        expect(a.rows.mailboxes.map((m) => m.mailboxid)).not.toEqual(b.rows.mailboxes.map((m) => m.mailboxid));
        expect(a.rows.mailboxes.map((m) => m.emailrouteraccessapproval)).not.toEqual(
            b.rows.mailboxes.map((m) => m.emailrouteraccessapproval),
        );
    });

    it('keeps the other profiles stable when the default profile grows', () => {
        const others = (count: number) =>
            createDomain({ seed: 3, mailboxCount: count }).rows.mailboxes.filter(
                (m) => m._emailserverprofile_value !== PROFILE_IDS.commercial,
            );
        expect(JSON.stringify(others(10))).toBe(JSON.stringify(others(200)));
    });

    it.each([10, 50_000])(
        'gives the default profile exactly %i mailboxes, each with its own user or queue',
        (count) => {
            const domain = createDomain({ seed: 1, mailboxCount: count });
            const mine = domain.rows.mailboxes.filter((m) => m._emailserverprofile_value === PROFILE_IDS.commercial);
            expect(mine).toHaveLength(count);
            const owners = new Set([
                ...domain.rows.systemusers.map((u) => u.systemuserid),
                ...domain.rows.queues.map((q) => q.queueid),
            ]);
            expect(domain.rows.mailboxes.every((m) => owners.has(m._regardingobjectid_value))).toBe(true);
            expect(new Set(domain.rows.mailboxes.map((m) => m.mailboxid)).size).toBe(domain.rows.mailboxes.length);
            expect(new Set(domain.rows.mailboxes.map((m) => m.emailaddress)).size).toBe(domain.rows.mailboxes.length);
        },
    );

    it('mixes users and queues, approvals, delivery methods and history realistically at scale', () => {
        const { rows } = createDomain({ seed: 5, mailboxCount: 5000 });
        const share = (pred: (m: Record<string, unknown>) => boolean) =>
            rows.mailboxes.filter(pred).length / rows.mailboxes.length;
        expect(rows.queues.length / rows.mailboxes.length).toBeGreaterThan(0.1);
        expect(rows.queues.length / rows.mailboxes.length).toBeLessThan(0.2);
        for (const approval of [0, 1, 2, 3])
            expect(share((m) => m.emailrouteraccessapproval === approval)).toBeGreaterThan(0.03);
        expect(share((m) => m.emailrouteraccessapproval === 1)).toBeGreaterThan(0.5);
        expect(share((m) => m.incomingemaildeliverymethod === 2 && m.actdeliverymethod === 1)).toBeGreaterThan(0.85);
        expect(share((m) => m.incomingemaildeliverymethod !== 2)).toBeGreaterThan(0.01);
        for (const status of [0, 1, 2]) expect(share((m) => m.mailboxstatus === status)).toBeGreaterThan(0.05);
        expect(share((m) => m.testmailboxaccesscompletedon === null)).toBeGreaterThan(0.2);
        expect(rows.tracelogs.length).toBeGreaterThan(500);
    });

    it('plans mostly successes with every mailbox-level failure present', () => {
        const domain = createDomain({ seed: 5, mailboxCount: 2000 });
        const planned = domain.rows.mailboxes.map((m) => domain.plannedOutcomeOf(String(m.mailboxid)));
        expect(planned.filter((p) => p === 'success').length / planned.length).toBeGreaterThan(0.7);
        for (const outcome of ['aapDenied', 'mailboxNotFound', 'notLicensed', 'ewsBlocked'])
            expect(planned).toContain(outcome);
    });

    it('seeds every profile kind and every cloud with matching authority and EWS host', () => {
        const domain = createDomain();
        expect(new Set(domain.profiles.map((p) => p.kind))).toEqual(
            new Set(['crossTenantOAuth', 'hybridS2S', 'exchangeOnline', 'unsupported']),
        );
        const byId = new Map(domain.rows.emailserverprofiles.map((r) => [r.emailserverprofileid, r]));
        const expected = {
            commercial: [0, 'outlook.office365.com'],
            gcc: [0, 'outlook.office365.com'],
            gccHigh: [1, 'outlook.office365.us'],
            dod: [1, 'webmail.apps.mil'],
            china: [2, 'partner.outlook.cn'],
        };
        for (const [cloud, [authority, host]] of Object.entries(expected)) {
            const profile = domain.profiles.find(
                (p) => p.kind === 'crossTenantOAuth' && p.cloud === cloud && p.id !== PROFILE_IDS.cloudMismatch,
            );
            const row = byId.get(profile?.id);
            expect([row?.servertype, row?.incomingcredentialretrieval, row?.incomingauthenticationprotocol]).toEqual([
                0, 7, 4,
            ]);
            expect(row?.serverauthority).toBe(authority);
            expect(row?.incomingserverlocation).toBe(`https://${host}/EWS/Exchange.asmx`);
            expect(row?.exchangeonlinetenantid).toMatch(/^[0-9a-f-]{36}$/);
        }
        expect(byId.get(PROFILE_IDS.hybridS2S)).toMatchObject({
            servertype: 3,
            incomingcredentialretrieval: 2,
            usedefaulttenantid: true,
        });
        expect(byId.get(PROFILE_IDS.exchangeOnline)).toMatchObject({
            servertype: 0,
            incomingcredentialretrieval: 2,
            incomingserverlocation: 'https://outlook.office365.com/EWS/Exchange.asmx',
        });
        expect(byId.get(PROFILE_IDS.imapUnsupported)).toMatchObject({ servertype: 4 });
        expect(byId.get(PROFILE_IDS.commercial)?.isoauthclientsecretset).toBe(true);
        expect(byId.get(PROFILE_IDS.noSecret)?.isoauthclientsecretset).toBe(false);
    });

    it('puts the default profile first and honours a caller-chosen profile id', () => {
        expect(createDomain().profiles[0].id).toBe(PROFILE_IDS.commercial);
        const custom = createDomain({ profileId: '11111111-2222-4333-8444-555555555555', mailboxCount: 12 });
        expect(custom.profiles[0]).toMatchObject({
            id: '11111111-2222-4333-8444-555555555555',
            kind: 'crossTenantOAuth',
            cloud: 'commercial',
        });
        expect(custom.rows.mailboxes.filter((m) => m._emailserverprofile_value === custom.profiles[0].id)).toHaveLength(
            12,
        );
        const gcc = createDomain({ profileId: PROFILE_IDS.gcc, mailboxCount: 9 });
        expect(gcc.profiles[0].id).toBe(PROFILE_IDS.gcc);
        expect(gcc.rows.organizations[0]._defaultemailserverprofileid_value).toBe(PROFILE_IDS.gcc);
    });

    it('includes every hostile name in the default 40 mailboxes, on both mailbox and owner rows', () => {
        const { rows } = createDomain();
        const names = new Set(rows.mailboxes.map((m) => m.name));
        const owners = new Set([...rows.systemusers.map((u) => u.fullname), ...rows.queues.map((q) => q.name)]);
        for (const hostile of HOSTILE_NAMES) {
            expect(names).toContain(hostile);
            expect(owners).toContain(hostile);
        }
        expect(HOSTILE_NAMES.some((n) => n.length >= 190 && n.length <= 200)).toBe(true);
    });

    it('never writes a secret into any row', () => {
        const domain = createDomain();
        const secret = domain.correctSecretOf(PROFILE_IDS.commercial) ?? 'missing';
        expect(secret).toMatch(/^[A-Za-z0-9_~.-]{3}8Q~[A-Za-z0-9_~.-]{34}$/);
        expect(JSON.stringify(domain.rows)).not.toContain(secret);
        expect(domain.rows.emailserverprofiles.some((p) => 'oauthclientsecret' in p)).toBe(false);
    });

    it('offers the five fixed users with the documented ids', () => {
        const domain = createDomain();
        expect(domain.users.map((u) => u.systemuserid)).toEqual(Object.values(USER_IDS));
        expect(domain.users.find((u) => u.systemuserid === USER_IDS.silentApprover)?.silentApprovalNoop).toBe(true);
        const roleNames = domain.rows.systemuserroles
            .filter((r) => r._systemuserid_value === USER_IDS.delegatedApprover)
            .map((r) => r.name);
        expect(roleNames).toEqual(['System Administrator', 'Delegated Mailbox Approver']);
    });

    it('declares write-only, read-only, lookups, collections and concurrency as the contract expects', () => {
        const { tables } = createDomain();
        const profile = tables.find((t) => t.entitySet === 'emailserverprofiles');
        const mailbox = tables.find((t) => t.entitySet === 'mailboxes');
        expect(profile?.columns.find((c) => c.name === 'oauthclientsecret')?.writeOnly).toBe(true);
        expect(profile?.columns.find((c) => c.name === 'isoauthclientsecretset')?.readOnly).toBe(true);
        expect(profile?.collections?.emailserverprofile_mailbox).toEqual({
            targetSet: 'mailboxes',
            foreignKey: '_emailserverprofile_value',
        });
        expect(mailbox?.columns.find((c) => c.name === 'emailserverprofile')?.lookupTargets).toEqual({
            emailserverprofile: 'emailserverprofiles',
        });
        expect(mailbox?.collections?.tracelog_Mailbox.targetSet).toBe('tracelogs');
        expect([profile?.concurrency, mailbox?.concurrency]).toEqual([true, true]);
        expect(mailbox?.columns.find((c) => c.name === 'isemailaddressapprovedbyo365admin')?.readOnly).toBe(true);
    });
});
