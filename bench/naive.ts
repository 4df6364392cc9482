/**
 * A naive serial client for comparison: plain list pages, then one request at a time — approve PATCH, a per-mailbox
 * re-read GET, Test & Enable PATCH — no $batch, no parallelism. Large runs are measured on a sample of operations
 * and extrapolated linearly per operation kind.
 */
import { planRun } from '../src/core/run/planner';
import { APPROVAL } from '../src/core/run/types';
import { guidLiteral } from '../src/core/odata';
import { MAILBOX_COLUMNS, toMailboxRow } from '../src/dataverse/mailboxes';
import type { FetchLike } from '../src/dataverse/http';
import type { RequestLogEntry } from '../tests/sandbox/emulator/contract';
import type { Sandbox } from '../tests/sandbox/server';
import { BENCH_PROFILE, startBenchSandbox } from './sandbox';
import type { BenchSettings } from './ours';
import { directFetch, installSimulatedTime } from '../tests/sandbox/simulated-time';

/** What the naive run measured (emulated ms). */
export type NaiveRun = {
    listMs: number;
    sampledOps: number;
    totalOps: number;
    meanPatchMs: number;
    meanGetMs: number;
    /** listMs + meanPatchMs × PATCHes + meanGetMs × re-reads; equals the measured time when sampledOps = totalOps. */
    totalMs: number;
    extrapolated: boolean;
};

const PROFILE = BENCH_PROFILE;
const HEADERS = { 'OData-Version': '4.0', 'OData-MaxVersion': '4.0', Accept: 'application/json' };

async function call(fetch: FetchLike, url: string, method: string, body?: unknown): Promise<unknown> {
    const init: RequestInit = { method, headers: { ...HEADERS, 'Content-Type': 'application/json', 'If-Match': '*' } };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (method === 'GET') init.headers = { ...HEADERS, Prefer: 'odata.maxpagesize=5000' };
    const res = await fetch(url, init);
    if (!res.ok) throw new Error(`naive client: ${method} ${url} answered ${res.status}`);
    const text = await res.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
}

function mean(entries: readonly RequestLogEntry[]): number {
    if (entries.length === 0) return 0;
    return entries.reduce((sum, e) => sum + e.endedMs - e.startedMs, 0) / entries.length;
}

/** Run the naive client on N mailboxes; at most `sampleOps` approve/re-read/T&E requests are really sent. */
export async function runNaive(mailboxes: number, settings: BenchSettings, sampleOps: number): Promise<NaiveRun> {
    if (settings.clock === 'scaled') return measureNaive(mailboxes, settings, sampleOps, () => fetch);
    const clock = installSimulatedTime();
    try {
        const simulated = { ...settings, timeScale: 1 };
        const fetchFor = (sandbox: Sandbox): FetchLike => directFetch(sandbox.emulator.handle, sandbox.url);
        return await clock.run(() => measureNaive(mailboxes, simulated, sampleOps, fetchFor));
    } finally {
        clock.uninstall();
    }
}

async function measureNaive(
    mailboxes: number,
    settings: BenchSettings,
    sampleOps: number,
    fetchFor: (sandbox: Sandbox) => FetchLike,
): Promise<NaiveRun> {
    const sandbox = await startBenchSandbox(mailboxes, settings);
    const fetch = fetchFor(sandbox);
    try {
        const api = `${sandbox.url}api/data/v9.2/`;
        const filter = `_emailserverprofile_value eq ${guidLiteral(PROFILE)} and statecode eq 0`;
        let next: string | undefined = `${api}mailboxes?$select=${MAILBOX_COLUMNS.join(',')}&$filter=${filter}`;
        const raw: Record<string, unknown>[] = [];
        while (next) {
            const page = (await call(fetch, next, 'GET')) as {
                value: Record<string, unknown>[];
                '@odata.nextLink'?: string;
            };
            raw.push(...page.value);
            next = page['@odata.nextLink'];
        }
        const listEnd = sandbox.emulator.now();
        const rows = raw.map(toMailboxRow);
        const plan = planRun(
            rows,
            { canApprove: true, requireApproval: true, mode: 'approveAndTest' },
            new Date(sandbox.emulator.now()),
        );
        const approvals = plan.items.filter((i) => i.approve).length;
        const tests = plan.items.filter((i) => i.test).length;
        const totalOps = 2 * approvals + tests;
        let sent = 0;
        for (const item of plan.items) {
            if (sent >= sampleOps) break;
            const url = `${api}mailboxes(${guidLiteral(item.mailboxId)})`;
            if (item.approve) {
                await call(fetch, url, 'PATCH', { emailrouteraccessapproval: APPROVAL.approved });
                await call(fetch, `${url}?$select=emailrouteraccessapproval`, 'GET');
                sent += 2;
            }
            if (item.test) {
                await call(fetch, url, 'PATCH', plan.testPatch);
                sent += 1;
            }
        }
        const log = sandbox.emulator.requestLog();
        const listMs = listEnd - (log[0]?.startedMs ?? listEnd);
        const work = log.filter((e) => e.startedMs >= listEnd);
        const meanPatchMs = mean(work.filter((e) => e.method === 'PATCH'));
        const meanGetMs = mean(work.filter((e) => e.method === 'GET'));
        const measured = work.length ? work[work.length - 1].endedMs - work[0].startedMs : 0;
        const extrapolated = sent < totalOps;
        // Serial requests back to back: the gaps between them (client CPU) are spread over the operations too.
        const gapPerOp = work.length
            ? (measured - work.reduce((s, e) => s + e.endedMs - e.startedMs, 0)) / work.length
            : 0;
        const totalMs = extrapolated
            ? listMs + (meanPatchMs + gapPerOp) * (approvals + tests) + (meanGetMs + gapPerOp) * approvals
            : listMs + measured;
        return { listMs, sampledOps: sent, totalOps, meanPatchMs, meanGetMs, totalMs, extrapolated };
    } finally {
        await sandbox.close();
    }
}
