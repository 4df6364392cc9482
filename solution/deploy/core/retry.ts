/** When to try again after the customization lock (deploy.md §5): 6 retries, 5 s doubling to 60 s, Retry-After first. */

/** Retries after the first attempt. */
export const LOCK_RETRIES = 6;
const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = 60_000;

/** The wait before retry `attempt` (0-based): the server's Retry-After when it gave one, else 5, 10, 20, 40, 60, 60 s. */
export function lockRetryDelayMs(attempt: number, retryAfterMs?: number): number {
    if (retryAfterMs !== undefined && retryAfterMs >= 0) return retryAfterMs;
    return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt);
}
