import * as React from 'react';

/** Validation waits this long after the last keystroke (blur validates at once). */
export const VALIDATION_DELAY_MS = 250;

/**
 * The value validation should look at: follows `value` after `delayMs` of quiet, or at once on `commit()`
 * (blur, "apply fix"). `commit(next)` commits a value the caller has just set and React has not rendered yet.
 */
export function useDebouncedCommit(
    value: string,
    delayMs = VALIDATION_DELAY_MS,
): { committed: string; commit: (next?: string) => void } {
    const [committed, setCommittedState] = React.useState(value);
    const latest = React.useRef(value);
    latest.current = value;
    const committedRef = React.useRef(committed);
    const setCommitted = React.useCallback((next: string) => {
        committedRef.current = next;
        setCommittedState(next);
    }, []);
    React.useEffect(() => {
        // Nothing to wait for (e.g. right after blur or "apply fix"): no timer, no needless render.
        if (value === committedRef.current) return undefined;
        const timer = setTimeout(() => setCommitted(value), delayMs);
        return () => clearTimeout(timer);
    }, [value, delayMs, setCommitted]);
    const commit = React.useCallback((next?: string) => setCommitted(next ?? latest.current), [setCommitted]);
    return { committed, commit };
}
