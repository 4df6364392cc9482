import { json, startTestServer, type TestServer } from './test-server';

describe('emulator at 50,000 mailboxes', () => {
    let s: TestServer;
    beforeAll(async () => {
        s = await startTestServer({ mailboxCount: 50_000 });
    });
    afterAll(() => s.close());

    it('pages a filtered, ordered 50k-row query completely, in pages of the preferred size', async () => {
        let url: string | undefined =
            `${s.api}mailboxes?$select=sequence&$filter=emailrouteraccessapproval ne 0&$orderby=name desc`;
        let rows = 0;
        let pages = 0;
        while (url) {
            const body: any = await json(await fetch(url, { headers: { Prefer: 'odata.maxpagesize=5000' } }));
            rows += body.value.length;
            pages += 1;
            url = body['@odata.nextLink'];
        }
        expect(rows).toBe(37_500);
        expect(pages).toBe(8);
    });
});
