import { h, memo } from '../react';
import { Icon } from '@fluentui/react';
import { GAP_4, Stack, Text } from '../fluent';
import type { StringKey } from '../strings';
import { useGetString } from '../texts';

/** Props of a test-status cell. */
export type StatusCellProps = { status: number | null };

const LOOK: Record<number, { icon: string; key: StringKey }> = {
    0: { icon: 'CircleRing', key: 'Mailboxes_Status_NotRun' },
    1: { icon: 'CompletedSolid', key: 'Mailboxes_Status_Success' },
    2: { icon: 'ErrorBadge', key: 'Mailboxes_Status_Failure' },
};
const UNKNOWN: { icon: string; key: StringKey } = { icon: 'Unknown', key: 'Mailboxes_Status_Unknown' };

/** A test status as icon AND text (never colour alone; the icon is decorative). */
export const StatusCell = memo(function StatusCell({ status }: StatusCellProps) {
    const getString = useGetString();
    const look = (status !== null && LOOK[status]) || UNKNOWN;
    return (
        <Stack horizontal verticalAlign="center" tokens={GAP_4}>
            <Icon iconName={look.icon} aria-hidden="true" />
            <Text variant="small">{getString(look.key)}</Text>
        </Stack>
    );
});
