import { h, memo } from '../react';
import { ProgressIndicator } from '@fluentui/react';
import { format, type GetString } from '../strings';

/** Props of the loading progress. */
export type MailboxLoadingProps = {
    loaded: number;
    estimatedTotal: number;
    getString: GetString;
    formatNumber: (n: number) => string;
};

/** "Loaded 15,000 of ~50,000" while pages arrive. */
export const MailboxLoading = memo(function MailboxLoading(props: MailboxLoadingProps) {
    const { loaded, estimatedTotal, getString, formatNumber: n } = props;
    return (
        <ProgressIndicator
            label={format(getString('Mailboxes_Loading'), n(loaded), n(estimatedTotal))}
            percentComplete={estimatedTotal > 0 ? Math.min(1, loaded / estimatedTotal) : undefined}
        />
    );
});
