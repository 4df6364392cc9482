/**
 * The 429 storm fault (contract.ts ThrottleStorm): while it lasts, every Web API request of the user is refused as a
 * breach of one window limit, reads included, so a client meets 429 on the same request many times in a row — what a
 * retry cap turns into an aborted run (issue 14). Each refusal still lands in the user's window, as every arriving
 * request does (protection.ts).
 */
import type { Engine } from './engine';
import type { OpResult } from './types';

/** (Re)arm the storm after its fault is set or the emulator is reset. */
export function armStorm(e: Engine): void {
    e.stormStartedMs = e.faults.throttleStorm?.startOn === 'now' ? e.clock.now() : undefined;
}

/** Start a storm that waits for the first answered write. */
export function noteAnsweredWrite(e: Engine, method: string): void {
    if (method === 'GET' || e.stormStartedMs !== undefined) return;
    if (e.faults.throttleStorm?.startOn === 'afterFirstWrite') e.stormStartedMs = e.clock.now();
}

/** The 429 for a request arriving during the storm, else undefined. */
export function stormRefusal(e: Engine, userId: string, nowMs: number): OpResult | undefined {
    const storm = e.faults.throttleStorm;
    if (!storm || e.stormStartedMs === undefined) return undefined;
    const left = e.stormStartedMs + storm.durationMs - nowMs;
    if (left <= 0) return undefined;
    return e.protection.refuseAsFull(userId, nowMs, storm.limit, Math.min(storm.retryAfterMs, left));
}
