/**
 * Client-side time at the emulator's pace. The emulator runs `timeScale`× faster than real time
 * (tests/sandbox/emulator/clock.ts), so the client must too: a virtual clock that advances `timeScale` emulated ms per
 * real ms, and a sleep that really waits delay / timeScale while the clock advances by the full delay — the
 * `scaledDeps` pattern of tests/dataverse/connection-test.test.ts, made continuous so request durations (which feed
 * the gate's execution budget) are measured in emulated ms as well.
 */
import { realSleep, type FetchLike } from '../src/dataverse/http';
import type { Clock, Sleep } from '../src/core/scheduler/gate';

/** A clock, a sleep and a fetch that all live in emulated time. */
export type ScaledTime = { timeScale: number; now: Clock; sleep: Sleep; fetch: FetchLike };

/**
 * The emulator sends Retry-After in REAL seconds (emulator README "Scaled time") for clients that sleep in real time.
 * This client sleeps in emulated time, so the header is converted to emulated seconds on the way in.
 */
function toEmulatedRetryAfter(response: Response, timeScale: number): Response {
    const value = response.headers.get('Retry-After');
    const seconds = Number(value);
    if (value === null || !Number.isFinite(seconds)) return response;
    const headers = new Headers(response.headers);
    headers.set('Retry-After', String(seconds * timeScale));
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** Scaled time starting at the local clock. */
export function scaledTime(timeScale: number): ScaledTime {
    const baseReal = performance.now();
    const baseVirtual = Date.now();
    return {
        timeScale,
        now: () => baseVirtual + (performance.now() - baseReal) * timeScale,
        sleep: (ms, signal) => realSleep(ms / timeScale, signal),
        fetch: async (url, init) => toEmulatedRetryAfter(await fetch(url, init), timeScale),
    };
}
