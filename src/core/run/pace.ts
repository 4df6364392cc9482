/**
 * How fast a bulk run goes and how long it has left, measured from what it did since it started here — never a
 * guess from a nominal rate. Waits (Retry-After, re-reads) are part of the measurement, so the estimate already
 * includes them. What is measured is the part the run controls: a mailbox counts once it is handed to Dynamics
 * (its Test & Enable queued) or ended. How long Dynamics then takes to test is its own (no SLA, dataverse.md §6),
 * so no time is promised for it.
 */
import { endedCount, type LedgerSummary } from './ledger';

/** Mailboxes handed to Dynamics: Test & Enable queued and waiting for its result, or already ended. */
export function handedOverCount(summary: LedgerSummary): number {
    return endedCount(summary) + summary.testing;
}

/** A point of the run: when (epoch ms) and how many mailboxes were done by then. */
export type PacePoint = { atMs: number; done: number };

/** Mailboxes a minute and seconds left; null while there is too little to measure. */
export type Pace = { perMinute: number | null; secondsLeft: number | null };

/** Below this much measured time an estimate swings too much to show. */
export const MIN_MEASURE_MS = 20_000;

/**
 * The pace between `start` and `now` for a run of `total` mailboxes. Null until at least MIN_MEASURE_MS have passed
 * and one mailbox was done since the start; seconds left is 0 once everything is done.
 */
export function measurePace(start: PacePoint, now: PacePoint, total: number): Pace {
    const elapsedMs = now.atMs - start.atMs;
    const doneSince = now.done - start.done;
    if (now.done >= total) return { perMinute: null, secondsLeft: 0 };
    if (elapsedMs < MIN_MEASURE_MS || doneSince <= 0) return { perMinute: null, secondsLeft: null };
    const perMs = doneSince / elapsedMs;
    return { perMinute: perMs * 60_000, secondsLeft: Math.ceil((total - now.done) / perMs / 1000) };
}
