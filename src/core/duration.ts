/**
 * A length of time in the unit an admin reads best: whole seconds under a minute, else minutes to one decimal. The
 * stall limit (`pauseAfterMinutes`) may be a fraction of a minute: 0.1 is "6 seconds", never "0 minutes".
 */

/** A duration as a number and the Intl unit it is counted in (Intl.NumberFormat style 'unit'). */
export type DurationParts = { value: number; unit: 'second' | 'minute' };

/** Split `ms` into a value and a unit: seconds (at least 1) under one minute, minutes rounded to 0.1 from there. */
export function durationParts(ms: number): DurationParts {
    if (ms < 60_000) return { value: Math.max(1, Math.round(ms / 1000)), unit: 'second' };
    return { value: Math.round(ms / 6_000) / 10, unit: 'minute' };
}
