import * as React from 'react';
import type { LedgerSummary } from '../../core/run/ledger';
import type { MailboxActions } from '../actions';

/**
 * The run a reload of the page left unfinished, read once on load (from the browser, nothing is sent), until the admin
 * resumes or discards it or a run of this page starts — a new run replaces the stored one.
 */
export function useInterruptedRun(actions: MailboxActions) {
    const [stored, setStored] = React.useState<LedgerSummary>();
    React.useEffect(() => {
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
    const dismiss = React.useCallback(() => setStored(undefined), []);
    const discard = React.useCallback(() => {
        setStored(undefined);
        void actions.discardStoredRun();
    }, [actions]);
    return { stored, dismiss, discard };
}
