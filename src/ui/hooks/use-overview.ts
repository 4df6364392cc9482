import * as React from 'react';
import type { LastTestRecord } from '../../core/connection-test/last-test';
import type { ReadinessItemId } from '../../core/readiness/items';
import { messageOf } from '../common';
import type { ConnectionActions, MailboxActions, OverviewActions } from '../actions';
import type { ConnectionTestView } from '../connection/connection-state';
import type { ExpiryProblem } from '../credentials/SecretExpiry';
import type { CountsState } from '../overview/MailboxesCard';
import type { ConnectionSummary } from '../overview/OverviewCards';

/** The mailbox counts, read again on `reload` (after a run, a connection test, a refresh of the list). */
export function useMailboxCounts(actions: OverviewActions) {
    const [state, setState] = React.useState<CountsState>({ status: 'loading' });
    const [generation, setGeneration] = React.useState(0);
    const reload = React.useCallback(() => setGeneration((count) => count + 1), []);
    React.useEffect(() => {
        const controller = new AbortController();
        actions
            .countMailboxes(controller.signal)
            .then((counts) => controller.signal.aborted || setState({ status: 'loaded', counts }))
            .catch(
                (error: unknown) =>
                    controller.signal.aborted || setState({ status: 'failed', message: messageOf(error) }),
            );
        return () => controller.abort();
    }, [actions, generation]);
    return { state, reload };
}

/**
 * Calls `onEnd` each time a bulk run ends — finished (also cancelled, or stopped by a refused first approval) or
 * stopped by an error — so the list and the overview's counts are read again together (issue 14 item 6). A pause is
 * no end: the run waits for Resume while Dataverse refuses requests or the session is gone, so reading then would
 * fail or add load (nothing is sent while paused).
 */
export function useRunEnd(actions: MailboxActions, onEnd: () => void) {
    const running = React.useRef(false);
    React.useEffect(
        () =>
            actions.subscribe((run) => {
                if (running.current && (run.status === 'finished' || run.status === 'failed')) onEnd();
                if (run.status !== 'paused') running.current = run.status === 'running';
            }),
        [actions, onEnd],
    );
}

/**
 * The connection card's summary of a test view; `by` is the signed-in user, who started it. A cancelled test says
 * nothing about the connection (and is not recorded): undefined, the card keeps what it showed before.
 */
export function summariseTest(view: ConnectionTestView, by: string, atIso: string): ConnectionSummary | undefined {
    switch (view.status) {
        case 'idle':
        case 'cancelled':
            return undefined;
        case 'running':
            return { status: 'running' };
        case 'succeeded':
            return { status: 'passed', atIso, by };
        case 'failed':
            return { status: 'failed', atIso, by, cause: view.failures[0]?.cause };
        case 'error':
            return { status: 'couldNotRun', atIso, by, cause: view.failure.cause };
        default:
            return { status: 'couldNotRun', atIso, by };
    }
}

const RECORD_STATUS = { succeeded: 'passed', failed: 'failed', timedOut: 'couldNotRun', error: 'couldNotRun' } as const;

/** The connection card's summary of the test recorded on the profile (by whoever ran it, in any session). */
export function summariseRecord(record: LastTestRecord | undefined): ConnectionSummary {
    if (!record) return { status: 'none' };
    return { status: RECORD_STATUS[record.result], atIso: record.at, by: record.by, cause: record.cause };
}

/**
 * The last connection test: the one recorded on the profile, then each test run here as it goes; a finished test
 * also re-reads the counts (the canary changed).
 */
export function useLastTest(actions: ConnectionActions, userName: string, onFinished: () => void) {
    const [summary, setSummary] = React.useState<ConnectionSummary>({ status: 'loading' });
    // What a cancelled test falls back to; null until the record is read or a test runs here.
    const settled = React.useRef<ConnectionSummary | null>(null);
    React.useEffect(() => {
        let live = true;
        const show = (next: ConnectionSummary) => {
            if (!live || settled.current) return; // a test run here meanwhile is newer than the record
            settled.current = next;
            setSummary(next);
        };
        actions
            .readLastTest()
            .then((record) => show(summariseRecord(record)))
            .catch((error: unknown) => show({ status: 'unreadable', message: messageOf(error) }));
        return () => void (live = false);
    }, [actions]);
    const onTestView = React.useCallback(
        (view: ConnectionTestView) => {
            const next = summariseTest(view, userName, new Date().toISOString()) ??
                settled.current ?? { status: 'none' };
            setSummary(next);
            if (next.status === 'running') return;
            settled.current = next;
            onFinished();
        },
        [userName, onFinished],
    );
    return { summary, onTestView };
}

/**
 * The secret: whether one is set (true after a save, without reading the record again) and its expiry note, read
 * once and saved on change; a failed read or save is said, never shown as "no date".
 */
export function useSecretState(actions: ConnectionActions, initiallySet: boolean, hasSecret: boolean) {
    const [isSecretSet, setSecretSet] = React.useState(initiallySet);
    const [expiry, setExpiry] = React.useState<Date | null>(null);
    const [problem, setProblem] = React.useState<ExpiryProblem | null>(null);
    const reread = React.useCallback(
        (after?: ExpiryProblem) =>
            actions.readExpiry().then(
                (day) => (setExpiry(day), setProblem(after ?? null)),
                (error: unknown) => (setExpiry(null), setProblem({ kind: 'read', message: messageOf(error) })),
            ),
        [actions],
    );
    // Only a profile that signs in with a secret has an expiry to read.
    React.useEffect(() => void (hasSecret && reread()), [reread, hasSecret]);
    const save = React.useCallback(
        (day: Date | null) => {
            setExpiry(day);
            setProblem(null);
            // After a failed save, say so and show what is really stored rather than what we hoped to store.
            void actions.saveExpiry(day).catch((error: unknown) => reread({ kind: 'save', message: messageOf(error) }));
        },
        [actions, reread],
    );
    const saveSecret = React.useCallback(
        (value: string) => actions.saveSecret(value).then(() => setSecretSet(true)),
        [actions],
    );
    return { isSecretSet, saveSecret, expiry, problem, save };
}

/** The readiness items an admin marked done, and a toggle that saves at once (undone again when the save fails). */
export function useReadinessDone(actions: OverviewActions) {
    const [done, setDone] = React.useState<ReadonlySet<ReadinessItemId>>(new Set());
    const [problem, setProblem] = React.useState<{ kind: 'read' | 'save'; message: string } | null>(null);
    React.useEffect(() => {
        let live = true;
        actions
            .readReadinessDone()
            .then((ids) => live && setDone(new Set(ids)))
            .catch((error: unknown) => live && setProblem({ kind: 'read', message: messageOf(error) }));
        return () => void (live = false);
    }, [actions]);
    const current = React.useRef(done);
    current.current = done;
    const toggle = React.useCallback(
        (id: ReadinessItemId, isDone: boolean) => {
            const before = current.current;
            const next = new Set(before);
            if (isDone) next.add(id);
            else next.delete(id);
            current.current = next;
            setDone(next);
            setProblem(null);
            actions.saveReadinessDone(next).catch((error: unknown) => {
                current.current = before;
                setDone(before);
                setProblem({ kind: 'save', message: messageOf(error) });
            });
        },
        [actions],
    );
    return { done, problem, toggle };
}
