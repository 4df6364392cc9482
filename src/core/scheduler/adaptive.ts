/**
 * Concurrency and batch size (dataverse.md §9: parallelism ≤ x-ms-dop-hint and well under 52; batches start ~10 ops
 * and grow). Concurrency follows the hint the server sends (Microsoft Learn "Send parallel requests": use its value);
 * pausing and resuming at full concurrency re-triggers 429 (libraries.md §12.3), so a 429 halves both and success
 * grows them back (AIMD) up to the hint.
 */

/** Service-protection codes (dataverse.md §9). */
export const CODE_TOO_MANY_REQUESTS = '0x80072322';
export const CODE_EXECUTION_TIME = '0x80072321';
export const CODE_CONCURRENCY = '0x80072326';

/** Tunables; defaults follow dataverse.md §9. */
export type AdaptiveOptions = {
    initialConcurrency: number;
    maxConcurrency: number;
    initialBatchSize: number;
    maxBatchSize: number;
    batchStep: number;
};

export const DEFAULT_ADAPTIVE: AdaptiveOptions = {
    initialConcurrency: 4,
    maxConcurrency: 50,
    initialBatchSize: 10,
    maxBatchSize: 100,
    batchStep: 10,
};

/** What the limits learn from one answer. */
export type Outcome = { status: number; code?: string; dopHint?: number };

/** Additive-increase / multiplicative-decrease concurrency and batch size. */
export class AdaptiveLimits {
    concurrency: number;
    batchSize: number;
    private cap: number;
    private hint: number | undefined;
    private successes = 0;

    constructor(private readonly options: AdaptiveOptions = DEFAULT_ADAPTIVE) {
        this.concurrency = options.initialConcurrency;
        this.batchSize = options.initialBatchSize;
        this.cap = options.maxConcurrency;
    }

    /** Update both limits from one response. */
    observe(outcome: Outcome): void {
        if (outcome.dopHint !== undefined && outcome.dopHint > 0 && outcome.dopHint !== this.hint) {
            // A new hint (the first, or the server changed its mind): run at it, never above the safety cap.
            this.hint = outcome.dopHint;
            this.cap = Math.max(1, Math.min(this.options.maxConcurrency, Math.floor(outcome.dopHint)));
            this.concurrency = this.cap;
            this.successes = 0;
        }
        const throttled = outcome.code === CODE_CONCURRENCY || outcome.code === CODE_EXECUTION_TIME;
        if (outcome.status === 429 || throttled) return this.decrease(outcome.code);
        if (outcome.status >= 200 && outcome.status < 300) this.increase();
    }

    private increase(): void {
        this.successes += 1;
        // One step per "round" of `concurrency` successes, i.e. additive per round trip.
        if (this.successes >= this.concurrency) {
            this.successes = 0;
            this.concurrency = Math.min(this.cap, this.concurrency + 1);
        }
        this.batchSize = Math.min(this.options.maxBatchSize, this.batchSize + this.options.batchStep);
    }

    private decrease(code: string | undefined): void {
        this.successes = 0;
        this.concurrency = Math.max(1, Math.floor(this.concurrency / 2));
        if (code !== CODE_CONCURRENCY) this.batchSize = Math.max(1, Math.floor(this.batchSize / 2));
    }
}

/**
 * Ops for the next $batch: the gate's size, but no more than an even share of what is left across the parallel
 * slots, so the last batches finish together instead of one large batch running alone at the end.
 */
export function chunkSize(remaining: number, gate: { batchSize: number; limit: number }): number {
    return Math.max(1, Math.min(gate.batchSize, Math.ceil(remaining / Math.max(1, gate.limit))));
}
