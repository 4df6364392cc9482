import * as React from 'react';
import { messageOf } from '../common';
import type { MailboxView } from '../../core/mailbox-view';
import type { ApprovalCheckView, LoadProgress, MailboxActions, RunStateView } from '../actions';
import { useRunEnd } from './use-overview';

const IDLE: RunStateView = {
    status: 'idle',
    failures: [],
    throttledUntilMs: null,
    stallAtMs: null,
    pause: null,
    resumed: false,
};

/** Where a load of the list is: rows arriving (how many so far), or all in and their alerts being read. */
export type ListLoading = { stage: LoadProgress['stage']; loaded: number };

const START: ListLoading = { stage: 'rows', loaded: 0 };

/** Once a run's approvals were all refused because of who sent them, the notice says so (not "You can approve"). */
function useRefusedApproval(run: RunStateView, checked: ApprovalCheckView): ApprovalCheckView {
    const [refused, setRefused] = React.useState<ApprovalCheckView | null>(null);
    const cause = run.refusal?.cause;
    React.useEffect(() => {
        if (cause)
            setRefused({
                canApprove: false,
                blockers: [cause === 'approvalPrivilegeMissing' ? 'missingPrivilege' : 'refused'],
            });
    }, [cause]);
    return refused ?? checked;
}

/**
 * Rows of the profile (reloaded on demand and whenever a run ends, however it ended), why the last read failed, the
 * approval check, the live run state and how many runs ended (the list then clears its selection). A failed read
 * keeps the rows already shown and says so; it never shows an empty list as if the profile had no mailboxes.
 */
export function useMailboxes(actions: MailboxActions, reloadRequest = 0, resumeRequest = 0) {
    const [rows, setRows] = React.useState<MailboxView[]>([]);
    const [loading, setLoading] = React.useState<ListLoading | null>(START);
    const [loadError, setLoadError] = React.useState<string | null>(null);
    const [approval, setApproval] = React.useState<ApprovalCheckView>({ canApprove: false, blockers: [] });
    const [run, setRun] = React.useState<RunStateView>(IDLE);
    const [generation, setGeneration] = React.useState(0);
    const refresh = React.useCallback(() => setGeneration((count) => count + 1), []);
    React.useEffect(() => {
        const controller = new AbortController();
        setLoading(START);
        setLoadError(null);
        const load = async () => {
            try {
                const onProgress = (progress: LoadProgress) => {
                    setLoading({ stage: progress.stage, loaded: progress.loaded });
                    if (progress.stage === 'rows') setRows(progress.rowsSoFar);
                };
                setRows(await actions.load(onProgress, controller.signal));
            } catch (error) {
                if (!controller.signal.aborted) setLoadError(messageOf(error));
            } finally {
                if (!controller.signal.aborted) setLoading(null);
            }
        };
        void load();
        return () => controller.abort();
    }, [actions, generation, reloadRequest]);
    React.useEffect(() => {
        const controller = new AbortController();
        actions
            .checkApproval(controller.signal)
            .then(setApproval)
            // Say why approving is not offered rather than a bare "you cannot approve".
            .catch(() => controller.signal.aborted || setApproval({ canApprove: false, blockers: ['checkFailed'] }));
        return () => controller.abort();
    }, [actions]);
    React.useEffect(() => actions.subscribe(setRun), [actions]);
    // After subscribing, so the resumed run's progress reaches this view. A run a reload interrupted continues only
    // when the admin asks for it (the notice on load, ProfileWorkspace), like a paused run.
    React.useEffect(() => {
        if (resumeRequest > 0) actions.resumeStored();
    }, [actions, resumeRequest]);
    // However the run ended, the list shows what Dataverse holds now — by the same rule as the overview's counts.
    const [runEnds, setRunEnds] = React.useState(0);
    const endRun = React.useCallback(() => (refresh(), setRunEnds((count) => count + 1)), [refresh]);
    useRunEnd(actions, endRun);
    return { rows, loading, loadError, approval: useRefusedApproval(run, approval), run, refresh, runEnds };
}
