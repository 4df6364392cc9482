/**
 * The one scheduler every Dataverse call goes through (dataverse.md §9 "client rule"): a shared Retry-After
 * deadline checked right before dispatch, a semaphore that follows the server's parallelism hint (AIMD after a 429),
 * and the window budgets for requests and execution time. Pure: clock and sleep are injected.
 */
import { AdaptiveLimits, DEFAULT_ADAPTIVE, type AdaptiveOptions } from './adaptive';
import { WindowBudget, type Work } from './budget';

/** Current time in ms. */
export type Clock = () => number;
/** Resolve after `ms`; reject if `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
/**
 * Frees the slot taken by acquire(); idempotent. `executionMs` is what the request is charged: its observed duration,
 * or 0 when the server refused it (429) or never saw it.
 */
export type Release = (executionMs?: number) => void;

/** Fallback pause after a 429 without a usable Retry-After. */
export const DEFAULT_RETRY_AFTER_MS = 5_000;

/**
 * Why a waiter's timer is cancelled once it is woken. A fixed reason: abort() without one builds a DOMException with a
 * stack each time, and the gate wakes its waiters at every answer.
 */
const WOKEN = new Error('Woken before the timeout');

/** What a request carries when its caller does not say: one read. */
const ONE_READ: Work = { kind: 'read', ops: 1 };

/** What the gate learns from one answer. */
export type GateResponse = {
    status: number;
    code?: string;
    retryAfterMs?: number;
    dopHint?: number;
};

/** Gate dependencies and tunables; `budgetMs` is the execution time the gate plans to use per window. */
export type GateOptions = { now: Clock; sleep: Sleep; adaptive?: AdaptiveOptions; budgetMs?: number };

/** Shared Retry-After deadline + adaptive semaphore + window budgets. */
export class RequestGate {
    /** No request is dispatched before this time (ms). */
    resumeAt = 0;
    private active = 0;
    private readonly waiters: Array<() => void> = [];
    private readonly pauseListeners = new Set<(resumeAt: number) => void>();
    private readonly limits: AdaptiveLimits;
    private readonly budget: WindowBudget;

    constructor(private readonly options: GateOptions) {
        this.limits = new AdaptiveLimits(options.adaptive ?? DEFAULT_ADAPTIVE);
        this.budget = new WindowBudget(options.budgetMs);
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

    /** Requests the window can still take beyond a reserve for batches and reads (see WindowBudget). */
    requestsLeft(): number {
        return this.budget.requestsLeft(this.options.now());
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

    /** Wait for the deadline, a free slot and room in both budgets for `work`; resolves with the release function. */
    async acquire(signal?: AbortSignal, work: Work = ONE_READ): Promise<Release> {
        for (;;) {
            if (signal?.aborted) throw signal.reason ?? new Error('Aborted');
            const now = this.options.now();
            if (now < this.resumeAt) {
                await this.options.sleep(this.resumeAt - now, signal);
                continue;
            }
            if (this.active >= this.limits.concurrency) {
                await this.waitForWake(signal);
                continue;
            }
            const wait = this.budget.waitMs(now, work);
            if (wait === 0) return this.dispatch(now, work);
            // The window slides at `wait`; an answer in flight may make room sooner (its estimate was high).
            await this.waitForWake(signal, wait);
        }
    }

    /** Feed back one answer: 429 pauses everyone and halves concurrency; success grows it; the hint caps it. */
    onResponse(response: GateResponse): void {
        const now = this.options.now();
        if (response.status === 429) this.pauseUntil(now + (response.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS));
        this.limits.observe(response);
        this.wake();
    }

    private dispatch(now: number, work: Work): Release {
        this.active += 1;
        this.budget.dispatched(now, work);
        let done = false;
        return (executionMs = 0) => {
            if (done) return;
            done = true;
            this.active -= 1;
            this.budget.answered(work, now, executionMs);
            this.wake();
        };
    }

    /** Until a slot frees or an answer arrives (then re-check), or `timeoutMs` passes, or `signal` aborts. */
    private waitForWake(signal?: AbortSignal, timeoutMs = Infinity): Promise<void> {
        return new Promise<void>((resolve) => {
            // Only a timed wait needs a timer to cancel: every answer wakes every waiter, so with a chunk of writes
            // queued one per request an AbortController per wait was much of the page's garbage (issue 17).
            const timer = timeoutMs === Infinity ? undefined : new AbortController();
            const finish = (): void => {
                // An aborted or timed-out waiter leaves the queue, or a later wake() would count it.
                const at = this.waiters.indexOf(finish);
                if (at >= 0) this.waiters.splice(at, 1);
                signal?.removeEventListener('abort', finish);
                timer?.abort(WOKEN);
                resolve();
            };
            this.waiters.push(finish);
            signal?.addEventListener('abort', finish, { once: true });
            if (!timer) return;
            // Woken first: the sleep is aborted and its rejection means nothing.
            this.options
                .sleep(timeoutMs, timer.signal)
                .then(finish)
                .catch(() => undefined);
        });
    }

    private wake(): void {
        // Everyone re-checks: slots, the deadline and the budgets decide who goes; the rest wait again.
        const waiting = this.waiters.splice(0);
        for (const waiter of waiting) waiter();
    }
}
