/**
 * Service protection per user (dataverse.md §9) over a sliding window in emulated time:
 *  - requests: every arriving Web API request counts once (a $batch is ONE request), including requests that
 *    were themselves answered 429. That is how "pushing on lengthens Retry-After" is modelled: each request sent
 *    while throttled lands in the window and moves the moment it is low enough further out;
 *  - execution time: each admitted request adds its simulated cost (a $batch adds every part) at arrival;
 *  - concurrency: requests in flight (held for their cost), refused immediately above the limit.
 * Retry-After = time until enough of the window slides out, converted to REAL seconds (rounded up, ≥ 1) so a
 * client sleeping with real timers against a scaled emulator waits the right emulated time.
 */
import type { Limits } from './contract';
import { COST_MODELS, ENVIRONMENTS } from './cost';
import { CODES, odataError } from './errors';
import type { OpResult } from './types';

/** Real service-protection limits (dataverse.md §9) plus the emulator's cost model. */
export const DEFAULT_LIMITS: Limits = {
    windowMs: 300_000,
    maxRequests: 6_000,
    maxExecutionMs: 1_200_000,
    maxConcurrent: 52,
    costMs: { ...COST_MODELS.default },
    dopHint: ENVIRONMENTS.small.dopHint,
};

/** The platform's texts for the two window limits (dataverse.md §9; Microsoft Learn "Service protection API limits"). */
const BREACH_MESSAGES = {
    requests: (l: Limits) =>
        `Number of requests exceeded the limit of ${l.maxRequests} over time window of ${l.windowMs / 1000} seconds.`,
    executionTime: (l: Limits) =>
        `Combined execution time of incoming requests exceeded limit of ${l.maxExecutionMs.toLocaleString('en-US')} milliseconds over time window of ${l.windowMs / 1000} seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.`,
};

/** A window limit a request can breach. */
export type WindowLimit = keyof typeof BREACH_MESSAGES;

type Hit = { t: number; cost: number };
type UserWindow = { hits: Hit[]; head: number; costSum: number; inflight: number; retryUntil: number };

/** Service protection state. */
export type Protection = {
    /** Records the arrival; returns a 429 result when a limit is breached, else undefined (and counts in-flight). */
    admit(userId: string, nowMs: number, costMs: number): OpResult | undefined;
    /**
     * Records the arrival and refuses it as a breach of `limit` that lasts `waitMs` (emulated) more: the user's window
     * is held full by load the emulator does not see itself (a 429 storm; storm.ts).
     */
    refuseAsFull(userId: string, nowMs: number, limit: WindowLimit, waitMs: number): OpResult;
    release(userId: string): void;
    /** True when an earlier 429's Retry-After has not elapsed yet (check BEFORE admit). */
    insideRetryAfter(userId: string, nowMs: number): boolean;
    headers(userId: string, nowMs: number): Record<string, string>;
    reset(): void;
};

function prune(u: UserWindow, windowMs: number, now: number): void {
    const from = now - windowMs;
    while (u.head < u.hits.length && u.hits[u.head].t <= from) {
        u.costSum -= u.hits[u.head].cost;
        u.head += 1;
    }
    if (u.head > 1024 && u.head * 2 > u.hits.length) {
        u.hits = u.hits.slice(u.head);
        u.head = 0;
    }
}

function count(u: UserWindow): number {
    return u.hits.length - u.head;
}

/** Emulated ms until the oldest entries have slid out and the count is below the limit again. */
function untilRequestsFit(u: UserWindow, l: Limits, now: number): number {
    const mustLeave = count(u) - l.maxRequests; // index of the last entry that must slide out
    return u.hits[u.head + Math.max(0, mustLeave)].t + l.windowMs - now;
}

/** Emulated ms until enough cost has slid out that the sum is below the budget again. */
function untilTimeFits(u: UserWindow, l: Limits, now: number): number {
    let sum = u.costSum;
    let i = u.head;
    while (i < u.hits.length && sum >= l.maxExecutionMs) {
        sum -= u.hits[i].cost;
        i += 1;
    }
    return u.hits[Math.max(u.head, i - 1)].t + l.windowMs - now;
}

/** Creates the limiter; `limits()` is read on every call so setLimits applies at once. */
export function createProtection(limits: () => Limits, toRealMs: (emulatedMs: number) => number): Protection {
    const users = new Map<string, UserWindow>();
    const user = (id: string): UserWindow => {
        let u = users.get(id);
        if (!u) users.set(id, (u = { hits: [], head: 0, costSum: 0, inflight: 0, retryUntil: -Infinity }));
        return u;
    };
    const refuse = (u: UserWindow, now: number, waitEmulatedMs: number, code: string, message: string): OpResult => {
        const seconds = Math.max(1, Math.ceil(toRealMs(waitEmulatedMs) / 1000));
        // Back to emulated time: real ms × (emulated ms per real ms).
        u.retryUntil = Math.max(u.retryUntil, now + (seconds * 1000) / toRealMs(1));
        return odataError(429, code, message, { 'Retry-After': String(seconds) });
    };

    return {
        admit(userId, now, costMs) {
            const l = limits();
            const u = user(userId);
            prune(u, l.windowMs, now);
            if (u.inflight >= l.maxConcurrent) {
                u.hits.push({ t: now, cost: 0 });
                return refuse(
                    u,
                    now,
                    0,
                    CODES.concurrent,
                    `Number of concurrent requests exceeded the limit of ${l.maxConcurrent}.`,
                );
            }
            if (count(u) >= l.maxRequests) {
                u.hits.push({ t: now, cost: 0 });
                return refuse(u, now, untilRequestsFit(u, l, now), CODES.requests, BREACH_MESSAGES.requests(l));
            }
            if (u.costSum >= l.maxExecutionMs) {
                u.hits.push({ t: now, cost: 0 });
                return refuse(u, now, untilTimeFits(u, l, now), CODES.executionTime, BREACH_MESSAGES.executionTime(l));
            }
            u.hits.push({ t: now, cost: costMs });
            u.costSum += costMs;
            u.inflight += 1;
            return undefined;
        },
        refuseAsFull(userId, now, limit, waitMs) {
            const u = user(userId);
            u.hits.push({ t: now, cost: 0 });
            const code = limit === 'requests' ? CODES.requests : CODES.executionTime;
            return refuse(u, now, waitMs, code, BREACH_MESSAGES[limit](limits()));
        },
        release(userId) {
            const u = user(userId);
            u.inflight = Math.max(0, u.inflight - 1);
        },
        insideRetryAfter: (userId, now) => now < user(userId).retryUntil,
        headers(userId, now) {
            const l = limits();
            const u = user(userId);
            prune(u, l.windowMs, now);
            return {
                'x-ms-dop-hint': String(l.dopHint),
                'x-ms-ratelimit-burst-remaining-xrm-requests': String(Math.max(0, l.maxRequests - count(u))),
                'x-ms-ratelimit-time-remaining-xrm-requests': (
                    Math.max(0, l.maxExecutionMs - u.costSum) / 1000
                ).toFixed(2),
            };
        },
        reset: () => users.clear(),
    };
}
