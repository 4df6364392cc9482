/** Human-readable table of the bench results. */
import type { PhaseBreakdown } from './phases';

/** One size's results (emulated ms unless named otherwise). */
export type RunResult = {
    mailboxes: number;
    ratioToOptimum: number;
    speedupVsSerial: number;
    throttled429: number;
    sentInsideRetryAfter: number;
    peakMemoryMB: number;
    approvals: number;
    tests: number;
    writePhaseMs: number;
    listMs: number;
    optimumMs: number;
    optimumBinding: string;
    optimumWindows: number;
    optimumAtDopHintMs: number;
    ratioToOptimumAtDopHint: number;
    naiveMs: number;
    naiveExtrapolated: boolean;
    naiveSampledOps: number;
    testResultWaitMs: number | null;
    serverTestDoneMs: number;
    testsCompleted: number;
    requests: number;
    batches: number;
    succeeded: number;
    failed: number;
    peakHeapMB: number;
    runHeapDeltaMB: number;
    realSeconds: number;
    phases: PhaseBreakdown;
};

/** The JSON printed on the last line with --json. */
export type BenchResult = {
    runs: RunResult[];
    listFilterMs: number;
    listSortMs: number;
    listIndexMs: number;
    listRows: number;
    timeScale: number;
    naiveTimeScale: number;
};

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const x = (v: number): string => `${v.toFixed(2)}×`;

function row(cells: readonly string[], widths: readonly number[]): string {
    return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
}

/** The table, one line per size, then the list timings. */
export function formatTable(result: BenchResult): string {
    const head = [
        'mailboxes',
        'approve',
        'T&E',
        'ours',
        'optimum',
        'ratio',
        'opt@dop',
        'ratio@dop',
        'serial',
        'speedup',
        '429',
        'inRA',
        'RSS MB',
        'srv tests',
        'our poll',
    ];
    const lines = result.runs.map((r) => [
        String(r.mailboxes),
        String(r.approvals),
        String(r.tests),
        s(r.writePhaseMs),
        `${s(r.optimumMs)} ${r.optimumBinding[0]}${r.optimumWindows}`,
        x(r.ratioToOptimum),
        s(r.optimumAtDopHintMs),
        x(r.ratioToOptimumAtDopHint),
        `${s(r.naiveMs)}${r.naiveExtrapolated ? '*' : ''}`,
        x(r.speedupVsSerial),
        String(r.throttled429),
        String(r.sentInsideRetryAfter),
        r.peakMemoryMB.toFixed(0),
        s(r.serverTestDoneMs),
        r.testResultWaitMs === null ? 'skipped' : s(r.testResultWaitMs),
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    return [
        `Emulated time, timeScale ${result.timeScale} (serial client: ${result.naiveTimeScale}); real service-protection limits.`,
        row(head, widths),
        ...lines.map((l) => row(l, widths)),
        'ours = first list GET → last $batch answer; optimum: c = concurrency-bound, wN = N window loads; opt@dop = same',
        'bound at x-ms-dop-hint parallelism; * = serial time extrapolated from a sample; srv tests = last $batch → last server-side test',
        'completion; our poll = last $batch → the last result poll of runBulk.',
        ...result.runs.map(
            (r) =>
                `${r.mailboxes}: list ${s(r.phases.listMs)} (${r.phases.listRequests} GETs) · writes ${s(r.phases.writeMs)} ` +
                `(${r.phases.batches} $batch, ${r.phases.rereadRequests} re-read GETs) · parallelism used ${r.phases.meanParallel.toFixed(2)} · ` +
                `server time: cost model ${s(r.phases.costMs)}, observed ${s(r.phases.busyMs)}`,
        ),
        `List of ${result.listRows} rows (median real ms): index ${result.listIndexMs.toFixed(1)}, filter ${result.listFilterMs.toFixed(2)}, sort ${result.listSortMs.toFixed(1)}.`,
    ].join('\n');
}
