/**
 * The one scheduler every Dataverse call goes through (dataverse.md §9 "client rule"): a shared Retry-After
 * deadline checked right before dispatch, a semaphore whose limit adapts (AIMD), and an execution-time budget.
 * Pure: clock and sleep are injected.
 */
import { AdaptiveLimits, DEFAULT_ADAPTIVE, type AdaptiveOptions } from './adaptive';
import { ExecutionBudget } from './budget';

/** Current time in ms. */
export type Clock = () => number;
/** Resolve after `ms`; reject if `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
/** Frees the slot taken by acquire(); idempotent. */
export type Release = () => void;

/** Fallback pause after a 429 without a usable Retry-After. */
export const DEFAULT_RETRY_AFTER_MS = 5_000;

/** What the gate learns from one answer. */
export type GateResponse = {
    status: number;
    code?: string;
    retryAfterMs?: number;
    durationMs?: number;
    dopHint?: number;
};

/** Gate dependencies and tunables. */
export type GateOptions = { now: Clock; sleep: Sleep; adaptive?: AdaptiveOptions; budgetMs?: number };

/** Shared Retry-After deadline + adaptive semaphore + execution-time budget. */
export class RequestGate {
    /** No request is dispatched before this time (ms). */
    resumeAt = 0;
    private active = 0;
    private readonly waiters: Array<() => void> = [];
    private readonly pauseListeners = new Set<(resumeAt: number) => void>();
    private readonly limits: AdaptiveLimits;
    private readonly budget: ExecutionBudget;

    constructor(private readonly options: GateOptions) {
        this.limits = new AdaptiveLimits(options.adaptive ?? DEFAULT_ADAPTIVE);
        this.budget = new ExecutionBudget(options.budgetMs);
    }

    /** Current concurrency limit. */
    get limit(): number {
        return this.limits.concurrency;
    }

    /** Requests currently holding a slot. */
    get inFlight(): number {
        return this.active;
    }

    /** Ops per $batch the gate currently recommends. */
    get batchSize(): number {
        return this.limits.batchSize;
    }

    /** True while a Retry-After pause is running ("server busy"). */
    isPaused(): boolean {
        return this.options.now() < this.resumeAt;
    }

    /** Pause every dispatch until `at` (never shortens an existing pause). */
    pauseUntil(at: number): void {
        if (at <= this.resumeAt) return;
        this.resumeAt = at;
        // While paused nothing progresses, so whoever shows the pause must hear of it now, not at the next answer.
        for (const listener of this.pauseListeners) listener(at);
    }

    /** Call `listener` whenever a pause starts or grows; returns the unsubscribe function. */
    onPause(listener: (resumeAt: number) => void): () => void {
        this.pauseListeners.add(listener);
        return () => void this.pauseListeners.delete(listener);
    }

    /** Wait for the deadline, a free slot and budget; resolves with the release function. */
    async acquire(signal?: AbortSignal): Promise<Release> {
        for (;;) {
            if (signal?.aborted) throw signal.reason ?? new Error('Aborted');
            const wait = this.waitMs();
            if (wait > 0) {
                await this.options.sleep(wait, signal);
            } else if (this.active < this.limits.concurrency) {
                this.active += 1;
                return this.releaser();
            } else {
                await this.waitForSlot(signal);
            }
        }
    }

    /** Feed back one answer: 429 pauses everyone and halves concurrency; success grows it. */
    onResponse(response: GateResponse): void {
        const now = this.options.now();
        if (response.durationMs !== undefined) this.budget.record(now, response.durationMs);
        if (response.status === 429) this.pauseUntil(now + (response.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS));
        this.limits.observe(response);
        this.wake();
    }

    private waitMs(): number {
        const now = this.options.now();
        if (now < this.resumeAt) return this.resumeAt - now;
        return this.budget.waitMs(now, this.active);
    }

    private releaser(): Release {
        let done = false;
        return () => {
            if (done) return;
            done = true;
            this.active -= 1;
            this.wake();
        };
    }

    private waitForSlot(signal?: AbortSignal): Promise<void> {
        return new Promise<void>((resolve) => {
            this.waiters.push(resolve);
            // An aborted waiter leaves the queue, or a later wake() would spend a free slot on it.
            signal?.addEventListener(
                'abort',
                () => {
                    const at = this.waiters.indexOf(resolve);
                    if (at >= 0) this.waiters.splice(at, 1);
                    resolve();
                },
                { once: true },
            );
        });
    }

    private wake(): void {
        let free = this.limits.concurrency - this.active;
        while (free > 0 && this.waiters.length > 0) {
            this.waiters.shift()?.();
            free -= 1;
        }
    }
}
