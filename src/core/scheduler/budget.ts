/**
 * The two window budgets of Dataverse service protection (dataverse.md §9): per user and sliding 300 s, 6,000
 * requests and 1,200 s of execution time. The client counts its own requests exactly, stamped at dispatch (refused
 * ones too: the server counts them). Execution time it cannot read: Dataverse reports no per-request charge (the
 * x-ms-ratelimit-*-remaining headers are diagnostics only), so each answered request is charged with the duration the
 * client observed — what the server spent plus the network, never less — stamped where the server charges it
 * (EXECUTION_CHARGED_AT). Requests still in flight are charged with an estimate from the answers so far.
 */
import { EXECUTION_CHARGED_AT } from '../assumptions';

/** Length of Dataverse's sliding window. */
export const WINDOW_MS = 300_000;
/** Execution-time limit per window. */
export const EXECUTION_LIMIT_MS = 1_200_000;
/** Request limit per window. */
export const REQUEST_LIMIT = 6_000;
/** Requests kept for $batch requests and reads when writes go out one per request (2 % of the limit). */
export const REQUEST_RESERVE = 120;

/**
 * What one request carries: a read, a write on its own, or a $batch of `ops` writes. Each costs differently per
 * operation (a $batch part carries some overhead of its own), so each kind learns its own cost.
 */
export type Work = { kind: 'read' | 'write' | 'batch'; ops: number };

type Kind = Work['kind'];
const KINDS: readonly Kind[] = ['read', 'write', 'batch'];

/** Cost per operation assumed before any write or read has answered: a slow one, so a first wave cannot overrun. */
const PRIOR_MS_PER_OP = { read: 500, write: 1_500 } as const;
/**
 * A $batch part costs somewhat more than the same write alone (the emulator: +10 ms on 150); until a $batch has
 * answered, its parts are estimated from single writes with this margin, and single writes from parts as they are.
 */
const BATCH_PART_MARGIN = 1.25;
/** Standard deviations added to an estimate of work in flight, whose real cost is known only when it answers. */
const ESTIMATE_SIGMAS = 3;

/**
 * A sliding window of time-stamped amounts, oldest first, pruned from the front. Each entry carries the running sum
 * through it, so "when will `excess` have slid out" is a binary search, not a walk over up to 6,000 entries at every
 * check (issue 17: the gate asks at every answer).
 */
class SlidingSum {
    private items: Array<{ at: number; upTo: number }> = [];
    private head = 0;
    /** Running sum through the last entry that slid out. */
    private pruned = 0;

    /** Sum of the entries in the window. */
    get total(): number {
        return this.items.length > this.head ? this.items[this.items.length - 1].upTo - this.pruned : 0;
    }

    get count(): number {
        return this.items.length - this.head;
    }

    /** Insert in time order (charges stamped at arrival come back out of order, by at most the requests in flight). */
    add(at: number, amount: number): void {
        let index = this.items.length;
        while (index > this.head && this.items[index - 1].at > at) index -= 1;
        const before = index > this.head ? this.items[index - 1].upTo : this.pruned;
        this.items.splice(index, 0, { at, upTo: before + amount });
        for (let i = index + 1; i < this.items.length; i++) this.items[i].upTo += amount;
    }

    /** Drop what slid out of the window ending at `now`. */
    prune(now: number): void {
        while (this.head < this.items.length && this.items[this.head].at <= now - WINDOW_MS) {
            this.pruned = this.items[this.head].upTo;
            this.head += 1;
        }
        if (this.head > 1024 && this.head * 2 > this.items.length) {
            this.items = this.items.slice(this.head);
            this.head = 0;
        }
    }

    /** Milliseconds from `now` until the sum has fallen by at least `excess`. */
    untilFreed(now: number, excess: number): number {
        const target = this.pruned + excess;
        let low = this.head;
        let high = this.items.length;
        while (low < high) {
            const mid = (low + high) >> 1;
            if (this.items[mid].upTo >= target) high = mid;
            else low = mid + 1;
        }
        return low < this.items.length ? Math.max(1, this.items[low].at + WINDOW_MS - now) : Infinity;
    }
}

/** Cost per operation of one kind, learnt from answers: running mean and variance. */
class CostStats {
    private requests = 0;
    private ops = 0;
    private ms = 0;
    private squares = 0;

    /** True once an answer of this kind has been seen. */
    get known(): boolean {
        return this.requests > 0;
    }

    add(ops: number, ms: number): void {
        this.requests += 1;
        this.ops += ops;
        this.ms += ms;
        // Σ k·x² with x = ms / k: a request of k operations estimates the per-operation variance k·(x − mean)².
        this.squares += (ms * ms) / ops;
    }

    /**
     * Cost of `ops` operations in flight: their length-biased mean (the requests still in flight are the longer ones:
     * the short ones have already answered, so their expected cost is E[c²] / E[c], not E[c]) plus ESTIMATE_SIGMAS
     * standard deviations of their sum.
     */
    estimate(ops: number): number {
        if (ops <= 0) return 0;
        const mean = this.ms / this.ops;
        const variance = Math.max(0, (this.squares - mean * mean * this.ops) / this.requests);
        const biasedMean = this.ms > 0 ? this.squares / this.ms : mean;
        return ops * biasedMean + ESTIMATE_SIGMAS * Math.sqrt(ops * variance);
    }
}

/** Requests and execution time in the sliding window: how long the next dispatch must wait to fit both. */
export class WindowBudget {
    private readonly requests = new SlidingSum();
    private readonly charges = new SlidingSum();
    private readonly stats: Record<Kind, CostStats> = {
        read: new CostStats(),
        write: new CostStats(),
        batch: new CostStats(),
    };
    private readonly inFlight: Record<Kind, number> = { read: 0, write: 0, batch: 0 };

    constructor(private readonly executionTargetMs: number = EXECUTION_LIMIT_MS) {}

    /** A request carrying `work` leaves now: it counts as a request and is charged an estimate until it answers. */
    dispatched(now: number, work: Work): void {
        this.requests.add(now, 1);
        this.inFlight[work.kind] += work.ops;
    }

    /**
     * The request dispatched at `startedMs` answered; `executionMs` is what it is charged (its observed duration, 0
     * when refused with 429: the server adds no execution time for a refused request).
     */
    answered(work: Work, startedMs: number, executionMs: number): void {
        this.inFlight[work.kind] -= work.ops;
        const ms = Math.max(0, executionMs);
        if (ms > 0) this.stats[work.kind].add(work.ops, ms);
        const at = EXECUTION_CHARGED_AT === 'arrival' ? startedMs : startedMs + ms;
        this.charges.add(at, ms);
    }

    /** Execution time charged in the window ending at `now` (answered requests only). */
    used(now: number): number {
        this.charges.prune(now);
        return this.charges.total;
    }

    /** Requests the window can still take beyond the reserve: room for writes sent one per request. */
    requestsLeft(now: number): number {
        this.requests.prune(now);
        return Math.max(0, REQUEST_LIMIT - REQUEST_RESERVE - this.requests.count);
    }

    /** Expected cost of `ops` operations of `kind`, from what that kind (or, before it answered, its sibling) cost. */
    private estimate(kind: Kind, ops: number): number {
        const { read, write, batch } = this.stats;
        if (kind === 'read') return read.known ? read.estimate(ops) : ops * PRIOR_MS_PER_OP.read;
        const [own, sibling] = kind === 'write' ? [write, batch] : [batch, write];
        if (own.known) return own.estimate(ops);
        if (!sibling.known) return ops * PRIOR_MS_PER_OP.write;
        return kind === 'batch' ? sibling.estimate(ops) * BATCH_PART_MARGIN : sibling.estimate(ops);
    }

    /** Milliseconds until `work` fits both budgets (0: now; Infinity: only an answer in flight can make room). */
    waitMs(now: number, work: Work): number {
        this.requests.prune(now);
        this.charges.prune(now);
        const extraRequests = this.requests.count + 1 - REQUEST_LIMIT;
        const forRequests = extraRequests > 0 ? this.requests.untilFreed(now, extraRequests) : 0;
        const pending = KINDS.reduce(
            (sum, kind) => sum + this.estimate(kind, this.inFlight[kind] + (work.kind === kind ? work.ops : 0)),
            0,
        );
        const excess = this.charges.total + pending - this.executionTargetMs;
        const forExecution = excess > 0 ? this.charges.untilFreed(now, excess) : 0;
        return Math.max(forRequests, forExecution);
    }
}
