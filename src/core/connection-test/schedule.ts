/**
 * When to look again at a canary's Test & Enable. There is no SLA: the legacy dialog polled every 5 s for up to
 * 15 min, one deployment tool gave up after 90 s and reported false failures (dataverse.md §6; pain-points §3).
 * We poll quickly at first, back off, and stop at an overall time-out the admin can see.
 */

/** Poll delays in ms; the last one repeats. */
export const CONNECTION_TEST_POLL_DELAYS_MS: readonly number[] = [5_000, 5_000, 10_000, 15_000, 30_000, 60_000];
/** Overall time-out: the legacy dialog's 15 minutes. */
export const CONNECTION_TEST_TIMEOUT_MS = 15 * 60_000;

/** Delay before poll number `attempt` (0-based). */
export function pollDelay(attempt: number): number {
    const delays = CONNECTION_TEST_POLL_DELAYS_MS;
    return delays[Math.min(Math.max(0, attempt), delays.length - 1)];
}

/** When the next poll happens, or undefined when the time-out is reached first. */
export function nextPollAt(startedAtMs: number, nowMs: number, attempt: number): number | undefined {
    const at = nowMs + pollDelay(attempt);
    return at - startedAtMs > CONNECTION_TEST_TIMEOUT_MS ? undefined : at;
}
