import * as React from 'react';
import { ProgressIndicator } from '@fluentui/react';
import { format } from '../strings';
import { useFormatNumber, useGetString } from '../texts';

/** Props of the loading progress. */
export type MailboxLoadingProps = { loaded: number; estimatedTotal: number };

/** "Loaded 15,000 of ~50,000" while pages arrive. */
export const MailboxLoading = React.memo(function MailboxLoading({ loaded, estimatedTotal }: MailboxLoadingProps) {
    const getString = useGetString();
    const formatNumber = useFormatNumber();
    return (
        <ProgressIndicator
            label={format(getString('Mailboxes_Loading'), formatNumber(loaded), formatNumber(estimatedTotal))}
            percentComplete={estimatedTotal > 0 ? Math.min(1, loaded / estimatedTotal) : undefined}
        />
    );
});
MailboxLoading.displayName = 'MailboxLoading';
