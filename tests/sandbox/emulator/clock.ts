/**
 * Scaled time: emulated now runs `timeScale`× faster than real time from a fixed epoch, so limits, Retry-After
 * windows and the domain's job delays can be exercised in seconds. Changing the scale re-bases the clock, so
 * emulated time never jumps backwards.
 */

/** Fixed emulated start: 2026-11-23 09:00 UTC (deterministic modifiedon values for a given seed). */
export const EPOCH_MS = Date.UTC(2026, 10, 23, 9);

/** A scaled clock. */
export type ScaledClock = {
    now(): number;
    scale(): number;
    setScale(timeScale: number): void;
    /** Real milliseconds that `emulatedMs` of emulated time take at the current scale. */
    toRealMs(emulatedMs: number): number;
    reset(): void;
};

/** Creates a clock starting at EPOCH_MS. */
export function createClock(timeScale = 1, realNow: () => number = () => performance.now()): ScaledClock {
    let scale = timeScale > 0 ? timeScale : 1;
    let baseReal = realNow();
    let baseEmulated = EPOCH_MS;
    const now = () => baseEmulated + (realNow() - baseReal) * scale;
    return {
        now,
        scale: () => scale,
        setScale(next) {
            if (!(next > 0)) throw new RangeError('timeScale must be > 0');
            baseEmulated = now();
            baseReal = realNow();
            scale = next;
        },
        toRealMs: (emulatedMs) => emulatedMs / scale,
        reset() {
            baseReal = realNow();
            baseEmulated = EPOCH_MS;
        },
    };
}
