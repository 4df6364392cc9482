/** Our client (DataverseHttp + planRun + runBulk) against a sandbox with the real service-protection limits. */
import { DEFAULT_LIMITS } from '../tests/sandbox/emulator';
import { DataverseHttp, realSleep } from '../src/dataverse/http';
import { runBulk } from '../src/dataverse/executor';
import { createRunGateway } from '../src/dataverse/run-gateway';
import { IDS_PER_QUERY, listMailboxes } from '../src/dataverse/mailboxes';
import { planRun } from '../src/core/run/planner';
import type { MailboxRow } from '../src/core/run/types';
import type { Emulator, RequestLogEntry } from '../tests/sandbox/emulator/contract';
import { BENCH_PROFILE, startBenchSandbox } from './sandbox';
import { heapUsedMB, sampleMemory } from './memory';
import { phaseBreakdown, type PhaseBreakdown } from './phases';
import type { RunCounts } from './optimum';
import { scaledTime } from './scaled-time';

/** Settings shared by every sandbox of the bench. */
export type BenchSettings = {
    timeScale: number;
    testDelayMs: number;
    /** Let runBulk poll for test results itself only up to this many mailboxes (polling 50,000 in-process is CPU-bound here). */
    clientPollMax?: number;
};

/** What one run of our client measured (emulated ms unless named otherwise). */
export type OurRun = {
    counts: RunCounts;
    /** First list GET start → last $batch end (list + approve + re-read + Test & Enable scheduling). */
    writePhaseMs: number;
    listMs: number;
    /** Last $batch end → last test result read by runBulk's polls; null when its polling was skipped. */
    testResultWaitMs: number | null;
    /** Last $batch end → the last testmailboxaccesscompletedon the server wrote (the server's own time). */
    serverTestDoneMs: number;
    /** Mailboxes whose test completed after the plan was made. */
    testsCompleted: number;
    requests: number;
    batches: number;
    throttled429: number;
    sentInsideRetryAfter: number;
    succeeded: number;
    failed: number;
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
    firstBatch: number;
    lastBatchEnd: number;
    end: number;
} {
    const batches = log.filter((e) => e.method === 'POST' && e.path.includes('$batch'));
    const start = log.length ? log[0].startedMs : 0;
    const firstBatch = batches.length ? batches[0].startedMs : start;
    const lastBatchEnd = batches.reduce((max, e) => Math.max(max, e.endedMs), start);
    const end = log.reduce((max, e) => Math.max(max, e.endedMs), start);
    return { start, firstBatch, lastBatchEnd, end };
}

/** Wait until every queued test is due (testDelayMs + 25 % jitter), then read completion times from the store. */
async function serverCompletions(
    emulator: Emulator,
    since: string,
    lastBatchEnd: number,
    settings: BenchSettings,
): Promise<{ lastMs: number; count: number }> {
    const dueBy = lastBatchEnd + settings.testDelayMs * 1.25 + 1000;
    const waitMs = Math.max(0, (dueBy - emulator.now()) / settings.timeScale) + 200;
    await realSleep(waitMs);
    const from = Date.parse(since);
    let lastMs = lastBatchEnd;
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
    const sandbox = await startBenchSandbox(mailboxes, settings);
    const baselineHeap = heapUsedMB();
    const sampler = sampleMemory();
    const realStart = performance.now();
    try {
        const time = scaledTime(settings.timeScale);
        const http = new DataverseHttp(sandbox.url, time.fetch, { now: time.now, sleep: time.sleep });
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
        const done = await serverCompletions(sandbox.emulator, plan.createdAt, t.lastBatchEnd, settings);
        const summary = ledger.summary();
        return {
            counts: {
                mailboxes: rows.length,
                approvals: plan.items.filter((i) => i.approve).length,
                tests: plan.items.filter((i) => i.test).length,
                idsPerQuery: IDS_PER_QUERY,
            },
            writePhaseMs: t.lastBatchEnd - t.start,
            listMs: t.firstBatch - t.start,
            testResultWaitMs: clientPolls ? t.end - t.lastBatchEnd : null,
            serverTestDoneMs: done.lastMs - t.lastBatchEnd,
            testsCompleted: done.count,
            requests: log.length,
            batches: log.filter((e) => e.path.includes('$batch')).length,
            throttled429: log.filter((e) => e.status === 429).length,
            sentInsideRetryAfter: log.filter((e) => e.insideRetryAfter).length,
            succeeded: summary.succeeded,
            failed: summary.failed,
            peakRssMB: peaks.rssMB,
            peakHeapMB: peaks.heapUsedMB,
            runHeapDeltaMB: peaks.heapUsedMB - baselineHeap,
            realSeconds: (performance.now() - realStart) / 1000,
            phases: phaseBreakdown(log, DEFAULT_LIMITS.costMs),
            rows,
        };
    } finally {
        sampler.stop();
        await sandbox.close();
    }
}
