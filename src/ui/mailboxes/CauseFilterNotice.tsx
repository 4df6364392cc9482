import * as React from 'react';
import { MessageBar, MessageBarButton } from '@fluentui/react';
import { CAUSE_LABELS } from '../../core/credentials/cause-labels';
import type { CauseFilterRequest } from '../hooks/use-mailbox-view';
import { format } from '../strings';
import { useGetString } from '../texts';

/** Props of the notice above a list filtered to one run cause. */
export type CauseFilterNoticeProps = { filter: CauseFilterRequest; onClear: () => void };

/**
 * "Showing the mailboxes of the last run that failed with: consent missing" and Show all. It takes the focus when a
 * cause is chosen in the run summary, so keyboard and screen reader users land on the list they asked for.
 */
export const CauseFilterNotice = React.memo(function CauseFilterNotice({ filter, onClear }: CauseFilterNoticeProps) {
    const getString = useGetString();
    const ref = React.useRef<HTMLDivElement>(null);
    React.useEffect(() => {
        ref.current?.scrollIntoView?.({ block: 'nearest' });
        ref.current?.focus();
    }, [filter]);
    return (
        <div ref={ref} tabIndex={-1}>
            <MessageBar
                actions={
                    <MessageBarButton onClick={onClear}>{getString('Mailboxes_CauseFilterClear')}</MessageBarButton>
                }
            >
                {format(getString('Mailboxes_CauseFilter'), getString(CAUSE_LABELS[filter.cause]))}
            </MessageBar>
        </div>
    );
});
CauseFilterNotice.displayName = 'CauseFilterNotice';
