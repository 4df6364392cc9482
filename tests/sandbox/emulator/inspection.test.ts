import { ADMIN, mailboxId, NOOP_USER, PROFILE_A, PROFILE_B } from './fixture-domain';
import { EPOCH_MS } from './index';
import { json, startTestServer, type TestServer } from './test-server';

describe('emulator inspection API', () => {
    let s: TestServer;
    beforeEach(async () => {
        s = await startTestServer();
    });
    afterEach(() => s.close());

    const post = (path: string, body?: unknown) =>
        fetch(`${s.url}/_emulator/${path}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
        });

    it('lists its endpoints at its root, the address the sandbox prints', async () => {
        const res = await fetch(`${s.url}/_emulator/`);
        expect(res.status).toBe(200);
        const { endpoints } = await json(res);
        expect(endpoints).toEqual(expect.arrayContaining([expect.stringMatching(/^GET requests/)]));
        expect(endpoints).toHaveLength(5);
    });

    it('shows state with a __set flag instead of write-only values', async () => {
        const res = await fetch(`${s.url}/_emulator/state/emailserverprofiles`);
        const text = await res.text();
        expect(text).not.toContain('s3cr3t');
        const rows = JSON.parse(text).value;
        expect(rows.find((r: any) => r.emailserverprofileid === PROFILE_A)).toMatchObject({
            oauthclientsecret__set: true,
        });
        expect(rows.find((r: any) => r.emailserverprofileid === PROFILE_B)).toMatchObject({
            oauthclientsecret__set: false,
        });
        expect(rows[0]).not.toHaveProperty('oauthclientsecret');
    });

    it('logs Web API requests with emulated timings', async () => {
        await fetch(`${s.api}mailboxes?$top=1`);
        const log = (await json(await fetch(`${s.url}/_emulator/requests`))).value;
        expect(log).toEqual([
            {
                method: 'GET',
                path: '/api/data/v9.2/mailboxes?$top=1',
                status: 200,
                startedMs: expect.any(Number),
                endedMs: expect.any(Number),
                operations: 1,
                insideRetryAfter: false,
                costMs: 1,
            },
        ]);
        expect(log[0].startedMs).toBeGreaterThanOrEqual(EPOCH_MS);
        expect(log[0].endedMs).toBeGreaterThanOrEqual(log[0].startedMs);
    });

    it('applies config: faults, limits, timeScale and user', async () => {
        const cfg = await json(
            await post('config', {
                faults: { latencyMs: 5 },
                limits: { maxRequests: 10 },
                timeScale: 50,
                userId: NOOP_USER,
            }),
        );
        expect(cfg).toMatchObject({
            faults: { latencyMs: 5 },
            limits: { maxRequests: 10, maxConcurrent: 52 },
            timeScale: 50,
            userId: NOOP_USER,
        });
        expect((await json(await fetch(`${s.api}WhoAmI`))).UserId).toBe(NOOP_USER);
        expect((await post('config', { userId: 'nobody' })).status).toBe(400);
    });

    it('resets data, log and throttling', async () => {
        await fetch(`${s.api}mailboxes(${mailboxId(1)})`, { method: 'DELETE' });
        expect(s.emulator.store.get('mailboxes', mailboxId(1))).toBeUndefined();
        expect((await post('reset')).status).toBe(204);
        expect(s.emulator.store.get('mailboxes', mailboxId(1))?.name).toBe('Mailbox 00001');
        expect(s.emulator.requestLog()).toEqual([]);
        expect((await json(await fetch(`${s.api}WhoAmI`))).UserId).toBe(ADMIN);
    });

    it('answers 404 for an unknown inspection path but still handles it', async () => {
        const res = await fetch(`${s.url}/_emulator/nope`);
        expect(res.status).toBe(404);
        expect((await json(res)).error).toContain('/_emulator/nope');
    });
});

describe('emulator clock and domain tick', () => {
    it('runs emulated time timeScale× faster from the fixed epoch and ticks the domain', async () => {
        const s = await startTestServer({ timeScale: 100 });
        // Bounds from the real time measured around each reading, not from how late the sleep wakes on a busy machine.
        const outerStart = performance.now();
        const t0 = s.emulator.now();
        const innerStart = performance.now();
        expect(t0).toBeGreaterThanOrEqual(EPOCH_MS);
        expect(t0).toBeLessThan(EPOCH_MS + 60_000);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const innerEnd = performance.now();
        const elapsed = s.emulator.now() - t0;
        const outerEnd = performance.now();
        // 1 emulated ms of slack for floating-point rounding at this epoch's magnitude.
        expect(elapsed).toBeGreaterThanOrEqual((innerEnd - innerStart) * 100 - 1);
        expect(elapsed).toBeLessThanOrEqual((outerEnd - outerStart) * 100 + 1);
        expect(elapsed).toBeGreaterThanOrEqual(25_000);
        expect(s.domain.ticks.length).toBeGreaterThan(0); // background timer
        const before = s.domain.ticks.length;
        await fetch(`${s.api}WhoAmI`);
        expect(s.domain.ticks.length).toBeGreaterThan(before); // before each request
        const ticks = s.domain.ticks;
        expect(ticks.every((t, i) => i === 0 || t >= ticks[i - 1])).toBe(true);
        await s.close();
    });

    it('stamps modifiedon in emulated time', async () => {
        const s = await startTestServer({ timeScale: 1 });
        const row = s.emulator.store.upsert('mailboxes', mailboxId(1), { sequence: 3 });
        expect(Date.parse(String(row.modifiedon)) - EPOCH_MS).toBeLessThan(10_000);
        await s.close();
    });
});
