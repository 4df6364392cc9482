import * as React from 'react';
import { DataverseUnreachableError, type ProfileRecord } from '../../core/profile';
import { messageOf } from '../common';

/** Loading state of the profile record. */
export type ProfileState =
    | { status: 'loading' }
    | { status: 'loaded'; profile: ProfileRecord }
    | { status: 'failed'; message: string; isUnreachable: boolean };

/**
 * Load the profile through the injected loader; `reload` retries after a failure; `refresh` re-reads a loaded
 * profile in place (no loading state, a failed re-read keeps what was read).
 */
export function useProfile(
    profileId: string | undefined,
    loadProfile: (signal: AbortSignal) => Promise<ProfileRecord>,
): { state: ProfileState; reload: () => void; refresh: () => void } {
    const [state, setState] = React.useState<ProfileState>({ status: 'loading' });
    const [attempt, setAttempt] = React.useState(0);
    const refreshing = React.useRef<AbortController>();
    React.useEffect(() => {
        if (!profileId) return undefined;
        const controller = new AbortController();
        setState({ status: 'loading' });
        loadProfile(controller.signal)
            .then((profile) => setState({ status: 'loaded', profile }))
            .catch((error: unknown) => {
                if (!controller.signal.aborted)
                    setState({
                        status: 'failed',
                        message: messageOf(error),
                        isUnreachable: error instanceof DataverseUnreachableError,
                    });
            });
        return () => controller.abort();
    }, [profileId, loadProfile, attempt]);
    React.useEffect(() => () => refreshing.current?.abort(), []);
    const reload = React.useCallback(() => setAttempt((count) => count + 1), []);
    const refresh = React.useCallback(() => {
        if (!profileId) return;
        refreshing.current?.abort();
        const controller = new AbortController();
        refreshing.current = controller;
        loadProfile(controller.signal)
            .then(
                (profile) =>
                    !controller.signal.aborted &&
                    setState((current) => (current.status === 'loaded' ? { status: 'loaded', profile } : current)),
            )
            .catch(() => undefined);
    }, [profileId, loadProfile]);
    return { state, reload, refresh };
}
