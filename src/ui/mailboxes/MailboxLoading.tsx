import * as React from 'react';
import { ProgressIndicator } from '@fluentui/react';
import { format } from '../strings';
import { useFormatNumber, useGetString } from '../texts';

/**
 * Props of the loading progress: rows so far and, when Dataverse could count them, how many there are; `stage` says
 * whether pages of rows still arrive or every row is in and their latest alerts are read (absent: rows).
 */
export type MailboxLoadingProps = { loaded: number; total?: number; stage?: 'rows' | 'alerts' };

/**
 * "Loading 12,000 of 50,000" with a determinate bar, the total from the overview's aggregate count (a real count, not
 * a guess); without one, "Loading… 12,000 so far" and an indeterminate bar. Once every row is in, "Loading the latest
 * alerts…" (a read whose progress is not known, so the bar is indeterminate) rather than "Loading 50,000 of 50,000".
 */
export const MailboxLoading = React.memo(function MailboxLoading({ loaded, total, stage }: MailboxLoadingProps) {
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    if (stage === 'alerts') return <ProgressIndicator label={getString('Mailboxes_LoadingAlerts')} />;
    const known = total !== undefined && total > 0;
    // Mailboxes added since the count can make `loaded` pass it: the bar stays full, the text says both.
    const label = known
        ? format(getString('Mailboxes_Loading'), formatNumber(loaded), formatNumber(Math.max(total, loaded)))
        : format(getString('Mailboxes_LoadingSoFar'), formatNumber(loaded));
    return <ProgressIndicator label={label} percentComplete={known ? Math.min(1, loaded / total) : undefined} />;
});
MailboxLoading.displayName = 'MailboxLoading';
