/** Where the write phase's emulated time went, read from the emulator's request log. */
import type { RequestLogEntry } from '../tests/sandbox/emulator/contract';

/** Emulated ms of runBulk's write phase and how busy it kept the server. */
export type PhaseBreakdown = {
    listMs: number;
    listRequests: number;
    /** First write start → last write end (approvals, re-reads and Test & Enable overlap). */
    writeMs: number;
    /** $batch requests in the write span. */
    batches: number;
    /** Writes sent one per request (PATCH) in the write span. */
    plainWrites: number;
    rereadRequests: number;
    /** Sum of request durations in the write span ÷ its length: the parallelism actually used. */
    meanParallel: number;
    /** Execution time the server charged for the requests of the write span (the request log's costMs). */
    costMs: number;
    /** Sum of request durations in the write span. */
    busyMs: number;
};

/** A $batch or a write sent on its own: what the write phase consists of. */
export const isWrite = (e: RequestLogEntry): boolean => e.method !== 'GET';
const isBatch = (e: RequestLogEntry): boolean => e.method === 'POST' && e.path.includes('$batch');

function span(entries: readonly RequestLogEntry[]): number {
    if (entries.length === 0) return 0;
    return Math.max(...entries.map((e) => e.endedMs)) - Math.min(...entries.map((e) => e.startedMs));
}

/** Split the log into the list (before the first write) and the write phase (first → last write). */
export function phaseBreakdown(log: readonly RequestLogEntry[]): PhaseBreakdown {
    const firstWrite = log.findIndex(isWrite);
    const list = firstWrite < 0 ? [...log] : log.slice(0, firstWrite);
    let lastWrite = -1;
    log.forEach((e, i) => {
        if (isWrite(e)) lastWrite = i;
    });
    const write = firstWrite < 0 ? [] : log.slice(firstWrite, lastWrite + 1);
    const writeMs = span(write);
    const busyMs = write.reduce((sum, e) => sum + e.endedMs - e.startedMs, 0);
    return {
        listMs: span(list),
        listRequests: list.length,
        writeMs,
        batches: write.filter(isBatch).length,
        plainWrites: write.filter((e) => isWrite(e) && !isBatch(e)).length,
        rereadRequests: write.filter((e) => e.method === 'GET').length,
        meanParallel: writeMs > 0 ? busyMs / writeMs : 0,
        costMs: write.reduce((sum, e) => sum + (e.costMs ?? 0), 0),
        busyMs,
    };
}
