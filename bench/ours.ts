/** Our client (DataverseHttp + planRun + runBulk) against a sandbox with the real service-protection limits. */
import type { CostModelName, EnvironmentName } from '../tests/sandbox/emulator';
import { DataverseHttp, realSleep, type FetchLike } from '../src/dataverse/http';
import type { Clock, Sleep } from '../src/core/scheduler/gate';
import { runBulk } from '../src/dataverse/executor';
import { createRunGateway } from '../src/dataverse/run-gateway';
import { IDS_PER_QUERY, listMailboxes } from '../src/dataverse/mailboxes';
import { planRun } from '../src/core/run/planner';
import type { MailboxRow } from '../src/core/run/types';
import type { Emulator, RequestLogEntry } from '../tests/sandbox/emulator/contract';
import type { Sandbox } from '../tests/sandbox/server';
import { BENCH_PROFILE, startBenchSandbox } from './sandbox';
import { heapUsedMB, sampleMemory } from './memory';
import { isWrite, phaseBreakdown, type PhaseBreakdown } from './phases';
import type { RunCounts } from './optimum';
import { scaledTime } from './scaled-time';
import { tallyWrites, type WriteTally } from './write-tally';
import { directFetch, installSimulatedTime, realSeconds } from '../tests/sandbox/simulated-time';

/** Settings shared by every sandbox of the bench. */
export type BenchSettings = {
    /**
     * 'simulated' (default): client and emulator on one fake clock that advances only while both wait, so CPU costs
     * no emulated time (virtual-time.ts). 'scaled': real sockets and timers, `timeScale`× faster (scaled-time.ts).
     */
    clock?: 'simulated' | 'scaled';
    timeScale: number;
    testDelayMs: number;
    /** Let runBulk poll for test results itself only up to this many mailboxes (polling 50,000 in-process is CPU-bound here). */
    clientPollMax?: number;
    /** Environment size: x-ms-dop-hint 4 ('small', the default) or 48 ('large'). */
    environment?: EnvironmentName;
    /** Cost model: 'default' or 'heavy' (writes 300–1,500 ms). */
    costModel?: CostModelName;
};

/** What one run of our client measured (emulated ms unless named otherwise). */
export type OurRun = {
    counts: RunCounts;
    /** First list GET start → last write end (list + approve + re-read + Test & Enable scheduling). */
    writePhaseMs: number;
    listMs: number;
    /** Last write end → last test result read by runBulk's polls; null when its polling was skipped. */
    testResultWaitMs: number | null;
    /** Last write end → the last testmailboxaccesscompletedon the server wrote (the server's own time). */
    serverTestDoneMs: number;
    /** Mailboxes whose test completed after the plan was made. */
    testsCompleted: number;
    requests: number;
    batches: number;
    throttled429: number;
    sentInsideRetryAfter: number;
    /** Writes refused with 429 and whether each was sent again exactly once. */
    writes: WriteTally;
    succeeded: number;
    failed: number;
    /** Failed mailboxes by cause (the seeded test failures; 'throttled' would mean the run gave up on one). */
    failedByCause: Record<string, number>;
    peakRssMB: number;
    peakHeapMB: number;
    /** Peak heapUsed minus heapUsed after the seeded sandbox started: client + emulator working set during the run. */
    runHeapDeltaMB: number;
    realSeconds: number;
    phases: PhaseBreakdown;
    rows: MailboxRow[];
};

const PROFILE = BENCH_PROFILE;

function phaseTimes(log: readonly RequestLogEntry[]): {
    start: number;
    firstWrite: number;
    lastWriteEnd: number;
    end: number;
} {
    const writes = log.filter(isWrite);
    const start = log.reduce((min, e) => Math.min(min, e.startedMs), Infinity);
    const firstWrite = writes.reduce((min, e) => Math.min(min, e.startedMs), Infinity);
    const lastWriteEnd = writes.reduce((max, e) => Math.max(max, e.endedMs), start);
    const end = log.reduce((max, e) => Math.max(max, e.endedMs), start);
    return { start, firstWrite: Math.min(firstWrite, end), lastWriteEnd, end };
}

/** The client's clock, sleep and fetch. */
type ClientTime = { now: Clock; sleep: Sleep; fetch: FetchLike };

/** Simulated time: the faked global clock and timers, and a fetch that calls the emulator directly. */
function simulatedTime(sandbox: Sandbox): ClientTime {
    return { now: () => Date.now(), sleep: realSleep, fetch: directFetch(sandbox.emulator.handle, sandbox.url) };
}

/** Wait until every queued test is due (testDelayMs + 25 % jitter), then read completion times from the store. */
async function serverCompletions(
    emulator: Emulator,
    since: string,
    lastWriteEnd: number,
    settings: BenchSettings,
    sleep: Sleep,
): Promise<{ lastMs: number; count: number }> {
    const dueBy = lastWriteEnd + settings.testDelayMs * 1.25 + 1000;
    await sleep(Math.max(0, dueBy - emulator.now()) + 200 * settings.timeScale);
    const from = Date.parse(since);
    let lastMs = lastWriteEnd;
    let count = 0;
    for (const row of emulator.store.list('mailboxes')) {
        const at =
            typeof row.testmailboxaccesscompletedon === 'string' ? Date.parse(row.testmailboxaccesscompletedon) : NaN;
        if (row._emailserverprofile_value !== PROFILE || !(at > from)) continue;
        count += 1;
        lastMs = Math.max(lastMs, at);
    }
    return { lastMs, count };
}

/** Seed N mailboxes, run approve + Test & Enable over all of them, and read the emulator's request log. */
export async function runOurs(mailboxes: number, settings: BenchSettings): Promise<OurRun> {
    if (settings.clock === 'scaled') return measureOurs(mailboxes, settings, () => scaledTime(settings.timeScale));
    const clock = installSimulatedTime();
    try {
        return await clock.run(() => measureOurs(mailboxes, { ...settings, timeScale: 1 }, simulatedTime));
    } finally {
        clock.uninstall();
    }
}

async function measureOurs(
    mailboxes: number,
    settings: BenchSettings,
    clientTime: (sandbox: Sandbox) => ClientTime,
): Promise<OurRun> {
    const sandbox = await startBenchSandbox(mailboxes, settings);
    const baselineHeap = heapUsedMB();
    const sampler = sampleMemory();
    const realStart = realSeconds();
    try {
        const time = clientTime(sandbox);
        const writes = tallyWrites(time.fetch);
        const http = new DataverseHttp(sandbox.url, writes.fetch, { now: time.now, sleep: time.sleep });
        const rows = await listMailboxes(http, PROFILE);
        // The executor compares server-written completion times with the plan's time: use the server's clock.
        const plan = planRun(
            rows,
            { canApprove: true, requireApproval: true, mode: 'approveAndTest' },
            new Date(http.serverNow()),
        );
        const clientPolls = mailboxes <= (settings.clientPollMax ?? Infinity);
        // pollTimeoutMs 0: runBulk schedules every Test & Enable and returns without polling.
        const ledger = await runBulk(plan, {
            gateway: createRunGateway(http, PROFILE),
            now: time.now,
            sleep: time.sleep,
            pollTimeoutMs: clientPolls ? undefined : 0,
        });
        const peaks = sampler.stop();
        const log = sandbox.emulator.requestLog();
        const t = phaseTimes(log);
        const done = await serverCompletions(sandbox.emulator, plan.createdAt, t.lastWriteEnd, settings, time.sleep);
        const summary = ledger.summary();
        return {
            counts: {
                mailboxes: rows.length,
                approvals: plan.items.filter((i) => i.approve).length,
                tests: plan.items.filter((i) => i.test).length,
                idsPerQuery: IDS_PER_QUERY,
            },
            writePhaseMs: t.lastWriteEnd - t.start,
            listMs: t.firstWrite - t.start,
            testResultWaitMs: clientPolls ? t.end - t.lastWriteEnd : null,
            serverTestDoneMs: done.lastMs - t.lastWriteEnd,
            testsCompleted: done.count,
            requests: log.length,
            batches: log.filter((e) => e.path.includes('$batch')).length,
            throttled429: log.filter((e) => e.status === 429).length,
            sentInsideRetryAfter: log.filter((e) => e.insideRetryAfter).length,
            writes: writes.tally(),
            succeeded: summary.succeeded,
            failed: summary.failed,
            failedByCause: Object.fromEntries(
                [...ledger.failuresByCause()].map(([cause, list]) => [cause, list.length]),
            ),
            peakRssMB: peaks.rssMB,
            peakHeapMB: peaks.heapUsedMB,
            runHeapDeltaMB: peaks.heapUsedMB - baselineHeap,
            realSeconds: realSeconds() - realStart,
            phases: phaseBreakdown(log),
            rows,
        };
    } finally {
        sampler.stop();
        await sandbox.close();
    }
}
