import * as React from 'react';

/** A once-a-second clock while `active` (a countdown on screen), so the countdown moves; still otherwise. */
export function useNowWhile(active: boolean, now: () => number = Date.now): number {
    const [nowMs, setNowMs] = React.useState(now);
    React.useEffect(() => {
        if (!active) return undefined;
        // The clock stood still while inactive: catch up at once, or the first second counts from a stale time.
        setNowMs(now());
        const timer = window.setInterval(() => setNowMs(now()), 1000);
        return () => window.clearInterval(timer);
    }, [active, now]);
    return nowMs;
}
