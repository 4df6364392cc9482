import * as React from 'react';
import type { ConnectionTestView } from '../connection/connection-state';
import { useNowWhile } from './use-now-while';

/** Runs the test; reports intermediate views and resolves with the final one. Supplied by src/pcf. */
export type RunConnectionTest = (
    canaryId: string,
    onView: (view: ConnectionTestView) => void,
    signal: AbortSignal,
) => Promise<ConnectionTestView>;

/** State of the connection test card: run, cancel, and a one-second tick for the countdown while running. */
export function useConnectionTest(runTest: RunConnectionTest | undefined, now: () => number) {
    const [view, setView] = React.useState<ConnectionTestView>({ status: 'idle' });
    const nowMs = useNowWhile(view.status === 'running', now);
    const controller = React.useRef<AbortController>();
    React.useEffect(() => () => controller.current?.abort(), []);
    const run = React.useCallback(
        (canaryId: string) => {
            if (!runTest) return;
            controller.current?.abort();
            const current = new AbortController();
            controller.current = current;
            setView({ status: 'running', step: 'queued', polls: 0 });
            runTest(canaryId, (next) => !current.signal.aborted && setView(next), current.signal)
                .then((final) => !current.signal.aborted && setView(final))
                .catch(() => setView(current.signal.aborted ? { status: 'cancelled' } : { status: 'timedOut' }));
        },
        [runTest],
    );
    const cancel = React.useCallback(() => {
        controller.current?.abort();
        setView({ status: 'cancelled' });
    }, []);
    return { view, nowMs, run, cancel };
}
