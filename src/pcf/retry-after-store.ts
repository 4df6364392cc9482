/**
 * Dataverse's Retry-After holds for the user, not for one page (dataverse.md §9): a reload during a pause must not
 * send its first request inside the window the previous page was told about (issue 14 item 3). The end of each pause
 * is kept in the session's storage as it starts, and a new client waits for it before its first request.
 */
import type { RequestGate } from '../core/scheduler/gate';

/** Storage key of the end of the last Retry-After pause (epoch ms). */
export const RETRY_AFTER_KEY = 'esp.retryAfterUntil';

/** Make `gate` honour a pause stored by an earlier page and store its own pauses; returns the unsubscribe. */
export function keepRetryAfterAcrossReloads(
    gate: RequestGate,
    storage: Pick<Storage, 'getItem' | 'setItem'> | undefined,
): () => void {
    if (!storage) return () => undefined;
    // On the gate's own clock (epoch ms); a pause already over holds nothing.
    const until = Number(storage.getItem(RETRY_AFTER_KEY));
    if (Number.isFinite(until) && until > 0) gate.pauseUntil(until);
    return gate.onPause((resumeAt) => {
        try {
            storage.setItem(RETRY_AFTER_KEY, String(resumeAt));
        } catch {
            // Storage full or blocked: a reloaded page may ask once inside the window and be told to wait again.
        }
    });
}
