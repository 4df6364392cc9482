import { AdaptiveLimits, chunkSize, CODE_EXECUTION_TIME, DEFAULT_ADAPTIVE } from '../../../src/core/scheduler/adaptive';
import { REQUEST_LIMIT, REQUEST_RESERVE, WindowBudget, WINDOW_MS } from '../../../src/core/scheduler/budget';
import { RequestGate } from '../../../src/core/scheduler/gate';
import { parseRetryAfter } from '../../../src/core/scheduler/retry-after';
import { FakeClock, flush } from './fake-clock';

function gateWith(clock: FakeClock, initialConcurrency = 4): RequestGate {
    return new RequestGate({
        now: clock.now,
        sleep: clock.sleep,
        adaptive: { ...DEFAULT_ADAPTIVE, initialConcurrency },
    });
}

describe('parseRetryAfter', () => {
    it.each([
        ['7', 0, 7000],
        ['0', 0, 0],
        ['Thu, 01 Jan 1970 00:00:10 GMT', 4000, 6000],
        ['Thu, 01 Jan 1970 00:00:01 GMT', 4000, 0],
        ['soon', 0, undefined],
        ['', 0, undefined],
        [null, 0, undefined],
    ])('reads %j at %i as %j ms', (value, now, expected) => expect(parseRetryAfter(value, now)).toBe(expected));
});

describe('RequestGate', () => {
    it('tells its listeners when a pause starts or grows, never when a shorter one is asked for', () => {
        const clock = new FakeClock();
        const gate = gateWith(clock);
        const heard: number[] = [];
        const stop = gate.onPause((at) => heard.push(at));
        gate.onResponse({ status: 429, retryAfterMs: 10_000 });
        gate.onResponse({ status: 429, retryAfterMs: 4_000 });
        gate.onResponse({ status: 429, retryAfterMs: 12_000 });
        gate.onResponse({ status: 200 });
        stop();
        gate.onResponse({ status: 429, retryAfterMs: 60_000 });
        expect(heard).toEqual([10_000, 12_000]);
        expect(gate.resumeAt).toBe(60_000);
    });

    it('dispatches nothing inside a Retry-After window', async () => {
        const clock = new FakeClock();
        const gate = gateWith(clock);
        gate.onResponse({ status: 429, retryAfterMs: 10_000 });
        const dispatchedAt: number[] = [];
        for (let i = 0; i < 3; i++) void gate.acquire().then((release) => (dispatchedAt.push(clock.now()), release()));
        await clock.advance(9_999);
        expect(dispatchedAt).toEqual([]);
        expect(gate.isPaused()).toBe(true);
        await clock.advance(1);
        expect(dispatchedAt).toEqual([10_000, 10_000, 10_000]);
    });

    it('holds waiters already queued for a slot when a 429 arrives', async () => {
        const clock = new FakeClock();
        const gate = gateWith(clock, 1);
        const first = await gate.acquire();
        let second = false;
        void gate.acquire().then(() => (second = true));
        gate.onResponse({ status: 429, retryAfterMs: 5_000 });
        first();
        await clock.advance(4_000);
        expect(second).toBe(false);
        await clock.advance(1_000);
        expect(second).toBe(true);
    });

    it('never lets more than the limit hold a slot', async () => {
        const clock = new FakeClock();
        const gate = gateWith(clock, 3);
        let active = 0;
        let peak = 0;
        const task = async (): Promise<void> => {
            const release = await gate.acquire();
            active += 1;
            peak = Math.max(peak, active);
            await clock.sleep(100);
            active -= 1;
            release();
        };
        const all = Promise.all(Array.from({ length: 20 }, task));
        await clock.advance(10_000);
        await all;
        expect(peak).toBe(3);
        expect(gate.inFlight).toBe(0);
    });

    it('halves concurrency on 429 and grows it back additively on success', () => {
        const clock = new FakeClock();
        const gate = gateWith(clock, 8);
        gate.onResponse({ status: 429, retryAfterMs: 1 });
        expect(gate.limit).toBe(4);
        gate.onResponse({ status: 429, retryAfterMs: 1 });
        expect(gate.limit).toBe(2);
        for (let i = 0; i < 2; i++) gate.onResponse({ status: 200 });
        expect(gate.limit).toBe(3);
        for (let i = 0; i < 3; i++) gate.onResponse({ status: 200 });
        expect(gate.limit).toBe(4);
    });

    it('never shortens an existing pause', () => {
        const clock = new FakeClock();
        const gate = gateWith(clock);
        gate.onResponse({ status: 429, retryAfterMs: 10_000 });
        gate.onResponse({ status: 429, retryAfterMs: 1_000 });
        expect(gate.resumeAt).toBe(10_000);
    });

    it('rejects acquire when the signal aborts during a pause', async () => {
        const clock = new FakeClock();
        const gate = gateWith(clock);
        gate.onResponse({ status: 429, retryAfterMs: 10_000 });
        const controller = new AbortController();
        const result = gate.acquire(controller.signal).then(
            () => 'acquired',
            () => 'aborted',
        );
        controller.abort();
        await flush();
        expect(await result).toBe('aborted');
    });
});

describe('RequestGate slot hand-over', () => {
    it('gives a freed slot to a live waiter, not to one that was aborted', async () => {
        const clock = new FakeClock();
        const gate = gateWith(clock, 1);
        const first = await gate.acquire();
        const controller = new AbortController();
        const aborted = gate.acquire(controller.signal).catch(() => 'aborted');
        let live = false;
        void gate.acquire().then(() => (live = true));
        controller.abort();
        expect(await aborted).toBe('aborted');
        first();
        await flush();
        expect(live).toBe(true);
    });
});

describe('AdaptiveLimits', () => {
    it.each([
        [{ status: 200, dopHint: 6 }, 6, 6],
        [{ status: 200, dopHint: 48 }, 48, 48],
        [{ status: 200, dopHint: 2 }, 2, 2],
        [{ status: 200, dopHint: 500 }, 50, 50],
    ])('runs at the dop hint the server sends, never above 50: %j', (outcome, afterFirst, ceiling) => {
        const limits = new AdaptiveLimits();
        limits.observe(outcome);
        expect(limits.concurrency).toBe(afterFirst);
        for (let i = 0; i < 10_000; i++) limits.observe({ status: 200 });
        expect(limits.concurrency).toBe(ceiling);
    });

    it('grows the batch size from 10 to 100 (dataverse.md §9) and halves it on 429 or execution-time errors', () => {
        const limits = new AdaptiveLimits();
        expect(limits.batchSize).toBe(10);
        for (let i = 0; i < 100; i++) limits.observe({ status: 200 });
        expect(limits.batchSize).toBe(100);
        limits.observe({ status: 429 });
        expect(limits.batchSize).toBe(50);
        limits.observe({ status: 400, code: CODE_EXECUTION_TIME });
        expect(limits.batchSize).toBe(25);
    });

    it('never drops below one', () => {
        const limits = new AdaptiveLimits();
        for (let i = 0; i < 20; i++) limits.observe({ status: 429 });
        expect([limits.concurrency, limits.batchSize]).toEqual([1, 1]);
    });
});

describe('WindowBudget', () => {
    const write = (ops: number) => ({ kind: 'write' as const, ops });

    it('waits until enough of the window slides out to stay under the target', () => {
        const budget = new WindowBudget(100_000);
        budget.dispatched(0, write(1));
        budget.answered(write(1), 0, 40_000);
        budget.dispatched(1_000, write(1));
        budget.answered(write(1), 1_000, 40_000);
        // The next write is expected to cost what writes have cost (40,000): 120,000 > 100,000 until the first slides out.
        expect(budget.waitMs(2_000, write(1))).toBe(WINDOW_MS - 2_000);
        expect(budget.waitMs(WINDOW_MS, write(1))).toBe(0);
    });

    it('lets requests through while the window has room', () => {
        const budget = new WindowBudget(100_000);
        budget.dispatched(0, write(1));
        budget.answered(write(1), 0, 1_000);
        expect(budget.waitMs(10, write(3))).toBe(0);
    });

    it('charges a request where the server does, at its arrival, so it slides out 300 s after it left', () => {
        const budget = new WindowBudget(10_000);
        budget.dispatched(0, write(1));
        budget.answered(write(1), 0, 9_000);
        expect(budget.used(WINDOW_MS - 1)).toBe(9_000);
        expect(budget.used(WINDOW_MS)).toBe(0);
    });

    it('charges nothing for a refused request but counts it against the request limit', () => {
        const budget = new WindowBudget();
        for (let i = 0; i < REQUEST_LIMIT; i++) {
            budget.dispatched(i, write(1));
            budget.answered(write(1), i, 0);
        }
        expect(budget.used(REQUEST_LIMIT)).toBe(0);
        expect(budget.requestsLeft(REQUEST_LIMIT)).toBe(0);
        // The next request fits when the first one slides out.
        expect(budget.waitMs(REQUEST_LIMIT, write(1))).toBe(WINDOW_MS - REQUEST_LIMIT);
    });

    it('finds when enough slides out though answers arrive out of dispatch order', () => {
        const budget = new WindowBudget(10_000);
        // Dispatched at 0, 100 and 200; the one from 100 answers last, so its charge is inserted behind the others.
        budget.dispatched(0, write(1));
        budget.dispatched(100, write(1));
        budget.dispatched(200, write(1));
        budget.answered(write(1), 0, 4_000);
        budget.answered(write(1), 200, 2_000);
        budget.answered(write(1), 100, 3_000);
        expect(budget.used(300)).toBe(9_000);
        // A write (≈ 3,200 + 3σ) needs about 4,700 of the 9,000 to slide out: the charges of 0 and 100, at 300,100.
        expect(budget.waitMs(300, write(1))).toBe(WINDOW_MS + 100 - 300);
        expect(budget.used(WINDOW_MS + 100)).toBe(2_000);
    });

    it('keeps a reserve of the request limit out of the room for writes sent one per request', () => {
        const budget = new WindowBudget();
        budget.dispatched(0, write(100));
        expect(budget.requestsLeft(1)).toBe(REQUEST_LIMIT - REQUEST_RESERVE - 1);
    });

    it('charges work in flight with its estimate, so a full window waits for an answer', () => {
        const budget = new WindowBudget(10_000);
        budget.dispatched(0, write(1));
        budget.answered(write(1), 0, 1_000);
        for (let i = 0; i < 10; i++) budget.dispatched(1, write(1));
        // 10 in flight + 1 more at 1,000 each exceed 10,000 even with the window empty.
        expect(budget.waitMs(2, write(1))).toBe(Infinity);
        budget.answered(write(1), 1, 1_000);
        expect(budget.waitMs(2, write(1))).toBe(WINDOW_MS - 2 + 1);
    });
});

describe('RequestGate budget', () => {
    it('slows the gate down before the server would throttle', async () => {
        const clock = new FakeClock();
        const gate = new RequestGate({ now: clock.now, sleep: clock.sleep, budgetMs: 10_000 });
        (await gate.acquire(undefined, { kind: 'write', ops: 1 }))(9_000);
        let dispatched = false;
        void gate.acquire(undefined, { kind: 'write', ops: 1 }).then(() => (dispatched = true));
        await clock.advance(WINDOW_MS - 1);
        expect(dispatched).toBe(false);
        await clock.advance(1);
        expect(dispatched).toBe(true);
    });
});

describe('chunkSize', () => {
    it('uses the gate batch size while plenty of work is left', () => {
        expect(chunkSize(1000, { batchSize: 100, limit: 4 })).toBe(100);
    });
    it('splits the tail evenly across the parallel slots', () => {
        expect(chunkSize(120, { batchSize: 100, limit: 4 })).toBe(30);
        expect(chunkSize(3, { batchSize: 100, limit: 4 })).toBe(1);
    });
    it('never returns less than one, even with a zero limit', () => {
        expect(chunkSize(0, { batchSize: 100, limit: 0 })).toBe(1);
    });
});
