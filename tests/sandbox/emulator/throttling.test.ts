import { PROFILE_A } from './fixture-domain';
import { json, startTestServer, type TestServer } from './test-server';

const batchOf = (n: number) =>
    `${Array.from({ length: n }, () => `--batch_A\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET emailserverprofiles(${PROFILE_A}) HTTP/1.1\r\n\r\n`).join('\r\n')}\r\n--batch_A--\r\n`;

describe('emulator service protection over HTTP', () => {
    let s: TestServer;
    afterEach(() => s.close());

    it('answers 429 0x80072322 with an integer Retry-After and flags requests sent inside it', async () => {
        s = await startTestServer({ timeScale: 100, limits: { maxRequests: 3, windowMs: 600_000 } });
        for (let i = 0; i < 3; i += 1) expect((await fetch(`${s.api}WhoAmI`)).status).toBe(200);
        const res = await fetch(`${s.api}WhoAmI`);
        expect(res.status).toBe(429);
        expect((await json(res)).error.code).toBe('0x80072322');
        const ra = res.headers.get('retry-after') ?? '';
        expect(ra).toMatch(/^\d+$/);
        expect(Number(ra)).toBeGreaterThanOrEqual(1);
        expect(Number(ra)).toBeLessThanOrEqual(6); // 600 emulated s at 100× = 6 real s
        expect((await fetch(`${s.api}WhoAmI`)).status).toBe(429);
        expect(s.emulator.requestLog().map((e) => e.insideRetryAfter)).toEqual([false, false, false, false, true]);
    });

    it('sends Retry-After in emulated seconds to a client that runs on the emulated clock', async () => {
        s = await startTestServer({
            timeScale: 100,
            clientClock: 'emulated',
            limits: { maxRequests: 3, windowMs: 600_000 },
        });
        for (let i = 0; i < 3; i += 1) expect((await fetch(`${s.api}WhoAmI`)).status).toBe(200);
        const ra = Number((await fetch(`${s.api}WhoAmI`)).headers.get('retry-after'));
        // The window's 600 emulated seconds, less the little that passed: not 6 real seconds.
        expect(ra).toBeGreaterThan(590);
        expect(ra).toBeLessThanOrEqual(600);
    });

    it('answers 429 0x80072321 once the execution-time budget is spent', async () => {
        s = await startTestServer({
            timeScale: 1,
            limits: { maxExecutionMs: 100, costMs: { read: 60, write: 60, batchPart: 0 } },
        });
        expect((await fetch(`${s.api}WhoAmI`)).status).toBe(200);
        expect((await fetch(`${s.api}WhoAmI`)).status).toBe(200);
        const res = await fetch(`${s.api}WhoAmI`);
        expect(res.status).toBe(429);
        expect((await json(res)).error.code).toBe('0x80072321');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });

    it('answers 429 0x80072326 above the concurrency limit while responses are held for their cost', async () => {
        s = await startTestServer({
            timeScale: 10,
            limits: { maxConcurrent: 2, costMs: { read: 3000, write: 3000, batchPart: 0 } },
        });
        const started = Date.now();
        const all = await Promise.all(
            [0, 1, 2].map(() =>
                fetch(`${s.api}WhoAmI`).then(async (r) => ({
                    status: r.status,
                    body: await json(r),
                    ra: r.headers.get('retry-after'),
                })),
            ),
        );
        expect(all.map((r) => r.status).sort()).toEqual([200, 200, 429]);
        const refused = all.find((r) => r.status === 429);
        expect(refused?.body.error.code).toBe('0x80072326');
        expect(refused?.ra).toBe('1');
        expect(Date.now() - started).toBeGreaterThanOrEqual(280); // 3000 emulated ms at 10× = 300 real ms
    });

    it('counts a $batch as one request but adds the cost of every part', async () => {
        s = await startTestServer({
            timeScale: 1,
            limits: { maxRequests: 2, costMs: { read: 10, write: 10, batchPart: 5 } },
        });
        const res = await fetch(`${s.api}$batch`, {
            method: 'POST',
            headers: { 'Content-Type': 'multipart/mixed; boundary=batch_A' },
            body: batchOf(5),
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('x-ms-ratelimit-burst-remaining-xrm-requests')).toBe('1');
        expect(res.headers.get('x-ms-ratelimit-time-remaining-xrm-requests')).toBe(
            ((1_200_000 - 5 * 15) / 1000).toFixed(2),
        );
        expect(res.headers.get('x-ms-dop-hint')).toMatch(/^\d+$/);
        expect((await fetch(`${s.api}WhoAmI`)).status).toBe(200);
        expect((await fetch(`${s.api}WhoAmI`)).status).toBe(429);
    });

    it('holds a response for cost / timeScale real milliseconds', async () => {
        s = await startTestServer({ timeScale: 2, limits: { costMs: { read: 600, write: 600, batchPart: 0 } } });
        const t0 = Date.now();
        await fetch(`${s.api}WhoAmI`);
        expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    });

    it('uses the real limits by default', async () => {
        s = await startTestServer();
        const cfg = await json(await fetch(`${s.url}/_emulator/config`));
        expect(cfg.limits).toMatchObject({
            windowMs: 300_000,
            maxRequests: 6000,
            maxExecutionMs: 1_200_000,
            maxConcurrent: 52,
        });
    });
});
