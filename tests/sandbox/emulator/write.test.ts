import { ADMIN, mailboxId, NOOP_USER, PROFILE_A, PROFILE_B, REFUSED_NAME } from './fixture-domain';
import { json, startTestServer, type TestServer } from './test-server';

describe('emulator writes', () => {
    let s: TestServer;
    beforeEach(async () => {
        s = await startTestServer();
    });
    afterEach(() => s.close());

    const patch = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(s.api + path, {
            method: 'PATCH',
            headers: { 'Content-Type': 'application/json', ...headers },
            body: JSON.stringify(body),
        });
    const etagOf = async (id: string) =>
        (await json(await fetch(`${s.api}mailboxes(${id})?$select=name`)))['@odata.etag'] as string;

    it('updates a row, bumps the ETag and sets modifiedon in emulated time', async () => {
        const before = await etagOf(mailboxId(1));
        const res = await patch(`mailboxes(${mailboxId(1)})`, { emailrouteraccessapproval: 1 }, { 'If-Match': before });
        expect(res.status).toBe(204);
        expect(res.headers.get('odata-entityid')).toBe(`${s.api}mailboxes(${mailboxId(1)})`);
        const after = await etagOf(mailboxId(1));
        expect(Number(/\d+/.exec(after)?.[0])).toBeGreaterThan(Number(/\d+/.exec(before)?.[0]));
        const row = s.emulator.store.get('mailboxes', mailboxId(1));
        expect(row?.emailrouteraccessapproval).toBe(1);
        expect(Date.parse(String(row?.modifiedon))).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 23, 9));
        expect(s.domain.afterWrites).toEqual([`mailboxes:${mailboxId(1)}`]);
    });

    it('answers 412 with 0x80060882 for a stale If-Match and changes nothing', async () => {
        const stale = await etagOf(mailboxId(2));
        await patch(`mailboxes(${mailboxId(2)})`, { sequence: 100 });
        const res = await patch(`mailboxes(${mailboxId(2)})`, { sequence: 200 }, { 'If-Match': stale });
        expect(res.status).toBe(412);
        expect(await json(res)).toEqual({
            error: {
                code: '0x80060882',
                message: "The version of the existing record doesn't match the RowVersion property provided.",
            },
        });
        expect(s.emulator.store.get('mailboxes', mailboxId(2))?.sequence).toBe(100);
    });

    it('answers 404 for If-Match * on a missing row instead of creating it', async () => {
        const res = await patch(`mailboxes(${mailboxId(777)})`, { name: 'x' }, { 'If-Match': '*' });
        expect(res.status).toBe(404);
        expect((await json(res)).error.code).toBe('0x80040217');
        expect(s.emulator.store.get('mailboxes', mailboxId(777))).toBeUndefined();
    });

    it('upserts (creates) on PATCH without If-Match', async () => {
        const res = await patch(`mailboxes(${mailboxId(778)})`, { name: 'New' });
        expect(res.status).toBe(204);
        expect(s.emulator.store.get('mailboxes', mailboxId(778))?.name).toBe('New');
    });

    it('sets the lookup value from @odata.bind', async () => {
        const res = await patch(`mailboxes(${mailboxId(1)})`, {
            'emailserverprofile@odata.bind': `/emailserverprofiles(${PROFILE_B})`,
        });
        expect(res.status).toBe(204);
        expect(s.emulator.store.get('mailboxes', mailboxId(1))?._emailserverprofile_value).toBe(PROFILE_B);
    });

    it('refuses a read-only column with 400', async () => {
        const res = await patch(`mailboxes(${mailboxId(1)})`, { mailboxstatus: 1 });
        expect(res.status).toBe(400);
        expect((await json(res)).error.message).toContain("'mailboxstatus'");
        expect(s.emulator.store.get('mailboxes', mailboxId(1))?.mailboxstatus).toBe(0);
    });

    it('refuses an unknown column with 0x80060888', async () => {
        const res = await patch(`mailboxes(${mailboxId(1)})`, { bogus: 1 });
        expect(res.status).toBe(400);
        expect((await json(res)).error).toEqual({
            code: '0x80060888',
            message: "Could not find a property named 'bogus' on type 'Microsoft.Dynamics.CRM.mailbox'.",
        });
    });

    it.each([
        [{ sequence: 'five' }, '0x80048d19'],
        [{ emailaddress: 'x'.repeat(101) }, '0x80044331'],
        [{ emailrouteraccessapproval: 9 }, '0x8004431a'],
        [{ enabledforincomingemail: 'yes' }, '0x80048d19'],
    ])('validates types and lengths: %j', async (payload, code) => {
        const res = await patch(`mailboxes(${mailboxId(1)})`, payload);
        expect(res.status).toBe(400);
        expect((await json(res)).error.code).toBe(code);
    });

    it('creates with POST and answers 204 with OData-EntityId', async () => {
        const res = await fetch(`${s.api}mailboxes`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ name: 'Posted' }),
        });
        expect(res.status).toBe(204);
        const id = /\(([^)]+)\)$/.exec(res.headers.get('odata-entityid') ?? '')?.[1] ?? '';
        expect(s.emulator.store.get('mailboxes', id)?.name).toBe('Posted');
    });

    it('answers 201 with the row for Prefer return=representation', async () => {
        const res = await fetch(`${s.api}emailserverprofiles`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Prefer: 'return=representation' },
            body: JSON.stringify({ name: 'P', oauthclientsecret: 'hidden' }),
        });
        expect(res.status).toBe(201);
        const b = await json(res);
        expect(b.name).toBe('P');
        expect(b).not.toHaveProperty('oauthclientsecret');
    });

    it('deletes a row and answers 404 the second time', async () => {
        expect((await fetch(`${s.api}mailboxes(${mailboxId(5)})`, { method: 'DELETE' })).status).toBe(204);
        expect(s.emulator.store.get('mailboxes', mailboxId(5))).toBeUndefined();
        expect((await fetch(`${s.api}mailboxes(${mailboxId(5)})`, { method: 'DELETE' })).status).toBe(404);
    });

    it('answers the domain refusal with its status and code', async () => {
        const res = await patch(`mailboxes(${mailboxId(1)})`, { name: REFUSED_NAME });
        expect(res.status).toBe(403);
        expect((await json(res)).error.code).toBe('0x80040220');
        expect(s.emulator.store.get('mailboxes', mailboxId(1))?.name).toBe('Mailbox 00001');
    });

    it('answers 204 and changes nothing when the domain ignores the write (silent no-op)', async () => {
        s.emulator.setUser(NOOP_USER);
        const res = await patch(`mailboxes(${mailboxId(2)})`, { emailrouteraccessapproval: 1 });
        expect(res.status).toBe(204);
        expect(s.emulator.store.get('mailboxes', mailboxId(2))?.emailrouteraccessapproval).toBe(2);
        expect(s.domain.afterWrites).toEqual([]);
    });

    it('stores the write-only secret without ever returning it', async () => {
        await patch(`emailserverprofiles(${PROFILE_A})`, { oauthclientsecret: 'new-secret' });
        expect(s.emulator.store.get('emailserverprofiles', PROFILE_A)?.oauthclientsecret).toBe('new-secret');
        const text = await (await fetch(`${s.api}emailserverprofiles`)).text();
        expect(text).not.toContain('new-secret');
    });
});

describe('emulator functions', () => {
    let s: TestServer;
    beforeAll(async () => {
        s = await startTestServer();
    });
    afterAll(() => s.close());

    it.each(['WhoAmI', 'WhoAmI()'])('answers %s for the signed-in user', async (path) => {
        const res = await fetch(s.api + path);
        expect(res.status).toBe(200);
        expect((await json(res)).UserId).toBe(ADMIN);
    });

    it('routes a bound function with unescaped quoted parameters', async () => {
        const url = `${s.api}systemusers(${ADMIN})/Microsoft.Dynamics.CRM.RetrieveUserPrivilegeByPrivilegeName(PrivilegeName='prvWriteMailbox')`;
        const b = await json(await fetch(url));
        expect(b.RolePrivileges).toEqual([{ PrivilegeName: 'prvWriteMailbox', Depth: 'Global' }]);
        const quoted = `${s.api}systemusers(${NOOP_USER})/Microsoft.Dynamics.CRM.RetrieveUserPrivilegeByPrivilegeName(PrivilegeName='it''s')`;
        expect((await json(await fetch(quoted))).echo).toEqual({ PrivilegeName: "it's" });
    });

    it('answers 404 for an unknown function', async () => {
        expect((await fetch(`${s.api}systemusers(${ADMIN})/Microsoft.Dynamics.CRM.Nope()`)).status).toBe(404);
    });
});
