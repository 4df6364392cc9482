/**
 * Faults that last a while (contract.ts ThrottleStorm, SignedOut): each starts when set (`startOn: 'now'`) or once the
 * first non-GET request has been answered (`'afterFirstWrite'`: the approvals land, what follows meets the fault), and
 * ends `durationMs` emulated ms later.
 */
import type { Faults } from './contract';
import type { Engine } from './engine';
import type { OpResult } from './types';

/** The faults with a start and a duration. */
export const TIMED_FAULTS = ['throttleStorm', 'signedOut'] as const;

/** One timed fault's name. */
export type TimedFault = (typeof TIMED_FAULTS)[number];

/** (Re)arm the timed faults named in `changed` (all by default) after they are set or the emulator is reset. */
export function armTimedFaults(e: Engine, changed: Partial<Faults> = e.faults): void {
    for (const name of TIMED_FAULTS) {
        if (!(name in changed)) continue;
        if (e.faults[name]?.startOn === 'now') e.faultStartedMs[name] = e.clock.now();
        else delete e.faultStartedMs[name];
    }
}

/** Start the timed faults that wait for the first answered write. */
export function noteAnsweredWrite(e: Engine, method: string): void {
    if (method === 'GET') return;
    for (const name of TIMED_FAULTS)
        if (e.faults[name]?.startOn === 'afterFirstWrite' && e.faultStartedMs[name] === undefined)
            e.faultStartedMs[name] = e.clock.now();
}

/** Emulated ms the timed fault has left at `nowMs`, or undefined when it is not in force. */
export function timeLeft(e: Engine, name: TimedFault, nowMs: number): number | undefined {
    const fault = e.faults[name];
    const started = e.faultStartedMs[name];
    if (!fault || started === undefined) return undefined;
    const left = started + fault.durationMs - nowMs;
    return left > 0 ? left : undefined;
}

/** The 429 for a request arriving during a 429 storm, else undefined. */
export function stormRefusal(e: Engine, userId: string, nowMs: number): OpResult | undefined {
    const storm = e.faults.throttleStorm;
    const left = timeLeft(e, 'throttleStorm', nowMs);
    if (!storm || left === undefined) return undefined;
    return e.protection.refuseAsFull(userId, nowMs, storm.limit, Math.min(storm.retryAfterMs, left));
}
