/**
 * `npm run bench` (issue 6 §4, issue 17): our bulk client vs the theoretical minimum and a naive serial client,
 * against the sandbox with the real service-protection limits, in small (x-ms-dop-hint 4) and large (48)
 * environments under the default and heavy cost models; filter/sort timing of a 50,000-row list; the page's heap in
 * chromium over 50,000 mailboxes.
 * Flags: --quick (1,000, small, default; no browser)  --sizes 1000,10000  --envs small,large  --costs default,heavy
 * (their cross product instead of the default runs)  --no-browser  --json (one JSON object on the last line)
 * --clock simulated|scaled (default simulated)  --scale N  --naive-scale N (scaled clock only)  --sample N (serial
 * operations really sent per run)  --client-poll-max N. Method: bench/README.md.
 */
import { isCostModel, isEnvironment } from '../tests/sandbox/emulator';
import { DEFAULT_RUNS, QUICK_RUN, runBench, type BenchArgs, type RunSpec } from './bench';
import { formatTable } from './report';

function flag(argv: readonly string[], name: string): string | undefined {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
}

function listFlag<T extends string>(argv: readonly string[], name: string, is: (v: string) => v is T): T[] | undefined {
    const values = flag(argv, name)?.split(',');
    const bad = values?.find((v) => !is(v));
    if (bad !== undefined) throw new Error(`${name}: unknown value "${bad}"`);
    return values as T[] | undefined;
}

/** --quick: 1,000 in the small environment; --sizes/--envs/--costs: their cross product; else DEFAULT_RUNS. */
function runsFrom(argv: readonly string[]): RunSpec[] {
    if (argv.includes('--quick')) return [QUICK_RUN];
    const sizes = flag(argv, '--sizes')?.split(',').map(Number);
    const envs = listFlag(argv, '--envs', isEnvironment);
    const costs = listFlag(argv, '--costs', isCostModel);
    if (!sizes && !envs && !costs) return [...DEFAULT_RUNS];
    return (sizes ?? [1000, 10_000, 50_000]).flatMap((mailboxes) =>
        (envs ?? ['small']).flatMap((environment) =>
            (costs ?? ['default']).map((costModel) => ({ mailboxes, environment, costModel })),
        ),
    );
}

function parseArgs(argv: readonly string[]): BenchArgs {
    return {
        runs: runsFrom(argv),
        json: argv.includes('--json'),
        clock: flag(argv, '--clock') === 'scaled' ? 'scaled' : 'simulated',
        // With --clock scaled, 50: the 50,000 run needs ≥ 12 windows of 300 s (≈ 1 h emulated) → ~80–100 s real; higher scales multiply the
        // in-process CPU time (JSON, $batch parsing) into emulated time and Retry-After's 1 s floor into ≥ scale s.
        timeScale: Number(flag(argv, '--scale') ?? 50),
        // A serial client never reaches a limit, so only its per-request CPU overhead (× scale) distorts it: keep it low.
        naiveTimeScale: Number(flag(argv, '--naive-scale') ?? 10),
        sample: Number(flag(argv, '--sample') ?? 500),
        // runBulk polls for every size by default; a lower value skips its result poll above that size.
        clientPollMax: Number(flag(argv, '--client-poll-max') ?? Infinity),
        // The browser run takes minutes: on for the full bench, off with --quick or --no-browser.
        browser: !argv.includes('--quick') && !argv.includes('--no-browser'),
    };
}

async function main(): Promise<void> {
    const args = parseArgs(process.argv.slice(2));
    const out = await runBench(args, (line) => void process.stderr.write(`${line}\n`));
    process.stdout.write(`${formatTable(out)}\n`);
    if (args.json) process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
});
