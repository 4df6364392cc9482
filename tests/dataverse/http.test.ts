import { DataverseError, SessionExpiredError, ThrottleStallError } from '../../src/dataverse/errors';
import { DataverseHttp, type FetchLike } from '../../src/dataverse/http';
import { startTestServer, type TestServer } from '../sandbox/emulator/test-server';
import { mailboxId as fixtureMailboxId } from '../sandbox/emulator/fixture-domain';
import { ScriptedFetch, VirtualClock, batchAnswer, errorAnswer, jsonAnswer } from './scripted-fetch';

const ID = '00000000-0000-0000-0000-000000000001';
const BASE = 'https://org.example.crm.dynamics.com';

let clock: VirtualClock;
let server: ScriptedFetch;
let client: DataverseHttp;

beforeEach(() => {
    clock = new VirtualClock();
    server = new ScriptedFetch(clock);
    let n = 0;
    client = new DataverseHttp(BASE, server.fetch, { now: clock.now, sleep: clock.sleep, newId: () => `id${++n}` });
});
afterEach(() => {
    // Every scripted answer was asked for, and nothing else was sent.
    expect(server.unused()).toEqual([]);
    expect(server.unscripted).toEqual([]);
});

const throttled = (seconds: number) =>
    errorAnswer(429, '0x80072322', 'Too many requests', { 'Retry-After': String(seconds) });
const times = () => server.sent.map((request) => request.at);
/** Let queued promise callbacks run until `condition` holds (the client awaits a few steps per request). */
async function waitFor(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 100 && !condition(); i++) await Promise.resolve();
    expect(condition()).toBe(true);
}

describe('DataverseHttp.send', () => {
    it('sends the OData headers, Prefer, If-Match and a JSON body', async () => {
        server.answer({ status: 204 });
        await client.send(`mailboxes(${ID})`, {
            method: 'PATCH',
            body: { emailrouteraccessapproval: 1 },
            ifMatch: 'W/"1"',
            prefer: ['return=minimal'],
        });
        expect(server.sent).toEqual([
            {
                method: 'PATCH',
                url: `${BASE}/api/data/v9.2/mailboxes(${ID})`,
                body: '{"emailrouteraccessapproval":1}',
                at: 0,
                // The Web API never redirects: a redirect is the sign-in flow and must not be followed.
                redirect: 'manual',
                headers: {
                    'odata-version': '4.0',
                    'odata-maxversion': '4.0',
                    accept: 'application/json',
                    'content-type': 'application/json; charset=utf-8',
                    'if-match': 'W/"1"',
                    prefer: 'return=minimal',
                    'x-requested-with': 'XMLHttpRequest',
                },
            },
        ]);
    });

    it('waits out Retry-After, sends nothing inside the window, then succeeds', async () => {
        server.answer(throttled(10), jsonAnswer(200, { value: 1 }));
        const response = await client.send<{ value: number }>('x');
        expect(response.body.value).toBe(1);
        expect(times()).toEqual([0, 10_000]);
    });

    it('holds every request behind one shared Retry-After deadline', async () => {
        server.answer(throttled(30), ...Array.from({ length: 6 }, () => jsonAnswer(200, {})));
        await Promise.all(Array.from({ length: 6 }, (_, i) => client.send(`r${i}`)));
        // The gate starts with 4 slots: 4 requests left at once; the 429's retry and the 2 that waited for a slot
        // left only once the window had passed.
        expect(times().filter((at) => at === 0)).toHaveLength(4);
        expect(times().filter((at) => at !== 0)).toEqual([30_000, 30_000, 30_000]);
    });

    it('waits through any number of 429s in a row, reads included: a 429 is an instruction to wait', async () => {
        server.answer(...Array.from({ length: 40 }, () => throttled(20)), jsonAnswer(200, { value: 1 }));
        const response = await client.send<{ value: number }>('mailboxes?$select=mailboxid');
        expect(response.body.value).toBe(1);
        expect(times()).toEqual(Array.from({ length: 41 }, (_, i) => i * 20_000));
    });

    it('stops waiting with a ThrottleStallError once nothing but 429s came back for the stall limit', async () => {
        const patient = new DataverseHttp(BASE, server.fetch, {
            now: clock.now,
            sleep: clock.sleep,
            stallLimitMs: 60_000,
        });
        server.answer(throttled(20), throttled(20), throttled(20));
        const error = await patient.send('x').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ThrottleStallError);
        expect(error).toMatchObject({ status: 429, code: '0x80072322', sinceMs: 0, retryAfterMs: 20_000 });
        // Sent at 0, 20 and 40 s; after the third wait the minute without progress was over: not sent a fourth time.
        expect(times()).toEqual([0, 20_000, 40_000]);
        expect(patient.gate.inFlight).toBe(0);
    });

    it('starts the stall clock again at every answer that got through, and when told to', async () => {
        const patient = new DataverseHttp(BASE, server.fetch, {
            now: clock.now,
            sleep: clock.sleep,
            stallLimitMs: 120_000,
        });
        // Without the reset by a's answer, b's 429s would count from 0 and pass the limit at 120 s.
        server.answer(throttled(50), jsonAnswer(200, {}), throttled(50), throttled(50), jsonAnswer(200, {}));
        await patient.send('a');
        expect(patient.stallDeadline()).toBeUndefined();
        await patient.send('b');
        expect(times()).toEqual([0, 50_000, 50_000, 100_000, 150_000]);
        server.answer(throttled(1), jsonAnswer(200, {}));
        const pending = patient.send('c');
        await waitFor(() => patient.stallDeadline() !== undefined);
        expect(patient.stallDeadline()).toBe(150_000 + 120_000);
        patient.resetStall();
        expect(patient.stallDeadline()).toBeUndefined();
        await pending;
    });

    it('returns the 429 to a caller that retries it on its own schedule (maxThrottleRetries)', async () => {
        const own = new DataverseHttp(BASE, server.fetch, {
            now: clock.now,
            sleep: clock.sleep,
            maxThrottleRetries: 1,
        });
        server.answer(throttled(1), throttled(1));
        const error = await own.send('x').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DataverseError);
        expect(error).not.toBeInstanceOf(ThrottleStallError);
        expect(error).toMatchObject({ status: 429, code: '0x80072322', retryAfterMs: 1000 });
        expect(times()).toEqual([0, 1000]);
    });

    it('surfaces 412 as a DataverseError with the Dataverse code and message', async () => {
        server.answer(errorAnswer(412, '0x80060882', 'The version of the existing record does not match.'));
        const error = await client.send('x', { method: 'PATCH', body: {}, ifMatch: 'W/"1"' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DataverseError);
        expect(error).toMatchObject({
            status: 412,
            code: '0x80060882',
            message: 'The version of the existing record does not match.',
        });
    });

    it('turns 401 into SessionExpiredError, which is a DataverseError', async () => {
        server.answer({ status: 401, headers: { 'Content-Type': 'text/html' }, body: '<html>Sign in</html>' });
        const error = await client.send('x').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SessionExpiredError);
        expect(error).toBeInstanceOf(DataverseError);
        expect(error).toMatchObject({ status: 401, code: 'SessionExpired' });
    });

    it('takes a 2xx answer whose body is not JSON (a sign-in page) as signed out, keeping its first bytes', async () => {
        const page = `<!DOCTYPE html><html><head><title>Sign in to your account</title></head>${'<p>x</p>'.repeat(100)}`;
        server.answer({ status: 200, headers: { 'Content-Type': 'text/html' }, body: page });
        const error = await client.send('x').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SessionExpiredError);
        expect(server.sent).toHaveLength(1);
        const { message } = error as DataverseError;
        expect(message).toContain('HTTP 200');
        expect(message).toContain('<!DOCTYPE html><html><head><title>Sign in to your account</title>');
        expect(message.length).toBeLessThan(300);
    });

    it('takes a redirect (to a sign-in page) as signed out and does not follow it', async () => {
        server.answer({ status: 302, headers: { Location: 'https://login.microsoftonline.com/common/oauth2' } });
        const error = await client.send('x', { method: 'PATCH', body: {} }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SessionExpiredError);
        expect((error as Error).message).toContain('HTTP 302');
        expect(server.sent).toHaveLength(1);
        expect(server.sent[0].redirect).toBe('manual');
    });

    it('takes a 4xx answer whose body is not JSON as signed out', async () => {
        server.answer({ status: 403, headers: { 'Content-Type': 'text/html' }, body: '<html>Access denied</html>' });
        await expect(client.send('x')).rejects.toBeInstanceOf(SessionExpiredError);
    });

    it('takes a plain 404 (no Web API at this path, as in pcf-start) as unreadable, not as signed out', async () => {
        server.answer({ status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'not found: /api/data/v9.2/x' });
        const error = await client.send('x').catch((e: unknown) => e);
        expect(error).not.toBeInstanceOf(SessionExpiredError);
        expect(error).toMatchObject({ status: 404, code: 'UnreadableBody' });
    });

    it('turns a 5xx answer whose body is not JSON into a DataverseError with the status and the first bytes', async () => {
        server.answer({
            status: 502,
            headers: { 'Content-Type': 'text/html' },
            body: '<html><h1>502 Bad Gateway</h1></html>',
        });
        const error = await client.send('x', { method: 'PATCH', body: {} }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DataverseError);
        expect(error).toMatchObject({
            status: 502,
            code: 'UnreadableBody',
            message: 'HTTP 502: <html><h1>502 Bad Gateway</h1></html>',
        });
    });

    it('keeps the Dataverse message of a JSON error answer', async () => {
        server.answer({
            status: 400,
            body: '{"error":{"code":"0x80044331","message":"A validation error occurred."}}',
        });
        const error = await client.send('x', { method: 'PATCH', body: {} }).catch((e: unknown) => e);
        expect(error).toMatchObject({ status: 400, code: '0x80044331', message: 'A validation error occurred.' });
    });

    it('reports a dropped write as status 0 and never sends it again (it may have been applied)', async () => {
        server.answer('drop');
        const error = await client
            .send(`mailboxes(${ID})`, { method: 'PATCH', body: { a: 1 } })
            .catch((e: unknown) => e);
        expect(error).toMatchObject({ status: 0, code: 'NetworkError' });
        expect(server.sent.map((request) => request.method)).toEqual(['PATCH']);
        expect(client.gate.inFlight).toBe(0);
    });

    it('reads again after a dropped connection, with back-off', async () => {
        server.answer('drop', jsonAnswer(200, { value: 7 }));
        expect((await client.send<{ value: number }>(`mailboxes(${ID})`)).body.value).toBe(7);
        expect(server.sent.map((request) => [request.method, request.at])).toEqual([
            ['GET', 0],
            ['GET', 1000],
        ]);
    });

    it('gives up a read whose connection keeps dropping after the bounded retries, as a dropped connection', async () => {
        server.answer('drop', 'drop', 'drop', 'drop', 'drop');
        const error = await client.send('x').catch((e: unknown) => e);
        expect(error).toMatchObject({ status: 0, code: 'NetworkError' });
        expect(times()).toEqual([0, 1000, 3000, 7000, 15_000]);
        expect(client.gate.inFlight).toBe(0);
    });

    it('reads again after a transient SQL error, three times at most, and never re-sends a write', async () => {
        const timeout = errorAnswer(500, '0x80044151', ' Sql error: SQL timeout expired.');
        server.answer(timeout, timeout, timeout, timeout);
        const error = await client.send('mailboxes').catch((e: unknown) => e);
        expect(error).toMatchObject({ status: 500, code: '0x80044151' });
        expect(times()).toEqual([0, 1000, 3000, 7000]);
        server.answer(timeout);
        await client.send('x', { method: 'PATCH', body: {} }).catch(() => undefined);
        expect(server.sent.map((request) => request.method)).toEqual(['GET', 'GET', 'GET', 'GET', 'PATCH']);
    });

    it('reads again once after an unknown server error, and not at all after a permanent one', async () => {
        server.answer(errorAnswer(500, '0x80040216', 'An unexpected error occurred.'), jsonAnswer(200, { value: 3 }));
        expect((await client.send<{ value: number }>('x')).body.value).toBe(3);
        server.answer(errorAnswer(500, '0x80040216', 'Again'), errorAnswer(500, '0x80040216', 'Again'));
        await expect(client.send('y')).rejects.toMatchObject({ code: '0x80040216' });
        server.answer(errorAnswer(400, '0x80060888', 'Could not find a property'));
        await expect(client.send('z')).rejects.toMatchObject({ status: 400 });
        expect(server.sent).toHaveLength(5);
    });

    it('retries 503 with growing back-off a bounded number of times', async () => {
        const busy = errorAnswer(503, '0x80040216', 'Service unavailable');
        server.answer(busy, busy, jsonAnswer(200, { fine: true }));
        await client.send('x');
        expect(times()).toEqual([0, 1000, 3000]);
    });

    it('lowers concurrency to the x-ms-dop-hint', async () => {
        server.answer(jsonAnswer(200, {}, { 'x-ms-dop-hint': '2' }));
        await client.send('x');
        expect(client.gate.limit).toBe(2);
    });
});

describe('DataverseHttp.getAll', () => {
    it('reads a page again after its connection dropped, with back-off', async () => {
        server.answer('drop', 'drop', jsonAnswer(200, { value: [1, 2] }));
        expect(await client.getAll<number>('mailboxes?$select=name')).toEqual([1, 2]);
        expect(server.sent.map((request) => [request.method, request.at])).toEqual([
            ['GET', 0],
            ['GET', 1000],
            ['GET', 3000],
        ]);
    });

    it('maps each page as it arrives and hands the mapped rows to onPage', async () => {
        server.answer(
            jsonAnswer(200, { value: [1, 2], '@odata.nextLink': `${BASE}/api/data/v9.2/x?page=2` }),
            jsonAnswer(200, { value: [3] }),
        );
        const pages: Array<[string[], number]> = [];
        const rows = await client.getAll<number, string>('x', {
            map: (n) => `row ${n}`,
            onPage: (page, total) => pages.push([page, total]),
        });
        expect(rows).toEqual(['row 1', 'row 2', 'row 3']);
        expect(pages).toEqual([
            [['row 1', 'row 2'], 2],
            [['row 3'], 3],
        ]);
    });

    it('caps the page size at 5000', async () => {
        server.answer(jsonAnswer(200, { value: [] }));
        await client.getAll('x', { pageSize: 99_999 });
        expect(server.sent[0].headers.prefer).toBe('odata.maxpagesize=5000');
    });
});

describe('DataverseHttp.batch', () => {
    it('posts a multipart body with an injected boundary and continue-on-error', async () => {
        server.answer(batchAnswer([{ status: 204 }]));
        await client.batch([
            { method: 'PATCH', path: `mailboxes(${ID})`, body: { emailrouteraccessapproval: 1 }, ifMatch: '*' },
        ]);
        const [request] = server.sent;
        expect(request.method).toBe('POST');
        expect(request.url).toBe(`${BASE}/api/data/v9.2/$batch`);
        expect(request.headers['content-type']).toBe('multipart/mixed; boundary=batch_id1');
        expect(request.headers.prefer).toBe('odata.continue-on-error');
        expect(request.body).toBe(
            [
                '--batch_id1',
                'Content-Type: application/http',
                'Content-Transfer-Encoding: binary',
                '',
                `PATCH ${BASE}/api/data/v9.2/mailboxes(${ID}) HTTP/1.1`,
                'Content-Type: application/json; type=entry',
                'If-Match: *',
                '',
                '{"emailrouteraccessapproval":1}',
                '--batch_id1--',
                '',
            ].join('\r\n'),
        );
    });

    it('returns failed parts as values and pauses the gate on a per-part 429', async () => {
        server.answer(
            batchAnswer([
                { status: 204 },
                { status: 412, body: { error: { code: '0x80060882', message: 'etag' } } },
                { status: 429, headers: { 'Retry-After': '20' } },
            ]),
        );
        const parts = await client.batch([1, 2, 3].map(() => ({ method: 'PATCH' as const, path: 'x', body: {} })));
        expect(parts.map((part) => [part.status, part.error?.code])).toEqual([
            [204, undefined],
            [412, '0x80060882'],
            [429, ''],
        ]);
        expect(client.gate.resumeAt).toBe(20_000);
    });

    it('resends a whole-batch 429 only after Retry-After, unchanged', async () => {
        server.answer(throttled(5), batchAnswer([{ status: 204 }]));
        const parts = await client.batch([{ method: 'PATCH', path: 'x', body: {} }]);
        expect(parts[0].status).toBe(204);
        expect(times()).toEqual([0, 5000]);
        expect(server.sent[1].body).toBe(server.sent[0].body);
    });

    it('stops waiting when every part of a batch kept being throttled for the stall limit', async () => {
        const patient = new DataverseHttp(BASE, server.fetch, { now: clock.now, sleep: clock.sleep, stallLimitMs: 1 });
        const part429 = {
            status: 429,
            headers: { 'Retry-After': '20' },
            body: { error: { code: '0x80072321', message: 'Combined execution time exceeded' } },
        };
        server.answer(batchAnswer([part429, part429]), batchAnswer([part429, part429]));
        const ops = [1, 2].map(() => ({ method: 'PATCH' as const, path: 'x', body: {} }));
        // The first all-throttled answer starts the clock; the second, 20 s later, is past the limit.
        expect((await patient.batch(ops)).map((part) => part.status)).toEqual([429, 429]);
        await clock.sleep(20_000);
        const error = await patient.batch(ops).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ThrottleStallError);
        expect(error).toMatchObject({ code: '0x80072321' });
    });

    it('takes a $batch answer that is not multipart (a sign-in page) as signed out, keeping its first bytes', async () => {
        server.answer({ status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html>Sign in</html>' });
        const error = await client.batch([{ method: 'PATCH', path: 'x', body: {} }]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SessionExpiredError);
        expect((error as DataverseError).message).toContain('<html>Sign in</html>');
    });

    it('sends nothing for an empty batch', async () => {
        expect(await client.batch([])).toEqual([]);
        expect(server.sent).toHaveLength(0);
    });
});

describe('DataverseHttp against the emulator', () => {
    let emulator: TestServer;
    const sent: Array<{ url: string; prefer: string | undefined; nextLink: string | undefined }> = [];
    // Records what the client asked and the nextLink each answer carried.
    const recording: FetchLike = async (url, init) => {
        const response = await fetch(url, init);
        const body = (await response.clone().json()) as { '@odata.nextLink'?: string };
        const prefer = (init.headers as Record<string, string>).Prefer;
        sent.push({ url, prefer, nextLink: body['@odata.nextLink'] });
        return response;
    };

    beforeAll(async () => {
        emulator = await startTestServer({ mailboxCount: 12 });
    });
    afterAll(() => emulator.close());
    beforeEach(() => {
        sent.length = 0;
    });

    it('reads every page by following @odata.nextLink as it came, with the same page size', async () => {
        const http = new DataverseHttp(emulator.url, recording);
        const rows = await http.getAll<{ mailboxid: string }>('mailboxes?$select=mailboxid&$orderby=sequence asc', {
            pageSize: 5,
        });
        expect(rows.map((row) => row.mailboxid)).toEqual(Array.from({ length: 12 }, (_, i) => fixtureMailboxId(i + 1)));
        expect(sent).toHaveLength(3);
        expect(sent.slice(1).map((request) => request.url)).toEqual(
            sent.slice(0, 2).map((request) => request.nextLink),
        );
        expect(sent.every((request) => request.prefer === 'odata.maxpagesize=5')).toBe(true);
    });

    it('returns each $batch part as the server answered it, a missing mailbox as a 404 value', async () => {
        const http = new DataverseHttp(emulator.url, (url, init) => fetch(url, init));
        const missing = '00000000-0000-4000-8000-0000ffffffff';
        const parts = await http.batch(
            [fixtureMailboxId(1), missing].map((id) => ({
                method: 'PATCH' as const,
                path: `mailboxes(${id})`,
                body: { name: 'Renamed' },
                ifMatch: '*',
            })),
        );
        expect(parts.map((part) => part.status)).toEqual([204, 404]);
        expect(parts[1].error?.code).toMatch(/^0x/);
        expect(emulator.emulator.store.get('mailboxes', fixtureMailboxId(1))?.name).toBe('Renamed');
    });
});
