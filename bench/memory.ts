/** Peak process memory, sampled with process.memoryUsage() on a real-time interval. */

// Captured when the module loads, before the bench installs fake timers: the sampler keeps real time.
const realSetInterval = setInterval;
const realClearInterval = clearInterval;

/** Peaks in MB. */
export type MemoryPeaks = { rssMB: number; heapUsedMB: number };

/** A running sampler. */
export type MemorySampler = { stop(): MemoryPeaks; peaks(): MemoryPeaks };

const MB = 1024 * 1024;

/** Current heapUsed in MB. */
export function heapUsedMB(): number {
    return process.memoryUsage().heapUsed / MB;
}

/** Sample every `intervalMs` real ms until stop(). */
export function sampleMemory(intervalMs = 50): MemorySampler {
    let rss = 0;
    let heap = 0;
    const take = (): void => {
        const m = process.memoryUsage();
        rss = Math.max(rss, m.rss);
        heap = Math.max(heap, m.heapUsed);
    };
    take();
    const timer = realSetInterval(take, intervalMs);
    const peaks = (): MemoryPeaks => ({ rssMB: rss / MB, heapUsedMB: heap / MB });
    return {
        peaks,
        stop: () => {
            take();
            realClearInterval(timer);
            return peaks();
        },
    };
}
