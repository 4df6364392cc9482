/**
 * `npm run bench` (issue 6 §4): our bulk client vs the theoretical minimum and a naive serial client, against the
 * in-process sandbox with the real service-protection limits; plus filter/sort timing of a 50,000-row list.
 * Flags: --sizes 1000,10000  --quick (1,000 only)  --json (one JSON object on the last line)  --scale N
 * --naive-scale N  --sample N (serial operations really sent per size). Method: bench/README.md.
 */
import { DEFAULT_LIMITS } from '../tests/sandbox/emulator';
import { MAX_BATCH_OPERATIONS } from '../tests/sandbox/emulator/batch';
import { timeList, padRows } from './list-timing';
import { runNaive } from './naive';
import { minimumTimeMs, workloadFor, type LimitModel } from './optimum';
import { runOurs } from './ours';
import { formatTable, type BenchResult, type RunResult } from './report';

type Args = {
    sizes: number[];
    json: boolean;
    timeScale: number;
    naiveTimeScale: number;
    sample: number;
    clientPollMax: number;
};

function flag(argv: readonly string[], name: string): string | undefined {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
}

function parseArgs(argv: readonly string[]): Args {
    const sizes = flag(argv, '--sizes');
    return {
        sizes: argv.includes('--quick') ? [1000] : sizes ? sizes.split(',').map(Number) : [1000, 10_000, 50_000],
        json: argv.includes('--json'),
        // 50: the 50,000 run needs ≥ 12 windows of 300 s (≈ 1 h emulated) → ~80–100 s real; higher scales multiply the
        // in-process CPU time (JSON, $batch parsing) into emulated time and Retry-After's 1 s floor into ≥ scale s.
        timeScale: Number(flag(argv, '--scale') ?? 50),
        // A serial client never reaches a limit, so only its per-request CPU overhead (× scale) distorts it: keep it low.
        naiveTimeScale: Number(flag(argv, '--naive-scale') ?? 10),
        sample: Number(flag(argv, '--sample') ?? 500),
        // runBulk polls for every size by default; a lower value skips its result poll above that size.
        clientPollMax: Number(flag(argv, '--client-poll-max') ?? Infinity),
    };
}

const LIMITS: LimitModel = { ...DEFAULT_LIMITS, maxBatchOps: MAX_BATCH_OPERATIONS };
const TEST_DELAY_MS = 60_000;

async function benchSize(
    n: number,
    args: Args,
    log: (line: string) => void,
): Promise<{ result: RunResult; rows: Awaited<ReturnType<typeof runOurs>>['rows'] }> {
    log(`… ${n} mailboxes: our client`);
    const ours = await runOurs(n, {
        timeScale: args.timeScale,
        testDelayMs: TEST_DELAY_MS,
        clientPollMax: args.clientPollMax,
    });
    log(`… ${n} mailboxes: serial client`);
    const naive = await runNaive(n, { timeScale: args.naiveTimeScale, testDelayMs: TEST_DELAY_MS }, args.sample);
    const work = workloadFor(ours.counts, LIMITS.costMs);
    const optimum = minimumTimeMs(work, LIMITS);
    const atDop = minimumTimeMs(work, { ...LIMITS, maxConcurrent: DEFAULT_LIMITS.dopHint });
    const result: RunResult = {
        mailboxes: n,
        ratioToOptimum: ours.writePhaseMs / optimum.minimumMs,
        speedupVsSerial: naive.totalMs / ours.writePhaseMs,
        throttled429: ours.throttled429,
        sentInsideRetryAfter: ours.sentInsideRetryAfter,
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

async function main(): Promise<void> {
    const args = parseArgs(process.argv.slice(2));
    const log = (line: string): void => {
        process.stderr.write(`${line}\n`);
    };
    // Warm-up: JIT and the fetch stack's first connection would otherwise land in the first run's emulated time.
    await runOurs(200, { timeScale: args.timeScale, testDelayMs: TEST_DELAY_MS });
    const runs: RunResult[] = [];
    let largest: Awaited<ReturnType<typeof benchSize>>['rows'] = [];
    for (const n of args.sizes) {
        const { result, rows } = await benchSize(n, args, log);
        runs.push(result);
        if (rows.length > largest.length) largest = rows;
    }
    const list = timeList(padRows(largest, 50_000));
    const out: BenchResult = {
        runs,
        listFilterMs: list.filterMs,
        listSortMs: list.sortMs,
        listIndexMs: list.indexMs,
        listRows: list.rows,
        timeScale: args.timeScale,
        naiveTimeScale: args.naiveTimeScale,
    };
    process.stdout.write(`${formatTable(out)}\n`);
    if (args.json) process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
});
