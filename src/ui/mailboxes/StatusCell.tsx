import * as React from 'react';
import { Icon, Stack, Text } from '@fluentui/react';
import { TEST_STATUS } from '../../core/run/types';
import { statusLabel } from '../../core/mailbox-labels';
import { useGetString } from '../texts';

/** Props of a test-status cell; `retrying`: server-side sync makes the failed test again by itself. */
export type StatusCellProps = { status: number | null; retrying?: boolean };

/** The icon beside each status label (core/mailbox-labels.ts statusLabel names it). */
const ICONS: Record<number, string> = {
    [TEST_STATUS.notRun]: 'CircleRing',
    [TEST_STATUS.success]: 'CompletedSolid',
    [TEST_STATUS.failure]: 'ErrorBadge',
};

/** A test status as icon AND text (never colour alone; the icon is decorative). */
export const StatusCell = React.memo(function StatusCell({ status, retrying = false }: StatusCellProps) {
    const getString = useGetString();
    const isRetrying = retrying && status === TEST_STATUS.failure;
    const icon = isRetrying ? 'Sync' : (status !== null && ICONS[status]) || 'Unknown';
    return (
        <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 4 }}>
            <Icon iconName={icon} aria-hidden="true" />
            <Text variant="small">{getString(statusLabel(status, retrying))}</Text>
        </Stack>
    );
});
StatusCell.displayName = 'StatusCell';
