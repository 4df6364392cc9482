/**
 * Rolling execution-time estimator for the 1,200 s per sliding 300 s service-protection limit (dataverse.md §9).
 * Client-observed durations over-estimate server time, so staying under the target with them is conservative.
 */

/** Length of Dataverse's sliding window. */
export const WINDOW_MS = 300_000;
/** Execution-time limit per window. */
export const EXECUTION_LIMIT_MS = 1_200_000;

/**
 * Share of the limit the client plans to use. The samples are client-observed durations, which include the network
 * and the browser's own work, so they over-state the server's accounting; 95 % of them stays under the real limit
 * while leaving little of it unused.
 */
export const BUDGET_SHARE = 0.95;

type Sample = { at: number; durationMs: number };

/** Keeps recent request durations and says how long to wait before the next dispatch fits the budget. */
export class ExecutionBudget {
    private samples: Sample[] = [];

    constructor(private readonly targetMs: number = EXECUTION_LIMIT_MS * BUDGET_SHARE) {}

    /** Record a finished request that took `durationMs` and ended at `at`. */
    record(at: number, durationMs: number): void {
        this.samples.push({ at, durationMs: Math.max(0, durationMs) });
    }

    /** Execution time observed in the window ending at `now`. */
    used(now: number): number {
        this.samples = this.samples.filter((sample) => sample.at > now - WINDOW_MS);
        return this.samples.reduce((sum, sample) => sum + sample.durationMs, 0);
    }

    /** Mean observed duration, or `fallback` before any sample. */
    average(fallback: number): number {
        if (this.samples.length === 0) return fallback;
        return this.samples.reduce((sum, sample) => sum + sample.durationMs, 0) / this.samples.length;
    }

    /** Milliseconds to wait so that used + the expected cost of `inFlight` more requests stays under target. */
    waitMs(now: number, inFlight: number): number {
        const pending = (inFlight + 1) * this.average(0);
        let used = this.used(now);
        if (used + pending <= this.targetMs) return 0;
        for (const sample of this.samples) {
            used -= sample.durationMs;
            if (used + pending <= this.targetMs) return Math.max(1, sample.at + WINDOW_MS - now);
        }
        // Even an empty window would not fit (huge in-flight estimate): wait for the newest sample to expire.
        const last = this.samples[this.samples.length - 1];
        return last ? Math.max(1, last.at + WINDOW_MS - now) : 0;
    }
}
