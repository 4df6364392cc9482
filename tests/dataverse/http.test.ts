import { RequestGate } from '../../src/core/scheduler/gate';
import { DataverseError } from '../../src/dataverse/errors';
import { DataverseHttp, SessionExpiredError, parseRetryAfter } from '../../src/dataverse/http';
import { FakeDataverse, VirtualClock, batchResponse, parseBatchRequest, type Reply } from './fake-server';

const ID = '00000000-0000-0000-0000-000000000001';

let clock: VirtualClock;
let fake: FakeDataverse;
let client: DataverseHttp;

beforeEach(async () => {
    clock = new VirtualClock();
    fake = new FakeDataverse(clock);
    const base = await fake.start();
    let n = 0;
    client = new DataverseHttp(base, (url, init) => fetch(url, init), {
        now: clock.now,
        sleep: clock.sleep,
        newId: () => `id${++n}`,
    });
});
afterEach(() => fake.stop());

const reply = (r: Reply): void => void fake.faults.push(() => r);
const ok = (value: unknown): Reply => ({
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(value),
});

describe('DataverseHttp.send', () => {
    it('sends the OData headers, Prefer, If-Match and a JSON body', async () => {
        fake.faults.push(() => ({ status: 204 }));
        await client.send(`mailboxes(${ID})`, {
            method: 'PATCH',
            body: { a: 1 },
            ifMatch: 'W/"1"',
            prefer: ['return=minimal'],
        });
        const [req] = fake.seen;
        expect(req).toMatchObject({ method: 'PATCH', url: `/api/data/v9.2/mailboxes(${ID})`, body: '{"a":1}' });
        expect(req.headers).toMatchObject({
            'odata-version': '4.0',
            'odata-maxversion': '4.0',
            accept: 'application/json',
            'content-type': 'application/json; charset=utf-8',
            'if-match': 'W/"1"',
            prefer: 'return=minimal',
            'x-requested-with': 'XMLHttpRequest',
        });
    });

    it('waits out Retry-After, sends nothing inside the window, then succeeds', async () => {
        fake.throttleNext(10);
        reply(ok({ value: 1 }));
        const res = await client.send<{ value: number }>('x');
        expect(res.body.value).toBe(1);
        expect(fake.seen.map((s) => s.at)).toEqual([0, 10_000]);
        expect(fake.insideWindow).toEqual([]);
    });

    it('holds concurrent requests behind one shared Retry-After deadline', async () => {
        fake.throttleNext(30);
        const all = Promise.all(Array.from({ length: 6 }, (_, i) => client.send(`r${i}`).catch((e: unknown) => e)));
        await all;
        expect(fake.insideWindow).toEqual([]);
        expect(client.gate.limit).toBeLessThan(4);
    });

    it('gives up after the bounded number of 429s with the Retry-After on the error', async () => {
        const bounded = new DataverseHttp(fake.baseUrl, (u, i) => fetch(u, i), {
            now: clock.now,
            sleep: clock.sleep,
            maxRetries: 2,
        });
        fake.throttleNext(1, 10);
        const error = (await bounded.send('x').catch((e: unknown) => e)) as DataverseError;
        expect(error).toMatchObject({ status: 429, code: '0x80072322', retryAfterMs: 1000 });
        expect(fake.seen).toHaveLength(3);
    });

    it('surfaces 412 as a DataverseError with the Dataverse code', async () => {
        reply({
            status: 412,
            headers: { 'Content-Type': 'application/json' },
            body: '{"error":{"code":"0x80060882","message":"changed"}}',
        });
        const error = await client.send('x', { method: 'PATCH', body: {}, ifMatch: 'W/"1"' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DataverseError);
        expect(error).toMatchObject({ status: 412, code: '0x80060882', message: 'changed' });
    });

    it('turns 401 into SessionExpiredError', async () => {
        reply({ status: 401, body: 'login' });
        const error = await client.send('x').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SessionExpiredError);
        expect(error).toMatchObject({ status: 401 });
    });

    it('reports a dropped write as status 0 and never sends it again (it may have been applied)', async () => {
        reply('drop');
        const error = await client
            .send(`mailboxes(${ID})`, { method: 'PATCH', body: { a: 1 } })
            .catch((e: unknown) => e);
        expect(error).toMatchObject({ status: 0, code: 'NetworkError' });
        expect(fake.seen.map((s) => s.method)).toEqual(['PATCH']);
        expect(client.gate.inFlight).toBe(0);
    });

    it('reads again after a dropped connection, with back-off, and gives up as a dropped connection', async () => {
        let drops = 1;
        fake.faults.push(() => (drops-- > 0 ? 'drop' : undefined));
        reply(ok({ value: 7 }));
        expect((await client.send<{ value: number }>(`mailboxes(${ID})`)).body.value).toBe(7);
        expect(fake.seen.map((s) => [s.method, s.at])).toEqual([
            ['GET', 0],
            ['GET', 1000],
        ]);
        fake.faults.splice(0, fake.faults.length, () => 'drop');
        const error = await client.send('x').catch((e: unknown) => e);
        expect(error).toMatchObject({ status: 0, code: 'NetworkError' });
        expect(fake.seen.length).toBeGreaterThan(3);
        expect(client.gate.inFlight).toBe(0);
    });

    it('retries 503 with growing back-off a bounded number of times', async () => {
        let left = 2;
        fake.faults.push(() => (left-- > 0 ? { status: 503, body: 'busy' } : undefined));
        reply(ok({ fine: true }));
        await client.send('x');
        expect(fake.seen.map((s) => s.at)).toEqual([0, 1000, 3000]);
    });

    it('lowers concurrency to the x-ms-dop-hint', async () => {
        reply({ status: 200, headers: { 'x-ms-dop-hint': '2', 'Content-Type': 'application/json' }, body: '{}' });
        await client.send('x');
        expect(client.gate.limit).toBe(2);
    });
});

describe('DataverseHttp.getAll', () => {
    it('follows @odata.nextLink as-is with the same maxpagesize', async () => {
        const pages = [
            {
                value: [1, 2],
                '@odata.nextLink': `${fake.baseUrl}/api/data/v9.2/mailboxes?$skiptoken=%3Ccookie%20p%3D2%3E`,
            },
            {
                value: [3, 4],
                '@odata.nextLink': `${fake.baseUrl}/api/data/v9.2/mailboxes?$skiptoken=%3Ccookie%20p%3D3%3E`,
            },
            { value: [5] },
        ];
        fake.faults.push(() => ok(pages.shift()));
        const seenPages: number[] = [];
        const rows = await client.getAll<number>('mailboxes?$select=name', {
            pageSize: 2,
            prefer: ['odata.include-annotations="*"'],
            onPage: (_p, total) => seenPages.push(total),
        });
        expect(rows).toEqual([1, 2, 3, 4, 5]);
        expect(seenPages).toEqual([2, 4, 5]);
        expect(fake.seen.map((s) => s.url)).toEqual([
            '/api/data/v9.2/mailboxes?$select=name',
            '/api/data/v9.2/mailboxes?$skiptoken=%3Ccookie%20p%3D2%3E',
            '/api/data/v9.2/mailboxes?$skiptoken=%3Ccookie%20p%3D3%3E',
        ]);
        expect(fake.seen.every((s) => s.headers.prefer === 'odata.maxpagesize=2,odata.include-annotations="*"')).toBe(
            true,
        );
    });

    it('reads a page again after its connection dropped, with back-off', async () => {
        let drops = 2;
        fake.faults.push(() => (drops-- > 0 ? 'drop' : undefined));
        reply(ok({ value: [1, 2] }));
        expect(await client.getAll<number>('mailboxes?$select=name')).toEqual([1, 2]);
        expect(fake.seen.map((s) => s.at)).toEqual([0, 1000, 3000]);
        expect(fake.seen.every((s) => s.method === 'GET')).toBe(true);
    });

    it('gives up on a page whose connection keeps dropping, as a dropped connection', async () => {
        reply('drop');
        const error = await client.getAll('mailboxes?$select=name').catch((e: unknown) => e);
        expect(error).toMatchObject({ status: 0, code: 'NetworkError' });
        expect(fake.seen.length).toBeGreaterThan(1);
        expect(client.gate.inFlight).toBe(0);
    });

    it('caps the page size at 5000', async () => {
        reply(ok({ value: [] }));
        await client.getAll('x', { pageSize: 99_999 });
        expect(fake.seen[0].headers.prefer).toBe('odata.maxpagesize=5000');
    });
});

describe('DataverseHttp.batch', () => {
    it('posts a multipart body with an injected boundary and continue-on-error', async () => {
        reply(batchResponse([{ status: 204 }]));
        await client.batch([
            { method: 'PATCH', path: `mailboxes(${ID})`, body: { emailrouteraccessapproval: 1 }, ifMatch: '*' },
        ]);
        const [req] = fake.seen;
        expect(req.method).toBe('POST');
        expect(req.url).toBe('/api/data/v9.2/$batch');
        expect(req.headers['content-type']).toBe('multipart/mixed; boundary=batch_id1');
        expect(req.headers.prefer).toBe('odata.continue-on-error');
        expect(req.body).toBe(
            [
                '--batch_id1',
                'Content-Type: application/http',
                'Content-Transfer-Encoding: binary',
                '',
                `PATCH ${fake.baseUrl}/api/data/v9.2/mailboxes(${ID}) HTTP/1.1`,
                'Content-Type: application/json; type=entry',
                'If-Match: *',
                '',
                '{"emailrouteraccessapproval":1}',
                '--batch_id1--',
                '',
            ].join('\r\n'),
        );
        expect(parseBatchRequest(String(req.headers['content-type']), req.body)).toHaveLength(1);
    });

    it('returns failed parts as values and pauses the gate on a per-part 429', async () => {
        reply(
            batchResponse([
                { status: 204 },
                { status: 412, body: '{"error":{"code":"0x80060882","message":"etag"}}' },
                { status: 429, headers: { 'Retry-After': '20' } },
            ]),
        );
        const parts = await client.batch([1, 2, 3].map(() => ({ method: 'PATCH' as const, path: 'x', body: {} })));
        expect(parts.map((p) => [p.status, p.error?.code])).toEqual([
            [204, undefined],
            [412, '0x80060882'],
            [429, ''],
        ]);
        expect(client.gate.resumeAt).toBe(20_000);
    });

    it('resends a whole-batch 429 only after Retry-After', async () => {
        fake.throttleNext(5);
        reply(batchResponse([{ status: 204 }]));
        const parts = await client.batch([{ method: 'PATCH', path: 'x', body: {} }]);
        expect(parts[0].status).toBe(204);
        expect(fake.seen.map((s) => s.at)).toEqual([0, 5000]);
        expect(fake.seen[1].body).toBe(fake.seen[0].body);
    });

    it('sends nothing for an empty batch', async () => {
        expect(await client.batch([])).toEqual([]);
        expect(fake.seen).toHaveLength(0);
    });
});

describe('parseRetryAfter (http export)', () => {
    it('keeps its exported behaviour', () => expect(parseRetryAfter('3', 0)).toBe(3000));
});

describe('DataverseHttp with an injected gate', () => {
    it('uses the gate it was given', async () => {
        const gate = new RequestGate({ now: clock.now, sleep: clock.sleep });
        const c = new DataverseHttp(fake.baseUrl, (u, i) => fetch(u, i), { gate, now: clock.now, sleep: clock.sleep });
        expect(c.gate).toBe(gate);
    });
});
