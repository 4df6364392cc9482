import { createProtection, DEFAULT_LIMITS } from './protection';
import type { Limits } from './contract';

const U = 'user';
const limits = (l: Partial<Limits>): Limits => ({ ...DEFAULT_LIMITS, windowMs: 10_000, ...l });
const retryAfter = (r: { headers: Record<string, string> } | undefined) => Number(r?.headers['Retry-After']);
const code = (r: { body?: unknown } | undefined) => (r?.body as { error: { code: string } } | undefined)?.error.code;

describe('service protection', () => {
    it('defaults to the real limits of dataverse.md §9', () => {
        expect(DEFAULT_LIMITS).toMatchObject({
            windowMs: 300_000,
            maxRequests: 6000,
            maxExecutionMs: 1_200_000,
            maxConcurrent: 52,
        });
    });

    it('refuses the request over the limit with 0x80072322 and the time until the window slides', () => {
        const p = createProtection(
            () => limits({ maxRequests: 2 }),
            (ms) => ms,
        );
        expect(p.admit(U, 0, 1)).toBeUndefined();
        expect(p.admit(U, 1000, 1)).toBeUndefined();
        const r = p.admit(U, 2000, 1);
        expect(r?.status).toBe(429);
        expect(code(r)).toBe('0x80072322');
        expect((r?.body as any).error.message).toBe(
            'Number of requests exceeded the limit of 2 over time window of 10 seconds.',
        );
        // The entry at t=1000 (and the refused one itself) must slide out: 1000 + 10000 − 2000 = 9 s.
        expect(retryAfter(r)).toBe(9);
    });

    it('lets a patient client back in after Retry-After but keeps pushing clients out longer', () => {
        const patient = createProtection(
            () => limits({ maxRequests: 2 }),
            (ms) => ms,
        );
        const pushing = createProtection(
            () => limits({ maxRequests: 2 }),
            (ms) => ms,
        );
        for (const p of [patient, pushing]) {
            p.admit(U, 0, 1);
            p.admit(U, 1000, 1);
            expect(p.admit(U, 2000, 1)?.status).toBe(429);
        }
        for (let t = 3000; t <= 10_000; t += 1000) pushing.admit(U, t, 1);
        expect(patient.admit(U, 11_000, 1)).toBeUndefined();
        const still = pushing.admit(U, 11_000, 1);
        expect(still?.status).toBe(429);
        expect(retryAfter(still)).toBeGreaterThan(1);
    });

    it('refuses over the execution-time budget with 0x80072321 and its real message', () => {
        const p = createProtection(
            () => limits({ maxExecutionMs: 1000 }),
            (ms) => ms,
        );
        expect(p.admit(U, 0, 600)).toBeUndefined();
        expect(p.admit(U, 1000, 600)).toBeUndefined();
        const r = p.admit(U, 2000, 10);
        expect(code(r)).toBe('0x80072321');
        expect((r?.body as any).error.message).toBe(
            'Combined execution time of incoming requests exceeded limit of 1,000 milliseconds over time window of 10 seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.',
        );
        // Once the t=0 request (600 ms) slides out, 600 < 1000: 0 + 10000 − 2000 = 8 s.
        expect(retryAfter(r)).toBe(8);
    });

    it('refuses above the concurrency limit immediately with 0x80072326 until a request ends', () => {
        const p = createProtection(
            () => limits({ maxConcurrent: 2 }),
            (ms) => ms,
        );
        p.admit(U, 0, 1);
        p.admit(U, 0, 1);
        const r = p.admit(U, 0, 1);
        expect(code(r)).toBe('0x80072326');
        expect((r?.body as any).error.message).toBe('Number of concurrent requests exceeded the limit of 2.');
        expect(retryAfter(r)).toBe(1);
        p.release(U);
        expect(p.admit(U, 0, 1)).toBeUndefined();
    });

    it('reports Retry-After in real seconds, rounded up, under a scaled clock', () => {
        const p = createProtection(
            () => limits({ maxRequests: 1, windowMs: 300_000 }),
            (ms) => ms / 100,
        );
        p.admit(U, 0, 1);
        const r = p.admit(U, 0, 1);
        expect(retryAfter(r)).toBe(3); // 300 emulated s at 100× = 3 real s
        expect(p.insideRetryAfter(U, 299_999)).toBe(true);
        expect(p.insideRetryAfter(U, 300_000)).toBe(false);
    });

    it('keeps users apart', () => {
        const p = createProtection(
            () => limits({ maxRequests: 1 }),
            (ms) => ms,
        );
        p.admit('a', 0, 1);
        expect(p.admit('a', 0, 1)?.status).toBe(429);
        expect(p.admit('b', 0, 1)).toBeUndefined();
    });
});
