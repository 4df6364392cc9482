import { setTimeout as sleep } from 'node:timers/promises';
import type { ThrottleStorm } from './contract';
import { mailboxId } from './fixture-domain';
import { json, startTestServer, type TestServer } from './test-server';

const TIME_SCALE = 1000;
const storm = (over: Partial<ThrottleStorm> = {}): ThrottleStorm => ({
    limit: 'requests',
    durationMs: 600_000,
    retryAfterMs: 30_000,
    startOn: 'now',
    ...over,
});
const reRead = (s: TestServer) => fetch(`${s.api}mailboxes(${mailboxId(1)})?$select=emailrouteraccessapproval`);
const approve = (s: TestServer) =>
    fetch(`${s.api}mailboxes(${mailboxId(1)})`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'If-Match': '*' },
        body: '{"emailrouteraccessapproval":1}',
    });

/** Re-read until the answer is not 429, each time waiting the emulated Retry-After the storm asks for. */
async function reReadThroughStorm(
    s: TestServer,
    waitEmulatedMs: number,
    timeScale: number,
): Promise<{ refusals: number; last: number }> {
    let refusals = 0;
    for (;;) {
        const res = await reRead(s);
        if (res.status !== 429) return { refusals, last: res.status };
        refusals += 1;
        await res.text();
        await sleep(waitEmulatedMs / timeScale);
    }
}

describe('emulator 429 storm', () => {
    let s: TestServer;
    beforeEach(async () => {
        s = await startTestServer({ timeScale: TIME_SCALE });
    });
    afterEach(() => s.close());

    it('refuses a re-read GET ten times and more in a row, then lets it through once the storm is over', async () => {
        // How many re-reads fit in the storm depends on how late the machine wakes the test's sleeps. At 1000× the
        // twenty 30 ms sleeps had to overshoot by less than 30 ms each; at 100× each sleep is 300 ms and may overshoot
        // by as much again, which even a loaded machine keeps to.
        await fetch(`${s.url}/_emulator/config`, { method: 'POST', body: JSON.stringify({ timeScale: 100 }) });
        const armedAt = s.emulator.now();
        s.emulator.setFaults({ throttleStorm: storm() });
        const { refusals, last } = await reReadThroughStorm(s, 30_000, 100);
        expect(refusals).toBeGreaterThanOrEqual(10);
        expect(last).toBe(200);
        const log = s.emulator.requestLog();
        expect(log.at(-1)!.startedMs - armedAt).toBeGreaterThanOrEqual(600_000);
        expect(log.at(-2)!.startedMs - armedAt).toBeLessThan(600_000);
    });

    it('answers each refusal with the requests-limit code, message and an integer Retry-After', async () => {
        s.emulator.setFaults({ throttleStorm: storm() });
        const res = await reRead(s);
        expect(res.status).toBe(429);
        expect(res.headers.get('retry-after')).toBe('1'); // 30 emulated s at 1000× is under a second: at least 1
        // The request log keeps what the client was told, so a test can tell its window from one a later 429 set.
        expect(s.emulator.requestLog().at(-1)).toMatchObject({ status: 429, retryAfterS: 1 });
        expect((await json(res)).error).toEqual({
            code: '0x80072322',
            message: 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.',
        });
    });

    it('answers the execution-time variant with 0x80072321 and its message', async () => {
        s.emulator.setFaults({ throttleStorm: storm({ limit: 'executionTime' }) });
        const res = await reRead(s);
        expect(res.status).toBe(429);
        const { error } = await json(res);
        expect(error.code).toBe('0x80072321');
        expect(error.message).toMatch(
            /^Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds over time window of 300 seconds\./,
        );
    });

    it('waits for the first answered write when asked to, so the approval lands and its re-read meets the storm', async () => {
        s.emulator.setFaults({ throttleStorm: storm({ startOn: 'afterFirstWrite' }) });
        expect((await reRead(s)).status).toBe(200);
        expect((await approve(s)).status).toBe(204);
        expect((await reRead(s)).status).toBe(429);
        const state = await json(await fetch(`${s.url}/_emulator/state/mailboxes`));
        expect(state.value.find((m: any) => m.mailboxid === mailboxId(1)).emailrouteraccessapproval).toBe(1);
    });

    it('ends when the fault is cleared', async () => {
        s.emulator.setFaults({ throttleStorm: storm() });
        expect((await reRead(s)).status).toBe(429);
        s.emulator.setFaults({ throttleStorm: null });
        expect((await reRead(s)).status).toBe(200);
    });

    it('counts every refused request in the window, so the user keeps meeting the real limit afterwards', async () => {
        s.emulator.setLimits({ maxRequests: 5, windowMs: 3_600_000 });
        s.emulator.setFaults({ throttleStorm: storm({ durationMs: 1_000_000 }) });
        for (let i = 0; i < 5; i += 1) expect((await reRead(s)).status).toBe(429);
        s.emulator.setFaults({ throttleStorm: null });
        const after = await reRead(s);
        expect(after.status).toBe(429);
        expect((await json(after)).error.code).toBe('0x80072322');
    });
});
