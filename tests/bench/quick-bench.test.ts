/**
 * The quick bench (`npm run bench -- --quick`) as part of `npm test`: 1,000 mailboxes in the small environment, in
 * simulated time, so its figures are exact and the same on any machine (the full bench is run by hand).
 */
import { QUICK_RUN, runBench } from '../../bench/bench';

describe('the quick bench', () => {
    it('reports every figure, sends nothing inside a Retry-After and stays within 1.10× of the minimum', async () => {
        const result = await runBench(
            {
                runs: [QUICK_RUN],
                clock: 'simulated',
                json: true,
                timeScale: 1,
                naiveTimeScale: 1,
                sample: 100,
                clientPollMax: Infinity,
                browser: false,
            },
            () => undefined,
        );
        expect(result.runs).toHaveLength(1);
        const [run] = result.runs;
        expect(run).toMatchObject({
            mailboxes: 1000,
            dopHint: 4,
            costModel: 'default',
            sentInsideRetryAfter: 0,
            browserHeapMB: null,
        });
        expect(run.refusedWrites === 0 || run.refusedWritesResentOnce).toBe(true);
        expect(run.ratioToOptimumAtDopHint).toBeLessThanOrEqual(1.1);
        // Every tested mailbox ended with its own result; none was given up as throttled.
        expect(run.succeeded + run.failed).toBe(run.tests);
        expect(run.failedByCause.throttled).toBeUndefined();
        expect(result.browser).toBeNull();
    });
});
