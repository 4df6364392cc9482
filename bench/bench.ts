/**
 * The bench itself (issue 6 §4, issue 17): for each run — a number of mailboxes, an environment size (x-ms-dop-hint 4
 * or 48) and a cost model — our bulk client against the sandbox with the real service-protection limits, the
 * theoretical minimum and a naive serial client; then filter/sort timing of a 50,000-row list and, optionally, the
 * page's heap in chromium over 50,000 mailboxes. `run.ts` is its command line. Method: bench/README.md.
 */
import {
    COST_MODELS,
    DEFAULT_LIMITS,
    ENVIRONMENTS,
    type CostModelName,
    type EnvironmentName,
} from '../tests/sandbox/emulator';
import { MAX_BATCH_OPERATIONS } from '../tests/sandbox/emulator/batch';
import { measureBrowserHeap, type BrowserHeap } from './browser-heap';
import { timeList, padRows } from './list-timing';
import { runNaive, type NaiveRun } from './naive';
import { expectedCosts, minimumTimeMs, workloadFor, type LimitModel } from './optimum';
import { runOurs } from './ours';
import type { BenchResult, RunResult } from './report';

/** One run of the bench: how many mailboxes, in which environment, under which cost model. */
export type RunSpec = { mailboxes: number; environment: EnvironmentName; costModel: CostModelName };

/**
 * The full bench: the small environment at every size, the large one where the execution-time limit binds, and the
 * heavy cost model in both.
 */
export const DEFAULT_RUNS: readonly RunSpec[] = [
    { mailboxes: 1000, environment: 'small', costModel: 'default' },
    ...[10_000, 50_000].flatMap((mailboxes) =>
        (['small', 'large'] as const).flatMap((environment) =>
            (['default', 'heavy'] as const).map((costModel) => ({ mailboxes, environment, costModel })),
        ),
    ),
];

/** The run `npm run bench -- --quick` makes (and the unit tests): 1,000 mailboxes, small environment. */
export const QUICK_RUN: RunSpec = { mailboxes: 1000, environment: 'small', costModel: 'default' };

/** Mailboxes of the browser run (one per bench, small environment, default costs). */
export const BROWSER_MAILBOXES = 50_000;

/** What to run and how. */
export type BenchArgs = {
    runs: RunSpec[];
    clock: 'simulated' | 'scaled';
    json: boolean;
    timeScale: number;
    naiveTimeScale: number;
    sample: number;
    clientPollMax: number;
    /** Measure the page's heap in chromium over BROWSER_MAILBOXES (needs /usr/bin/chromium and the bundle). */
    browser: boolean;
};

const TEST_DELAY_MS = 60_000;

/** The real limits with the cost model's expected costs (the bound of a heavy run uses the mean write). */
function limitsFor(costModel: CostModelName): LimitModel {
    return { ...DEFAULT_LIMITS, costMs: expectedCosts(COST_MODELS[costModel]), maxBatchOps: MAX_BATCH_OPERATIONS };
}

/** The serial client does not care about the parallelism hint: one measurement per size and cost model. */
const naiveRuns = new Map<string, NaiveRun>();

async function serialRun(spec: RunSpec, args: BenchArgs): Promise<NaiveRun> {
    const key = `${spec.mailboxes}/${spec.costModel}`;
    const known = naiveRuns.get(key);
    if (known) return known;
    const settings = {
        clock: args.clock,
        timeScale: args.naiveTimeScale,
        testDelayMs: TEST_DELAY_MS,
        costModel: spec.costModel,
    };
    const naive = await runNaive(spec.mailboxes, settings, args.sample);
    naiveRuns.set(key, naive);
    return naive;
}

async function benchRun(
    spec: RunSpec,
    args: BenchArgs,
    log: (line: string) => void,
): Promise<{ result: RunResult; rows: Awaited<ReturnType<typeof runOurs>>['rows'] }> {
    const n = spec.mailboxes;
    const label = `${n} mailboxes, ${spec.environment} environment, ${spec.costModel} costs`;
    log(`… ${label}: our client`);
    const ours = await runOurs(n, {
        clock: args.clock,
        timeScale: args.timeScale,
        testDelayMs: TEST_DELAY_MS,
        clientPollMax: args.clientPollMax,
        environment: spec.environment,
        costModel: spec.costModel,
    });
    log(`… ${label}: serial client`);
    const naive = await serialRun(spec, args);
    const limits = limitsFor(spec.costModel);
    const dopHint = ENVIRONMENTS[spec.environment].dopHint;
    const work = workloadFor(ours.counts, limits.costMs);
    const optimum = minimumTimeMs(work, limits);
    const atDop = minimumTimeMs(work, { ...limits, maxConcurrent: dopHint });
    const result: RunResult = {
        mailboxes: n,
        dopHint,
        costModel: spec.costModel,
        ratioToOptimum: ours.writePhaseMs / optimum.minimumMs,
        speedupVsSerial: naive.totalMs / ours.writePhaseMs,
        throttled429: ours.throttled429,
        sentInsideRetryAfter: ours.sentInsideRetryAfter,
        refusedWrites: ours.writes.refusedWrites,
        refusedWritesResentOnce: ours.writes.refusedWritesResentOnce,
        failedByCause: ours.failedByCause,
        browserHeapMB: null,
        peakMemoryMB: ours.peakRssMB,
        approvals: ours.counts.approvals,
        tests: ours.counts.tests,
        writePhaseMs: ours.writePhaseMs,
        listMs: ours.listMs,
        optimumMs: optimum.minimumMs,
        optimumBinding: optimum.binding === 'window' ? 'window' : optimum.binding,
        optimumWindows: optimum.windows,
        optimumAtDopHintMs: atDop.minimumMs,
        ratioToOptimumAtDopHint: ours.writePhaseMs / atDop.minimumMs,
        naiveMs: naive.totalMs,
        naiveExtrapolated: naive.extrapolated,
        naiveSampledOps: naive.sampledOps,
        testResultWaitMs: ours.testResultWaitMs,
        serverTestDoneMs: ours.serverTestDoneMs,
        testsCompleted: ours.testsCompleted,
        requests: ours.requests,
        batches: ours.batches,
        succeeded: ours.succeeded,
        failed: ours.failed,
        peakHeapMB: ours.peakHeapMB,
        runHeapDeltaMB: ours.runHeapDeltaMB,
        realSeconds: ours.realSeconds,
        phases: ours.phases,
    };
    log(
        `  ours ${(ours.writePhaseMs / 1000).toFixed(1)} s, optimum ${(optimum.minimumMs / 1000).toFixed(1)} s, ` +
            `serial ${(naive.totalMs / 1000).toFixed(1)} s, 429s ${ours.throttled429}, real ${ours.realSeconds.toFixed(1)} s`,
    );
    return { result, rows: ours.rows };
}

/** Attach the browser run's peak heap to the run it stands beside: the same size, small environment, default costs. */
function withBrowserHeap(runs: RunResult[], browser: BrowserHeap): RunResult[] {
    return runs.map((run) =>
        run.mailboxes === browser.mailboxes && run.dopHint === ENVIRONMENTS.small.dopHint && run.costModel === 'default'
            ? { ...run, browserHeapMB: browser.peakHeapMB }
            : run,
    );
}

/** Every run of `args`, the list timing and (with args.browser) the browser run. */
export async function runBench(args: BenchArgs, log: (line: string) => void): Promise<BenchResult> {
    // Warm-up: JIT would otherwise land in the first run (in real seconds; with --clock scaled, in emulated time too).
    await runOurs(200, { clock: args.clock, timeScale: args.timeScale, testDelayMs: TEST_DELAY_MS });
    let runs: RunResult[] = [];
    let largest: Awaited<ReturnType<typeof benchRun>>['rows'] = [];
    for (const spec of args.runs) {
        const { result, rows } = await benchRun(spec, args, log);
        runs.push(result);
        if (rows.length > largest.length) largest = rows;
    }
    const list = timeList(padRows(largest, 50_000));
    let browser: BrowserHeap | null = null;
    if (args.browser) {
        log(`… ${BROWSER_MAILBOXES} mailboxes in chromium: the page's heap`);
        browser = await measureBrowserHeap(BROWSER_MAILBOXES);
        runs = withBrowserHeap(runs, browser);
    }
    return {
        runs,
        listFilterMs: list.filterMs,
        listSortMs: list.sortMs,
        listResortMs: list.resortMs,
        listIndexMs: list.indexMs,
        listRows: list.rows,
        browser,
        clock: args.clock,
        timeScale: args.clock === 'scaled' ? args.timeScale : 1,
        naiveTimeScale: args.clock === 'scaled' ? args.naiveTimeScale : 1,
    };
}
