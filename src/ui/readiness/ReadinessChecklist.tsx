import * as React from 'react';
import { MessageBar, MessageBarType, Stack, Text } from '@fluentui/react';
import { POLITE_STATUS } from '../common';
import type { DetectedCloud } from '../../core/credentials/discovery';
import { buildChecklist, type ChecklistItem } from '../../core/readiness/checklist';
import type { ReadinessItemId } from '../../core/readiness/items';
import type { Cloud } from '../../core/profile';
import { format, type GetString } from '../strings';
import { useGetString } from '../texts';
import { ChecklistItemView } from './ChecklistItemView';

/** Props of the mailbox-tenant readiness checklist. */
export type ReadinessChecklistProps = {
    /** Tenant and Application ID as entered; invalid values show placeholders in the commands. */
    tenantId: string;
    applicationId: string;
    cloud: Cloud | DetectedCloud;
    /** Injected "today" for the EWS → Graph deadlines. */
    today: Date;
    /** The item the last failed test points at (core/credentials/causes.ts checklistItemFor). */
    highlightedItemId?: ReadinessItemId;
    /** Clipboard write (navigator.clipboard in the platform). */
    copyText: (text: string) => Promise<void>;
    /** The items an admin marked done, and how to mark one; without `onDoneChange` there are no check boxes. */
    done?: ReadonlySet<ReadinessItemId>;
    onDoneChange?: (id: ReadinessItemId, isDone: boolean) => void;
    /** A read-only form (or no write rights): the done marks show but cannot be changed. */
    isReadOnly?: boolean;
    /** Reading or saving the done marks failed, with Dataverse's message. */
    doneProblem?: { kind: 'read' | 'save'; message: string } | null;
};

const DONE_PROBLEM_KEYS = { read: 'Readiness_DoneReadFailed', save: 'Readiness_DoneSaveFailed' } as const;

type Announcement = { text: string; count: number };

function useCopy(copyText: (text: string) => Promise<void>, getString: GetString) {
    const [announcement, setAnnouncement] = React.useState<Announcement>({ text: '', count: 0 });
    const onCopy = React.useCallback(
        (item: ChecklistItem) => {
            if (item.value === undefined) return;
            const announce = (text: string) => setAnnouncement((previous) => ({ text, count: previous.count + 1 }));
            void copyText(item.value).then(
                () => announce(getString('Readiness_Copied')),
                () => announce(getString('Readiness_CopyFailed')),
            );
        },
        [copyText, getString],
    );
    return { announcement, onCopy };
}

function useScrollIntoView(highlightedItemId: ReadinessItemId | undefined) {
    const listRef = React.useRef<HTMLOListElement>(null);
    React.useEffect(() => {
        if (!highlightedItemId) return;
        const element = listRef.current?.querySelector(`[data-item-id="${highlightedItemId}"]`);
        // jsdom and old hosts lack scrollIntoView; the highlight and its label still show.
        if (element && typeof element.scrollIntoView === 'function') element.scrollIntoView({ block: 'nearest' });
    }, [highlightedItemId]);
    return listRef;
}

/** Checklist for the mailbox tenant's admin with the exact values filled in, copy buttons and deadlines. */
export const ReadinessChecklist = React.memo(function ReadinessChecklist(props: ReadinessChecklistProps) {
    const { tenantId, applicationId, cloud, today, highlightedItemId, copyText, done, onDoneChange, doneProblem } =
        props;
    const { isReadOnly } = props;
    const getString = useGetString();
    const items = React.useMemo(
        () => buildChecklist({ tenantId, applicationId, cloud, today }),
        [tenantId, applicationId, cloud, today],
    );
    const { announcement, onCopy } = useCopy(copyText, getString);
    const listRef = useScrollIntoView(highlightedItemId);
    return (
        <Stack tokens={{ childrenGap: 8 }}>
            <Text block as="h2" variant="large">
                {getString('Readiness_Heading')}
            </Text>
            {doneProblem && (
                <MessageBar messageBarType={MessageBarType.warning}>
                    {format(getString(DONE_PROBLEM_KEYS[doneProblem.kind]), doneProblem.message)}
                </MessageBar>
            )}
            <ol ref={listRef} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {items.map((item) => (
                    <ChecklistItemView
                        key={item.id}
                        item={item}
                        isHighlighted={item.id === highlightedItemId}
                        onCopy={onCopy}
                        isDone={done?.has(item.id) ?? false}
                        onDoneChange={onDoneChange}
                        isReadOnly={isReadOnly}
                    />
                ))}
            </ol>
            {/* The region stays mounted (screen readers ignore regions that appear with their text); the keyed
                child makes a second "Copied" a new announcement. */}
            <div {...POLITE_STATUS}>
                <span key={announcement.count}>{announcement.text}</span>
            </div>
        </Stack>
    );
});
ReadinessChecklist.displayName = 'ReadinessChecklist';
