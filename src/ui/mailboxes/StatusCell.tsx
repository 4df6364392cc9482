import * as React from 'react';
import { Icon, Stack, Text } from '@fluentui/react';
import type { StringKey } from '../strings';
import { useGetString } from '../texts';

/** Props of a test-status cell. */
export type StatusCellProps = { status: number | null };

const LOOK: Record<number, { icon: string; key: StringKey }> = {
    0: { icon: 'CircleRing', key: 'Mailboxes_Status_NotRun' },
    1: { icon: 'CompletedSolid', key: 'Mailboxes_Status_Success' },
    2: { icon: 'ErrorBadge', key: 'Mailboxes_Status_Failure' },
};
const UNKNOWN = { icon: 'Unknown', key: 'Mailboxes_Status_Unknown' as StringKey };

/** A test status as icon AND text (never colour alone; the icon is decorative). */
export const StatusCell = React.memo(function StatusCell({ status }: StatusCellProps) {
    const getString = useGetString();
    const look = (status !== null && LOOK[status]) || UNKNOWN;
    return (
        <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 4 }}>
            <Icon iconName={look.icon} aria-hidden="true" />
            <Text variant="small">{getString(look.key)}</Text>
        </Stack>
    );
});
StatusCell.displayName = 'StatusCell';
