/**
 * Theoretical minimum emulated time for a bulk approve + Test & Enable workload under Dataverse service protection
 * (dataverse.md §9) and the emulator's cost model (tests/sandbox/emulator/README.md). Pure and unit-tested.
 *
 * Model: every request's cost is charged to a sliding window at arrival; per window at most `maxRequests` requests
 * and `maxExecutionMs` execution; a request is in flight for its cost, at most `maxConcurrent` at once. A PATCH is
 * cheapest alone (cost `write`, 1 request) and cheaper in requests inside a $batch (`write + batchPart` per op,
 * ≤ `maxBatchOps` per request), so the optimum mixes both: plain PATCHes while the request budget lasts, batches after.
 */

/** Emulated cost in ms per operation kind. */
export type CostModel = { read: number; write: number; batchPart: number };

/** A cost model as the emulator names it: a heavy model draws each write in [write, writeMax]. */
export type EmulatorCosts = CostModel & { writeMax?: number };

/**
 * The mean costs of an emulator cost model. A heavy write is `write + (writeMax − write) × r²` with r uniform in
 * [0, 1) (tests/sandbox/emulator/cost.ts), whose mean is `write + (writeMax − write) / 3`.
 */
export function expectedCosts(costs: EmulatorCosts): CostModel {
    const spread = costs.writeMax !== undefined && costs.writeMax > costs.write ? costs.writeMax - costs.write : 0;
    return { read: costs.read, write: costs.write + spread / 3, batchPart: costs.batchPart };
}

/** The limits the bound respects. */
export type LimitModel = {
    windowMs: number;
    maxRequests: number;
    maxExecutionMs: number;
    maxConcurrent: number;
    costMs: CostModel;
    /** Operations per $batch (dataverse.md §8: ≤ 1,000). */
    maxBatchOps: number;
};

/** The operations a run cannot avoid. */
export type Workload = {
    /** PATCHes: approvals + Test & Enables. */
    writes: number;
    /** GET requests: list pages + approval re-reads. */
    reads: number;
    /** Longest chain of dependent requests (e.g. list → approve → re-read → T&E), emulated ms. */
    chainMs: number;
};

/** Which constraint set the bound. */
export type Binding = 'window' | 'concurrency' | 'chain';

/** The bound and how it was reached. */
export type Optimum = {
    minimumMs: number;
    /** Window loads needed (k): the last load cannot start before (k − 1) × windowMs. */
    windows: number;
    /** Least total execution cost for that many windows' request budget. */
    executionMs: number;
    plainWrites: number;
    batchedWrites: number;
    requests: number;
    binding: Binding;
};

/** Page size of a list read (dataverse.md §8). */
export const PAGE_SIZE = 5000;

type Mix = { plain: number; batched: number; requests: number; executionMs: number };

/** Cheapest mix of plain and batched writes whose requests fit `requestBudget`; undefined when none fits. */
export function cheapestMix(work: Workload, limits: LimitModel, requestBudget: number): Mix | undefined {
    const batchRequests = (n: number): number => Math.ceil(n / limits.maxBatchOps);
    if (work.reads + batchRequests(work.writes) > requestBudget) return undefined;
    let plain = Math.max(0, Math.min(work.writes, requestBudget - work.reads));
    // Each plain PATCH moved into a batch frees one request and costs at most 1/maxBatchOps of a new one.
    while (plain > 0 && work.reads + plain + batchRequests(work.writes - plain) > requestBudget) plain -= 1;
    const batched = work.writes - plain;
    const c = limits.costMs;
    return {
        plain,
        batched,
        requests: work.reads + plain + batchRequests(batched),
        executionMs: work.reads * c.read + plain * c.write + batched * (c.write + c.batchPart),
    };
}

/**
 * Lower bound on emulated time. If k window loads are needed, arrivals span ≥ (k − 1) × windowMs: arrivals inside
 * any span shorter than that are covered by k − 1 windows, which cannot admit the work. What arrives after that
 * point is ≥ executionMs − (k − 1) × maxExecutionMs and runs at most maxConcurrent-wide.
 */
export function minimumTimeMs(work: Workload, limits: LimitModel): Optimum {
    if (work.writes + work.reads === 0) {
        return {
            minimumMs: 0,
            windows: 0,
            executionMs: 0,
            plainWrites: 0,
            batchedWrites: 0,
            requests: 0,
            binding: 'chain',
        };
    }
    for (let k = 1; ; k++) {
        const mix = cheapestMix(work, limits, k * limits.maxRequests);
        if (!mix || mix.executionMs > k * limits.maxExecutionMs) continue;
        const window =
            (k - 1) * limits.windowMs + (mix.executionMs - (k - 1) * limits.maxExecutionMs) / limits.maxConcurrent;
        const concurrency = mix.executionMs / limits.maxConcurrent;
        const candidates: Array<[Binding, number]> = [
            ['concurrency', concurrency],
            ['window', window],
            ['chain', work.chainMs],
        ];
        const [binding, minimumMs] = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
        return {
            minimumMs,
            windows: k,
            executionMs: mix.executionMs,
            plainWrites: mix.plain,
            batchedWrites: mix.batched,
            requests: mix.requests,
            binding,
        };
    }
}

/** Counts of one bulk run. */
export type RunCounts = {
    /** Mailboxes listed. */
    mailboxes: number;
    /** Approve PATCHes (planned mailboxes not yet approved). */
    approvals: number;
    /** Test & Enable PATCHes. */
    tests: number;
    /** Ids per approval re-read query (src/dataverse/mailboxes.ts IDS_PER_QUERY). */
    idsPerQuery: number;
};

/**
 * The unavoidable work: every PATCH, list pages of 5,000, and the approval re-read (dataverse.md §5) as the cheaper
 * of id-list queries or re-paging the profile's list.
 */
export function workloadFor(run: RunCounts, costs: CostModel): Workload {
    const listPages = Math.max(1, Math.ceil(run.mailboxes / PAGE_SIZE));
    const rereads = run.approvals === 0 ? 0 : Math.min(Math.ceil(run.approvals / run.idsPerQuery), listPages);
    const chainMs = costs.read + (run.approvals > 0 ? costs.write + costs.read : 0) + (run.tests > 0 ? costs.write : 0);
    return { writes: run.approvals + run.tests, reads: listPages + rereads, chainMs };
}
