import { APPROVAL_REFUSALS, PROFILE_IDS, USER_IDS } from './index';
import { createKit, mailboxesOf, type Kit } from './test-kit';

const pendingMailbox = (kit: Kit) => {
    const row = kit.store.list('mailboxes').find((m) => m.emailrouteraccessapproval === 2);
    if (!row) throw new Error('seed has no pending mailbox');
    return row;
};

describe('approval rules', () => {
    it('approves and mirrors onto the mailbox and its owner for a Global admin + System Administrator', () => {
        const kit = createKit();
        const mailbox = pendingMailbox(kit);
        const id = String(mailbox.mailboxid);
        expect(kit.write('mailboxes', id, { emailrouteraccessapproval: 1 }, kit.user(USER_IDS.approver))).toEqual({
            kind: 'allow',
        });
        const after = kit.store.get('mailboxes', id);
        expect(after).toMatchObject({ emailrouteraccessapproval: 1, isemailaddressapprovedbyo365admin: true });
        expect(after?.emailaddressapprovedon).toBe(new Date(kit.now()).toISOString().slice(0, 19) + 'Z');
        const owner =
            kit.store.get('systemusers', String(mailbox._regardingobjectid_value)) ??
            kit.store.get('queues', String(mailbox._regardingobjectid_value));
        expect(owner?.emailrouteraccessapproval).toBe(1);
    });

    it('allows a Delegated Mailbox Approver who is also System Administrator', () => {
        const kit = createKit();
        const id = String(pendingMailbox(kit).mailboxid);
        expect(
            kit.write('mailboxes', id, { emailrouteraccessapproval: 1 }, kit.user(USER_IDS.delegatedApprover)).kind,
        ).toBe('allow');
    });

    it('refuses a System Administrator without a Global/Exchange admin role with CrmSecurityError 0x80040256', () => {
        const kit = createKit();
        const id = String(pendingMailbox(kit).mailboxid);
        const verdict = kit.write(
            'mailboxes',
            id,
            { emailrouteraccessapproval: 1 },
            kit.user(USER_IDS.sysAdminNotApprover),
        );
        expect(verdict).toMatchObject({ kind: 'refuse', status: 403, code: '0x80040256' });
        expect(verdict.kind === 'refuse' && verdict.message).toMatch(
            /should be a global administrator or exchange administrator to approve mailbox in organization org-sandbox/,
        );
        expect(kit.store.get('mailboxes', id)?.emailrouteraccessapproval).toBe(2);
    });

    it('refuses a user without prvApproveRejectEmailAddress with 0x80040220 naming the privilege', () => {
        const kit = createKit();
        const id = String(pendingMailbox(kit).mailboxid);
        const verdict = kit.write('mailboxes', id, { emailrouteraccessapproval: 1 }, kit.user(USER_IDS.basicUser));
        expect(verdict).toMatchObject({ kind: 'refuse', ...APPROVAL_REFUSALS.missingPrivilege });
        expect(verdict.kind === 'refuse' && verdict.message).toContain(`Principal user (Id=${USER_IDS.basicUser}`);
        expect(verdict.kind === 'refuse' && verdict.message).toContain(
            'is missing prvApproveRejectEmailAddress privilege',
        );
    });

    it('silently ignores approvals by the PIM / service principal user', () => {
        const kit = createKit();
        const id = String(pendingMailbox(kit).mailboxid);
        expect(kit.write('mailboxes', id, { emailrouteraccessapproval: 1 }, kit.user(USER_IDS.silentApprover))).toEqual(
            { kind: 'ignore' },
        );
        expect(kit.store.get('mailboxes', id)?.emailrouteraccessapproval).toBe(2);
    });

    it('polices rejection (3) and approval written on the systemuser row too', () => {
        const kit = createKit();
        const mailbox = kit.store
            .list('mailboxes')
            .find(
                (m) =>
                    m.emailrouteraccessapproval === 2 &&
                    kit.store.get('systemusers', String(m._regardingobjectid_value)),
            );
        const userId = String(mailbox?._regardingobjectid_value);
        expect(
            kit.write('systemusers', userId, { emailrouteraccessapproval: 3 }, kit.user(USER_IDS.basicUser)).kind,
        ).toBe('refuse');
        expect(
            kit.write('systemusers', userId, { emailrouteraccessapproval: 1 }, kit.user(USER_IDS.approver)).kind,
        ).toBe('allow');
        expect(kit.store.get('mailboxes', String(mailbox?.mailboxid))).toMatchObject({
            emailrouteraccessapproval: 1,
            isemailaddressapprovedbyo365admin: true,
        });
        expect(kit.store.get('systemusers', userId)?.isemailaddressapprovedbyo365admin).toBe(true);
    });

    it('lets anyone write other columns', () => {
        const kit = createKit();
        const id = String(mailboxesOf(kit, PROFILE_IDS.commercial)[1].mailboxid);
        expect(kit.write('mailboxes', id, { incomingemaildeliverymethod: 2 }, kit.user(USER_IDS.basicUser)).kind).toBe(
            'allow',
        );
    });
});

describe('secret writes', () => {
    it('flips isoauthclientsecretset when a secret is written and clears it when emptied', () => {
        const kit = createKit();
        expect(kit.store.get('emailserverprofiles', PROFILE_IDS.noSecret)?.isoauthclientsecretset).toBe(false);
        kit.write('emailserverprofiles', PROFILE_IDS.noSecret, { oauthclientsecret: 'abc8Q~' + 'x'.repeat(34) });
        expect(kit.store.get('emailserverprofiles', PROFILE_IDS.noSecret)?.isoauthclientsecretset).toBe(true);
        expect(kit.store.get('emailserverprofiles', PROFILE_IDS.noSecret)).not.toHaveProperty('oauthclientsecret');
        kit.write('emailserverprofiles', PROFILE_IDS.noSecret, { oauthclientsecret: null });
        expect(kit.store.get('emailserverprofiles', PROFILE_IDS.noSecret)?.isoauthclientsecretset).toBe(false);
    });
});

describe('functions', () => {
    it('answers WhoAmI with the signed-in user', () => {
        const kit = createKit();
        const result = kit.domain.functions.WhoAmI({ params: {}, user: kit.user(USER_IDS.basicUser) });
        expect(result).toMatchObject({
            status: 200,
            body: {
                UserId: USER_IDS.basicUser,
                BusinessUnitId: expect.any(String),
                OrganizationId: expect.any(String),
            },
        });
    });

    it.each([
        [USER_IDS.approver, 1],
        [USER_IDS.sysAdminNotApprover, 1],
        [USER_IDS.basicUser, 0],
    ])('reports prvApproveRejectEmailAddress for %s with %i role privileges', (userId, count) => {
        const kit = createKit();
        const result = kit.domain.functions.RetrieveUserPrivilegeByPrivilegeName({
            boundId: userId,
            params: { PrivilegeName: "'prvApproveRejectEmailAddress'" },
            user: kit.user(USER_IDS.approver),
        });
        const body = result.body as { RolePrivileges: { PrivilegeName: string; Depth: string }[] };
        expect(body.RolePrivileges).toHaveLength(count);
        if (count)
            expect(body.RolePrivileges[0]).toMatchObject({
                PrivilegeName: 'prvApproveRejectEmailAddress',
                Depth: 'Global',
            });
    });

    it('answers 404 for an unknown bound user', () => {
        const kit = createKit();
        const result = kit.domain.functions.RetrieveUserPrivilegeByPrivilegeName({
            boundId: '00000000-0000-0000-0000-000000000009',
            params: { PrivilegeName: 'x' },
            user: kit.user(USER_IDS.approver),
        });
        expect(result.status).toBe(404);
    });
});
