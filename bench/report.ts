/** Human-readable table of the bench results. */
import type { BrowserHeap } from './browser-heap';
import type { PhaseBreakdown } from './phases';

/** One size's results (emulated ms unless named otherwise). */
export type RunResult = {
    mailboxes: number;
    /** x-ms-dop-hint the sandbox advertised: 4 (small environment) or 48 (large). */
    dopHint: number;
    /** The sandbox's cost model. */
    costModel: 'default' | 'heavy';
    ratioToOptimum: number;
    speedupVsSerial: number;
    throttled429: number;
    sentInsideRetryAfter: number;
    /** Writes (parts or lone writes) refused with 429, per refusal. */
    refusedWrites: number;
    /** Every refused write was sent exactly once more than it was refused. */
    refusedWritesResentOnce: boolean;
    /** Failed mailboxes by cause. */
    failedByCause: Record<string, number>;
    /** Peak JS heap of the page in chromium (MB), on the run the browser run stands beside; null on the others. */
    browserHeapMB: number | null;
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
    /** Sorting by the same column again (its ranks reused). */
    listResortMs: number;
    listIndexMs: number;
    listRows: number;
    /** The browser run, or null when it was skipped (--quick, --no-browser). */
    browser: BrowserHeap | null;
    /** 'simulated': one fake clock for client and emulator, CPU costs no emulated time; 'scaled': real time × timeScale. */
    clock: 'simulated' | 'scaled';
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
        'dop',
        'cost',
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
        'resent',
        'RSS MB',
        'srv tests',
        'our poll',
    ];
    const lines = result.runs.map((r) => [
        String(r.mailboxes),
        String(r.dopHint),
        r.costModel,
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
        r.refusedWrites === 0 ? '-' : r.refusedWritesResentOnce ? 'once' : 'NOT once',
        r.peakMemoryMB.toFixed(0),
        s(r.serverTestDoneMs),
        r.testResultWaitMs === null ? 'skipped' : s(r.testResultWaitMs),
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    return [
        result.clock === 'simulated'
            ? 'Simulated time (client and emulator on one fake clock; CPU costs no emulated time); real service-protection limits.'
            : `Emulated time, timeScale ${result.timeScale} (serial client: ${result.naiveTimeScale}); real service-protection limits.`,
        row(head, widths),
        ...lines.map((l) => row(l, widths)),
        'ours = first list GET → last write answered; optimum: c = concurrency-bound, wN = N window loads; opt@dop = same',
        'bound at x-ms-dop-hint parallelism; * = serial time extrapolated from a sample; inRA = sent inside a Retry-After;',
        'resent = each write refused with 429 sent again exactly once; srv tests = last write → last server-side test',
        'completion; our poll = last write → the last result poll of runBulk.',
        ...result.runs.map(
            (r) =>
                `${r.mailboxes}/${r.dopHint}/${r.costModel}: list ${s(r.phases.listMs)} (${r.phases.listRequests} GETs) · writes ${s(r.phases.writeMs)} ` +
                `(${r.phases.plainWrites} PATCH, ${r.phases.batches} $batch, ${r.phases.rereadRequests} re-read GETs) · parallelism used ${r.phases.meanParallel.toFixed(2)} · ` +
                `server time: charged ${s(r.phases.costMs)}, observed ${s(r.phases.busyMs)}`,
        ),
        `List of ${result.listRows} rows (median real ms): index ${result.listIndexMs.toFixed(1)}, filter ${result.listFilterMs.toFixed(2)}, sort ${result.listSortMs.toFixed(1)}, re-sort ${result.listResortMs.toFixed(1)}.`,
        result.browser
            ? `Chromium, ${result.browser.mailboxes} mailboxes, approve + test: the page's JS heap peaked at ` +
              `${result.browser.peakHeapMB.toFixed(1)} MB (${result.browser.listLoadedHeapMB.toFixed(1)} MB with the list loaded).`
            : 'Chromium run skipped.',
    ].join('\n');
}
