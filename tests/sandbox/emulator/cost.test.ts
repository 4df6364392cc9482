import { COST_MODELS, DEFAULT_LIMITS, ENVIRONMENTS } from './index';
import { mailboxId } from './fixture-domain';
import { startTestServer, type TestServer } from './test-server';

const patch = (s: TestServer, n: number) =>
    fetch(`${s.api}mailboxes(${mailboxId(n)})`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'If-Match': '*' },
        body: JSON.stringify({ sequence: n }),
    });

const batchOfPatches = (ids: number[]) =>
    `${ids
        .map(
            (n) =>
                `--batch_C\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nPATCH mailboxes(${mailboxId(n)}) HTTP/1.1\r\nContent-Type: application/json; type=entry\r\nIf-Match: *\r\n\r\n{"sequence":${n}}`,
        )
        .join('\r\n')}\r\n--batch_C--\r\n`;

describe('emulator cost model and environment size', () => {
    let s: TestServer;
    afterEach(() => s.close());

    it('advertises x-ms-dop-hint 4 by default and 48 for a large environment, with the same real limits', async () => {
        expect(DEFAULT_LIMITS.dopHint).toBe(ENVIRONMENTS.small.dopHint);
        s = await startTestServer();
        expect((await fetch(`${s.api}WhoAmI`)).headers.get('x-ms-dop-hint')).toBe('4');
        s.emulator.setLimits(ENVIRONMENTS.large);
        const res = await fetch(`${s.api}WhoAmI`);
        expect(res.headers.get('x-ms-dop-hint')).toBe('48');
        expect(Number(res.headers.get('x-ms-ratelimit-burst-remaining-xrm-requests'))).toBe(6000 - 2);
    });

    it('charges every write of the heavy model 300–1,500 ms with a spread, and holds the answer that long', async () => {
        s = await startTestServer({ timeScale: 100, limits: { costMs: COST_MODELS.heavy } });
        for (let n = 1; n <= 12; n += 1) expect((await patch(s, n)).status).toBe(204);
        const costs = s.emulator.requestLog().map((e) => e.costMs ?? -1);
        expect(costs.every((c) => c >= 300 && c <= 1500)).toBe(true);
        expect(new Set(costs).size).toBeGreaterThan(6);
        for (const e of s.emulator.requestLog()) expect(e.endedMs - e.startedMs).toBeGreaterThanOrEqual(300);
    });

    it('charges reads the fixed read cost under the heavy model', async () => {
        s = await startTestServer({ timeScale: 100, limits: { costMs: COST_MODELS.heavy } });
        await fetch(`${s.api}mailboxes?$select=name`);
        expect(s.emulator.requestLog()[0].costMs).toBe(50);
    });

    it('charges a $batch the sum of its parts plus batchPart each, and counts it in the time remaining', async () => {
        s = await startTestServer({ timeScale: 100, limits: { costMs: COST_MODELS.heavy } });
        const res = await fetch(`${s.api}$batch`, {
            method: 'POST',
            headers: { 'Content-Type': 'multipart/mixed; boundary=batch_C' },
            body: batchOfPatches([1, 2, 3, 4, 5]),
        });
        expect(res.status).toBe(200);
        const charged = s.emulator.requestLog()[0].costMs ?? 0;
        expect(charged).toBeGreaterThanOrEqual(5 * (300 + 10));
        expect(charged).toBeLessThanOrEqual(5 * (1500 + 10));
        const remaining = (await fetch(`${s.api}WhoAmI`)).headers.get('x-ms-ratelimit-time-remaining-xrm-requests');
        expect(Number(remaining)).toBeCloseTo((1_200_000 - charged - 50) / 1000, 2);
    });

    it('draws the same heavy costs for the same seed', async () => {
        const run = async (seed: number) => {
            const t = await startTestServer({ seed, timeScale: 1000, limits: { costMs: COST_MODELS.heavy } });
            for (let n = 1; n <= 5; n += 1) await patch(t, n);
            const costs = t.emulator.requestLog().map((e) => e.costMs);
            await t.close();
            return costs;
        };
        s = await startTestServer();
        expect(await run(3)).toEqual(await run(3));
    });
});
