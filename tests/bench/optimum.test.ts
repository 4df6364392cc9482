import { cheapestMix, expectedCosts, minimumTimeMs, workloadFor, type LimitModel } from '../../bench/optimum';

const LIMITS: LimitModel = {
    windowMs: 300_000,
    maxRequests: 6_000,
    maxExecutionMs: 1_200_000,
    maxConcurrent: 52,
    costMs: { read: 50, write: 150, batchPart: 10 },
    maxBatchOps: 1000,
};

describe('cheapestMix', () => {
    it('sends every write alone when the request budget allows it', () => {
        expect(cheapestMix({ writes: 100, reads: 1, chainMs: 0 }, LIMITS, 6000)).toEqual({
            plain: 100,
            batched: 0,
            requests: 101,
            executionMs: 50 + 100 * 150,
        });
    });

    it('batches what the request budget cannot carry alone', () => {
        const mix = cheapestMix({ writes: 10_000, reads: 0, chainMs: 0 }, LIMITS, 6000);
        expect(mix).toMatchObject({ plain: 5995, batched: 4005, requests: 6000 });
    });

    it('answers undefined when even full batches need too many requests', () => {
        expect(cheapestMix({ writes: 10_000, reads: 0, chainMs: 0 }, LIMITS, 9)).toBeUndefined();
    });
});

describe('minimumTimeMs', () => {
    it('is bound by concurrency when one window holds the work', () => {
        const result = minimumTimeMs({ writes: 2000, reads: 2, chainMs: 400 }, LIMITS);
        expect(result.windows).toBe(1);
        expect(result.binding).toBe('concurrency');
        expect(result.minimumMs).toBeCloseTo((2 * 50 + 2000 * 150) / 52, 6);
    });

    it('waits whole windows when the execution budget is exceeded', () => {
        // 100,000 writes: per window ≈ 6,000 requests and 1.2 M ms → needs 13 windows.
        const result = minimumTimeMs({ writes: 100_000, reads: 11, chainMs: 400 }, LIMITS);
        expect(result.binding).toBe('window');
        expect(result.windows).toBe(13);
        const tail = (result.executionMs - 12 * 1_200_000) / 52;
        expect(result.minimumMs).toBeCloseTo(12 * 300_000 + tail, 6);
        expect(result.executionMs).toBeLessThanOrEqual(13 * 1_200_000);
    });

    it('is bound by the dependency chain for a tiny run', () => {
        expect(minimumTimeMs({ writes: 2, reads: 2, chainMs: 400 }, LIMITS)).toMatchObject({
            binding: 'chain',
            minimumMs: 400,
        });
    });

    it('is zero for no work', () => {
        expect(minimumTimeMs({ writes: 0, reads: 0, chainMs: 0 }, LIMITS).minimumMs).toBe(0);
    });

    it('never beats a batch-only client bound by execution time alone', () => {
        const result = minimumTimeMs({ writes: 50_000, reads: 0, chainMs: 0 }, LIMITS);
        const batchOnlyWindows = Math.ceil((50_000 * 160) / 1_200_000);
        expect(result.windows).toBeLessThanOrEqual(batchOnlyWindows);
    });
});

describe('workloadFor', () => {
    it('counts list pages of 5,000 and the cheaper approval re-read', () => {
        const costs = LIMITS.costMs;
        expect(workloadFor({ mailboxes: 50_000, approvals: 30_000, tests: 50_000, idsPerQuery: 50 }, costs)).toEqual({
            writes: 80_000,
            reads: 20,
            chainMs: 400,
        });
        expect(workloadFor({ mailboxes: 1000, approvals: 120, tests: 1000, idsPerQuery: 50 }, costs).reads).toBe(2);
        expect(workloadFor({ mailboxes: 1000, approvals: 0, tests: 1000, idsPerQuery: 50 }, costs)).toEqual({
            writes: 1000,
            reads: 1,
            chainMs: 200,
        });
    });
});

describe('expectedCosts', () => {
    it('keeps a fixed cost model as it is', () => {
        expect(expectedCosts({ read: 50, write: 150, batchPart: 10 })).toEqual({ read: 50, write: 150, batchPart: 10 });
    });

    it('takes the mean of a heavy write drawn as write + (writeMax − write) × r²: a third of the spread', () => {
        expect(expectedCosts({ read: 50, write: 300, writeMax: 1_500, batchPart: 10 })).toEqual({
            read: 50,
            write: 700,
            batchPart: 10,
        });
    });
});
