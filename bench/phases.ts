/** Where the write phase's emulated time went, read from the emulator's request log. */
import type { RequestLogEntry } from '../tests/sandbox/emulator/contract';

/** Emulated ms per step of runBulk's write phase. */
export type PhaseBreakdown = {
    listMs: number;
    listRequests: number;
    approveMs: number;
    rereadMs: number;
    rereadRequests: number;
    /** Mean emulated duration of one re-read GET (its cost is 50 ms; the rest is in-process CPU × timeScale). */
    rereadMeanMs: number;
    testMs: number;
};

const isBatch = (e: RequestLogEntry): boolean => e.method === 'POST' && e.path.includes('$batch');

function span(entries: readonly RequestLogEntry[]): number {
    if (entries.length === 0) return 0;
    return Math.max(...entries.map((e) => e.endedMs)) - Math.min(...entries.map((e) => e.startedMs));
}

/** Split the log at the approval re-read (GETs between the approve and the Test & Enable batches). */
export function phaseBreakdown(log: readonly RequestLogEntry[]): PhaseBreakdown {
    const firstBatch = log.findIndex(isBatch);
    const list = firstBatch < 0 ? [...log] : log.slice(0, firstBatch);
    const rest = firstBatch < 0 ? [] : log.slice(firstBatch);
    const firstGet = rest.findIndex((e) => e.method === 'GET');
    const approve = (firstGet < 0 ? rest : rest.slice(0, firstGet)).filter(isBatch);
    const afterApprove = firstGet < 0 ? [] : rest.slice(firstGet);
    const nextBatch = afterApprove.findIndex(isBatch);
    const rereads = (nextBatch < 0 ? afterApprove : afterApprove.slice(0, nextBatch)).filter((e) => e.method === 'GET');
    const tests = (nextBatch < 0 ? [] : afterApprove.slice(nextBatch)).filter(isBatch);
    const rereadTotal = rereads.reduce((sum, e) => sum + e.endedMs - e.startedMs, 0);
    return {
        listMs: span(list),
        listRequests: list.length,
        approveMs: span(approve),
        rereadMs: span(rereads),
        rereadRequests: rereads.length,
        rereadMeanMs: rereads.length ? rereadTotal / rereads.length : 0,
        testMs: span(tests),
    };
}
