/** Where the write phase's emulated time went, read from the emulator's request log. */
import type { RequestLogEntry } from '../tests/sandbox/emulator/contract';

/** Emulated ms of runBulk's write phase and how busy it kept the server. */
export type PhaseBreakdown = {
    listMs: number;
    listRequests: number;
    /** First $batch start → last $batch end (approvals, re-reads and Test & Enable overlap). */
    writeMs: number;
    batches: number;
    rereadRequests: number;
    /** Sum of request durations in the write span ÷ its length: the parallelism actually used. */
    meanParallel: number;
    /** Sum of the cost model's time for the operations sent (what the server must spend at the least). */
    costMs: number;
    /** Sum of request durations in the write span. */
    busyMs: number;
};

const isBatch = (e: RequestLogEntry): boolean => e.method === 'POST' && e.path.includes('$batch');

function span(entries: readonly RequestLogEntry[]): number {
    if (entries.length === 0) return 0;
    return Math.max(...entries.map((e) => e.endedMs)) - Math.min(...entries.map((e) => e.startedMs));
}

/** Split the log into the list (before the first $batch) and the write phase (first → last $batch). */
export function phaseBreakdown(
    log: readonly RequestLogEntry[],
    cost: { read: number; batchPart: number; write: number },
): PhaseBreakdown {
    const firstBatch = log.findIndex(isBatch);
    const list = firstBatch < 0 ? [...log] : log.slice(0, firstBatch);
    let lastBatch = -1;
    log.forEach((e, i) => {
        if (isBatch(e)) lastBatch = i;
    });
    const write = firstBatch < 0 ? [] : log.slice(firstBatch, lastBatch + 1);
    const writeMs = span(write);
    const busyMs = write.reduce((sum, e) => sum + e.endedMs - e.startedMs, 0);
    const costMs = write.reduce(
        (sum, e) =>
            sum +
            (isBatch(e) ? e.operations * (cost.write + cost.batchPart) : e.method === 'GET' ? cost.read : cost.write),
        0,
    );
    return {
        listMs: span(list),
        listRequests: list.length,
        writeMs,
        batches: write.filter(isBatch).length,
        rereadRequests: write.filter((e) => e.method === 'GET').length,
        meanParallel: writeMs > 0 ? busyMs / writeMs : 0,
        costMs,
        busyMs,
    };
}
