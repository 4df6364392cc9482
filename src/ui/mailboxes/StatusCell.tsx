import * as React from 'react';
import { Icon, Stack, Text } from '@fluentui/react';
import { TEST_STATUS } from '../../core/run/types';
import type { StringKey } from '../strings';
import { useGetString } from '../texts';

/** Props of a test-status cell; `retrying`: server-side sync makes the failed test again by itself. */
export type StatusCellProps = { status: number | null; retrying?: boolean };

type Look = { icon: string; key: StringKey };

const LOOK: Record<number, Look> = {
    [TEST_STATUS.notRun]: { icon: 'CircleRing', key: 'Mailboxes_Status_NotRun' },
    [TEST_STATUS.success]: { icon: 'CompletedSolid', key: 'Mailboxes_Status_Success' },
    [TEST_STATUS.failure]: { icon: 'ErrorBadge', key: 'Mailboxes_Status_Failure' },
};
const UNKNOWN: Look = { icon: 'Unknown', key: 'Mailboxes_Status_Unknown' };
const RETRYING: Look = { icon: 'Sync', key: 'Mailboxes_Status_Retrying' };

/** A test status as icon AND text (never colour alone; the icon is decorative). */
export const StatusCell = React.memo(function StatusCell({ status, retrying = false }: StatusCellProps) {
    const getString = useGetString();
    const look = retrying && status === TEST_STATUS.failure ? RETRYING : (status !== null && LOOK[status]) || UNKNOWN;
    return (
        <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 4 }}>
            <Icon iconName={look.icon} aria-hidden="true" />
            <Text variant="small">{getString(look.key)}</Text>
        </Stack>
    );
});
StatusCell.displayName = 'StatusCell';
