/**
 * runBulk at the platform's ceiling (issue 17): the real client against the emulator with the real service-protection
 * limits, in simulated time (tests/sandbox/simulated-time.ts): one fake clock for both sides, so every number here
 * is exact and repeatable, and what the server saw is read from its request log.
 */
import { planRun } from '../../src/core/run/planner';
import type { RunLedger } from '../../src/core/run/ledger';
import { runBulk } from '../../src/dataverse/executor';
import { DataverseHttp, realSleep } from '../../src/dataverse/http';
import { listMailboxes } from '../../src/dataverse/mailboxes';
import { createRunGateway } from '../../src/dataverse/run-gateway';
import type { Limits, RequestLogEntry } from '../sandbox/emulator/contract';
import type { CostModelName, EnvironmentName } from '../sandbox/emulator';
import { PROFILE_IDS, USER_IDS } from '../sandbox/domain/ids';
import { startSandbox } from '../sandbox/server';
import { directFetch, installSimulatedTime } from '../sandbox/simulated-time';
import { recordRequests, type SentRequest } from './sent-requests';

const PROFILE = PROFILE_IDS.commercial;
const WINDOW_MS = 300_000;
const EXECUTION_LIMIT_MS = 1_200_000;

type Run = { log: RequestLogEntry[]; sent: SentRequest[]; ledger: RunLedger };
type Setup = { environment: EnvironmentName; costModel: CostModelName; limits?: Partial<Limits> };

/** Approve + Test & Enable every mailbox of a sandbox with `mailboxes` of them, in simulated time. */
async function simulatedRun(mailboxes: number, setup: Setup): Promise<Run> {
    const clock = installSimulatedTime();
    try {
        return await clock.run(async () => {
            const sandbox = await startSandbox({
                port: 0,
                timeScale: 1,
                testDelayMs: 60_000,
                mailboxCount: mailboxes,
                profileId: PROFILE,
                userId: USER_IDS.approver,
                environment: setup.environment,
                costModel: setup.costModel,
            });
            try {
                if (setup.limits) sandbox.emulator.setLimits(setup.limits);
                const recorder = recordRequests(directFetch(sandbox.emulator.handle, sandbox.url));
                const http = new DataverseHttp(sandbox.url, recorder.fetch);
                const rows = await listMailboxes(http, PROFILE);
                const options = { canApprove: true, requireApproval: true, mode: 'approveAndTest' as const };
                const plan = planRun(rows, options, new Date(http.serverNow()));
                const gateway = createRunGateway(http, PROFILE);
                const ledger = await runBulk(plan, {
                    gateway,
                    now: () => Date.now(),
                    sleep: realSleep,
                    pollTimeoutMs: 0,
                });
                return { log: sandbox.emulator.requestLog(), sent: recorder.sent, ledger };
            } finally {
                await sandbox.close();
            }
        });
    } finally {
        clock.uninstall();
    }
}

const isWrite = (e: RequestLogEntry): boolean => e.method !== 'GET';

/** Most requests the server held at once. */
function peakOpen(log: readonly RequestLogEntry[]): number {
    const events = log.flatMap((e) => [
        { at: e.startedMs, step: 1 },
        { at: e.endedMs, step: -1 },
    ]);
    // An answer at t frees its slot before a request arriving at t takes one.
    events.sort((a, b) => a.at - b.at || a.step - b.step);
    let open = 0;
    let peak = 0;
    for (const event of events) peak = Math.max(peak, (open += event.step));
    return peak;
}

/** Most execution time the server charged within one sliding window (arrivals in (t − 300 s, t]). */
function peakWindowCharge(log: readonly RequestLogEntry[]): number {
    const arrivals = [...log].sort((a, b) => a.startedMs - b.startedMs);
    let from = 0;
    let sum = 0;
    let peak = 0;
    for (const entry of arrivals) {
        sum += entry.costMs ?? 0;
        while (arrivals[from].startedMs <= entry.startedMs - WINDOW_MS) sum -= arrivals[from++].costMs ?? 0;
        peak = Math.max(peak, sum);
    }
    return peak;
}

/** Server time spent in the write span ÷ its length: how many requests were open on average. */
function meanOpen(log: readonly RequestLogEntry[]): number {
    const writes = log.filter(isWrite);
    const start = Math.min(...writes.map((e) => e.startedMs));
    const end = Math.max(...writes.map((e) => e.endedMs));
    const inSpan = log.filter((e) => e.startedMs >= start && e.endedMs <= end);
    return inSpan.reduce((sum, e) => sum + e.endedMs - e.startedMs, 0) / (end - start);
}

/** Every mailbox ended succeeded, failed with its own test result or skipped; none ended throttled. */
function expectSettled(ledger: RunLedger): void {
    expect(ledger.summary()).toMatchObject({ pending: 0, sent: 0, confirmed: 0, testing: 0, inFlight: 0 });
    expect(ledger.failuresByCause().get('throttled')).toBeUndefined();
}

describe('runBulk against service protection, in simulated time', () => {
    it('keeps the 4 slots a small environment advertises busy and never more', async () => {
        const { log, ledger } = await simulatedRun(1000, { environment: 'small', costModel: 'default' });
        expectSettled(ledger);
        expect(peakOpen(log)).toBe(4);
        expect(meanOpen(log)).toBeGreaterThan(3.9);
        expect(log.filter((e) => e.status === 429)).toEqual([]);
    });

    it('runs 48 at once from the first writes where a large environment advertises 48', async () => {
        const { log, ledger } = await simulatedRun(1000, { environment: 'large', costModel: 'default' });
        expectSettled(ledger);
        // The hint came with the list: the first writes already go out 48 at once, not growing from 4.
        const firstWrite = Math.min(...log.filter(isWrite).map((e) => e.startedMs));
        expect(peakOpen(log.filter((e) => e.startedMs < firstWrite + 1_000))).toBe(48);
        expect(log.filter((e) => e.status === 429)).toEqual([]);
    });

    it('fills each window to the execution-time limit at 48 under the heavy cost model, without a 429', async () => {
        // 2,000 mailboxes ≈ 2,700 writes of 300–1,500 ms: more execution time than one window holds.
        const { log, ledger } = await simulatedRun(2000, { environment: 'large', costModel: 'heavy' });
        expectSettled(ledger);
        expect(log.filter((e) => e.status === 429)).toEqual([]);
        const peak = peakWindowCharge(log);
        expect(peak).toBeLessThanOrEqual(EXECUTION_LIMIT_MS);
        expect(peak).toBeGreaterThan(0.97 * EXECUTION_LIMIT_MS);
        expect(peakOpen(log)).toBe(48);
    });

    it('keeps 4 slots busy under the heavy cost model in a small environment', async () => {
        const { log, ledger } = await simulatedRun(500, { environment: 'small', costModel: 'heavy' });
        expectSettled(ledger);
        expect(peakOpen(log)).toBe(4);
        expect(meanOpen(log)).toBeGreaterThan(3.9);
        expect(log.filter((e) => e.status === 429)).toEqual([]);
    });

    it('after a 429 sends nothing inside its Retry-After and each refused write once again', async () => {
        // Other sessions of the same user hold most of the window: the server allows this client far less than the
        // documented limit, so it meets 429s it could not foresee.
        const { log, sent, ledger } = await simulatedRun(1000, {
            environment: 'large',
            costModel: 'heavy',
            limits: { maxExecutionMs: 200_000 },
        });
        expectSettled(ledger);
        expect(log.filter((e) => e.status === 429).length).toBeGreaterThan(0);
        expect(log.filter((e) => e.insideRetryAfter)).toEqual([]);
        // Per write (mailbox and body): sent once more than it was refused.
        const key = (part: SentRequest['parts'][number]): string => `${part.url} ${part.body}`;
        const sends = new Map<string, number>();
        const refusals = new Map<string, number>();
        for (const request of sent)
            for (const part of request.parts) {
                sends.set(key(part), (sends.get(key(part)) ?? 0) + 1);
                if (request.status === 429) refusals.set(key(part), (refusals.get(key(part)) ?? 0) + 1);
            }
        expect(refusals.size).toBeGreaterThan(0);
        const resentOtherThanOnce = [...sends].filter(([write, count]) => count !== (refusals.get(write) ?? 0) + 1);
        expect(resentOtherThanOnce).toEqual([]);
    });
});
