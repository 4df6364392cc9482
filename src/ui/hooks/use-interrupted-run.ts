import * as React from 'react';
import type { LedgerSummary } from '../../core/run/ledger';
import type { MailboxActions } from '../actions';
import { useNowWhile } from './use-now-while';

/**
 * The run a reload of the page left unfinished, read once on load (from the browser, nothing is sent), until the admin
 * resumes or discards it or a run of this page starts — a new run replaces the stored one.
 */
function useStoredRun(actions: MailboxActions | undefined) {
    const [stored, setStored] = React.useState<LedgerSummary>();
    React.useEffect(() => {
        if (!actions) return undefined;
        let isCurrent = true;
        actions
            .readStoredRun()
            .then((summary) => isCurrent && setStored(summary))
            .catch(() => undefined);
        const unsubscribe = actions.subscribe((run) => run.status !== 'idle' && setStored(undefined));
        return () => {
            isCurrent = false;
            unsubscribe();
        };
    }, [actions]);
    return [stored, setStored] as const;
}

/**
 * The notice of a run a reload interrupted, from the first render on: the stored run is local, so it is told before
 * any request, even while Dataverse's Retry-After holds them all (issue 14 item 3). Resume needs the workspace (it
 * opens the Mailboxes area), so it waits for `isReady`; until then `heldUntilMs` says how long Dataverse still holds
 * the page's requests (null when it does not), read again each second.
 */
export function useInterruptedRun(actions: MailboxActions | undefined, isReady: boolean) {
    const [stored, setStored] = useStoredRun(actions);
    const [resumeRequest, setResumeRequest] = React.useState(0);
    const nowMs = useNowWhile(stored !== undefined && !isReady);
    const heldUntilMs = actions?.requestsHeldUntil() ?? null;
    const resume = React.useCallback(() => {
        setStored(undefined);
        setResumeRequest((count) => count + 1);
    }, [setStored]);
    const discard = React.useCallback(() => {
        setStored(undefined);
        void actions?.discardStoredRun();
    }, [actions, setStored]);
    const waitMs = heldUntilMs !== null && heldUntilMs > nowMs ? heldUntilMs - nowMs : 0;
    return { stored, resumeRequest, resume, discard, waitMs };
}
