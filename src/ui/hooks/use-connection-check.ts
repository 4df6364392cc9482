import * as React from 'react';
import type { LastTestVerdict } from '../../core/connection-test/last-test';
import { messageOf } from '../common';

/** Reads what the last connection test says about a run; resolves null when there is nothing to warn about. */
export type CheckConnection = (signal?: AbortSignal) => Promise<LastTestVerdict | null>;

/** Where the check for the open run confirmation stands. */
export type ConnectionCheck =
    | { status: 'checking' }
    | { status: 'done'; verdict: LastTestVerdict | null }
    | { status: 'failed'; message: string };

const NOTHING_TO_SAY: ConnectionCheck = { status: 'done', verdict: null };

/** Check the last connection test each time a run confirmation opens (read fresh: a test may just have run). */
export function useConnectionCheck(check: CheckConnection | undefined, isOpen: boolean): ConnectionCheck {
    const [state, setState] = React.useState<ConnectionCheck>(NOTHING_TO_SAY);
    React.useEffect(() => {
        if (!isOpen || !check) return undefined;
        const controller = new AbortController();
        setState({ status: 'checking' });
        check(controller.signal)
            .then((verdict) => controller.signal.aborted || setState({ status: 'done', verdict }))
            .catch(
                (error: unknown) =>
                    controller.signal.aborted || setState({ status: 'failed', message: messageOf(error) }),
            );
        return () => controller.abort();
    }, [check, isOpen]);
    return check ? state : NOTHING_TO_SAY;
}
