import { mailboxId, PROFILE_A, PROFILE_B } from './fixture-domain';
import { json, startTestServer, type TestServer } from './test-server';

describe('emulator reads', () => {
    let s: TestServer;
    beforeAll(async () => {
        s = await startTestServer();
    });
    afterAll(() => s.close());

    const get = (path: string, headers: Record<string, string> = {}) => fetch(s.api + path, { headers });

    it('answers a collection with OData headers, context and ETags', async () => {
        const res = await get('mailboxes?$select=name&$top=2');
        expect(res.status).toBe(200);
        expect(res.headers.get('odata-version')).toBe('4.0');
        expect(res.headers.get('content-type')).toBe('application/json; odata.metadata=minimal');
        const body = await json(res);
        expect(body['@odata.context']).toBe(`${s.api}$metadata#mailboxes(name)`);
        expect(body.value).toHaveLength(2);
        expect(body.value[0]).toEqual({
            '@odata.etag': expect.stringMatching(/^W\/"\d+"$/),
            name: 'Mailbox 00001',
            mailboxid: mailboxId(1),
        });
    });

    it('returns a single row with $select and /$entity context', async () => {
        const body = await json(await get(`mailboxes(${mailboxId(2)})?$select=emailaddress`));
        expect(body['@odata.context']).toBe(`${s.api}$metadata#mailboxes(emailaddress)/$entity`);
        expect(body.emailaddress).toBe('user2@contoso.com');
        expect(body.name).toBeUndefined();
    });

    it('answers 304 to If-None-Match with the current ETag', async () => {
        const { '@odata.etag': etag } = await json(await get(`mailboxes(${mailboxId(2)})`));
        expect((await get(`mailboxes(${mailboxId(2)})`, { 'If-None-Match': etag })).status).toBe(304);
        expect((await get(`mailboxes(${mailboxId(2)})`, { 'If-None-Match': 'W/"1"' })).status).toBe(200);
    });

    it('answers 404 with 0x80040217 for a missing row', async () => {
        const res = await get(`mailboxes(${mailboxId(999)})`);
        expect(res.status).toBe(404);
        expect((await json(res)).error.code).toBe('0x80040217');
    });

    it('adds FormattedValue and lookup annotations only when Prefer asks, and echoes Preference-Applied', async () => {
        const plain = await json(await get(`mailboxes(${mailboxId(1)})`));
        expect(plain['emailrouteraccessapproval@OData.Community.Display.V1.FormattedValue']).toBeUndefined();
        const res = await get(`mailboxes(${mailboxId(1)})`, { Prefer: 'odata.include-annotations="*"' });
        expect(res.headers.get('preference-applied')).toBe('odata.include-annotations="*"');
        const b = await json(res);
        expect(b['emailrouteraccessapproval@OData.Community.Display.V1.FormattedValue']).toBe('Approved');
        expect(b['enabledforincomingemail@OData.Community.Display.V1.FormattedValue']).toBe('No');
        expect(b['lasttestdate@OData.Community.Display.V1.FormattedValue']).toBe('11/2/2026 12:00 AM');
        expect(b['_emailserverprofile_value@OData.Community.Display.V1.FormattedValue']).toBe('Contoso EXO');
        expect(b['_emailserverprofile_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('emailserverprofile');
    });

    it('honours an include-annotations list with only the named annotation', async () => {
        const b = await json(
            await get(`mailboxes(${mailboxId(1)})`, {
                Prefer: 'odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname"',
            }),
        );
        expect(b['_emailserverprofile_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('emailserverprofile');
        expect(b['_emailserverprofile_value@OData.Community.Display.V1.FormattedValue']).toBeUndefined();
    });

    it('never returns a write-only column, even when selected', async () => {
        const all = await json(await get(`emailserverprofiles(${PROFILE_A})`));
        expect(all).not.toHaveProperty('oauthclientsecret');
        const sel = await json(await get(`emailserverprofiles(${PROFILE_A})?$select=name,oauthclientsecret`));
        expect(sel).not.toHaveProperty('oauthclientsecret');
        expect(sel.name).toBe('Contoso EXO');
        expect(JSON.stringify(sel)).not.toContain('s3cr3t');
    });

    it('refuses to filter or sort on a write-only column, so it cannot be probed', async () => {
        const f = await get(`emailserverprofiles?$filter=${encodeURIComponent("oauthclientsecret eq 's3cr3t-value'")}`);
        expect(f.status).toBe(400);
        expect((await json(f)).error.code).toBe('0x80060888');
        expect((await get('emailserverprofiles?$orderby=oauthclientsecret')).status).toBe(400);
    });

    it('answers 400 0x80060888 with the real message for an unknown $select column', async () => {
        const res = await get('mailboxes?$select=x');
        expect(res.status).toBe(400);
        expect(await json(res)).toEqual({
            error: {
                code: '0x80060888',
                message: "Could not find a property named 'x' on type 'Microsoft.Dynamics.CRM.mailbox'.",
            },
        });
    });

    it('answers 400 for an unknown $orderby column and for $skip', async () => {
        expect((await get('mailboxes?$orderby=nope desc')).status).toBe(400);
        const skip = await get('mailboxes?$skip=2');
        expect(skip.status).toBe(400);
        expect((await json(skip)).error.code).toBe('0x80060888');
    });

    it('orders by a column descending', async () => {
        const b = await json(await get('mailboxes?$select=sequence&$orderby=sequence desc&$top=3'));
        expect(b.value.map((r: any) => r.sequence)).toEqual([12, 11, 10]);
    });

    it('counts with $count=true', async () => {
        const b = await json(await get(`mailboxes?$filter=_emailserverprofile_value eq ${PROFILE_B}&$count=true`));
        expect(b['@odata.count']).toBe(4);
        expect(b.value).toHaveLength(4);
    });

    it('follows collection navigation to the profile mailboxes', async () => {
        const b = await json(
            await get(`emailserverprofiles(${PROFILE_B})/emailserverprofile_mailbox?$select=sequence`),
        );
        expect(b.value.map((r: any) => r.sequence)).toEqual([3, 6, 9, 12]);
        expect(b['@odata.context']).toBe(`${s.api}$metadata#mailboxes(sequence)`);
    });

    it('answers 404 0x8006088a for an unknown entity set', async () => {
        const res = await get('nothings');
        expect(res.status).toBe(404);
        expect((await json(res)).error.code).toBe('0x8006088a');
    });

    it('returns false from handle for non-emulator paths', async () => {
        expect((await fetch(`${s.url}/main.aspx`)).status).toBe(404);
        expect((await fetch(`${s.url}/api/data/v9.1/mailboxes`)).status).toBe(404);
    });
});

describe('emulator paging', () => {
    let s: TestServer;
    beforeAll(async () => {
        s = await startTestServer({ mailboxCount: 25 });
    });
    afterAll(() => s.close());
    const page = (u: string) => fetch(u, { headers: { Prefer: 'odata.maxpagesize=10' } }).then(json);

    it('pages across 3 pages with an absolute nextLink carrying an opaque $skiptoken', async () => {
        const p1 = await page(`${s.api}mailboxes?$select=sequence&$orderby=sequence asc&$count=true`);
        expect(p1['@odata.count']).toBe(25);
        expect(p1['@odata.nextLink']).toMatch(
            new RegExp(`^${s.api.replace(/[.$]/g, '\\$&')}mailboxes\\?.*\\$skiptoken=`),
        );
        expect(p1['@odata.nextLink']).not.toMatch(/\$skip=/);
        const p2 = await page(p1['@odata.nextLink']);
        const p3 = await page(p2['@odata.nextLink']);
        expect([p1, p2, p3].map((p) => p.value.length)).toEqual([10, 10, 5]);
        expect(p3['@odata.nextLink']).toBeUndefined();
        const seqs = [...p1.value, ...p2.value, ...p3.value].map((r: any) => r.sequence);
        expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    });

    it('keeps the next page stable when rows change between pages', async () => {
        const p1 = await page(`${s.api}mailboxes?$select=sequence&$filter=sequence le 20`);
        // A row from page 2 stops matching the filter: the snapshot still serves it, no row is skipped.
        s.emulator.store.upsert('mailboxes', mailboxId(11), { sequence: 500 });
        const p2 = await page(p1['@odata.nextLink']);
        expect(p2.value.map((r: any) => r.mailboxid)).toEqual(Array.from({ length: 10 }, (_, i) => mailboxId(11 + i)));
        s.emulator.store.upsert('mailboxes', mailboxId(11), { sequence: 11 });
    });

    it('ignores $top when odata.maxpagesize is sent and echoes the page size', async () => {
        const res = await fetch(`${s.api}mailboxes?$top=3`, { headers: { Prefer: 'odata.maxpagesize=10' } });
        expect(res.headers.get('preference-applied')).toBe('odata.maxpagesize=10');
        const b = await json(res);
        expect(b.value).toHaveLength(10);
        expect(b['@odata.nextLink']).toBeDefined();
    });

    it('caps the page size at 5,000', async () => {
        const res = await fetch(`${s.api}mailboxes`, { headers: { Prefer: 'odata.maxpagesize=9000' } });
        expect(res.headers.get('preference-applied')).toBe('odata.maxpagesize=5000');
    });

    it('applies $top without maxpagesize and gives no nextLink', async () => {
        const b = await json(await fetch(`${s.api}mailboxes?$top=3`));
        expect(b.value).toHaveLength(3);
        expect(b['@odata.nextLink']).toBeUndefined();
    });
});
