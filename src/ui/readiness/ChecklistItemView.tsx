import * as React from 'react';
import {
    Checkbox,
    DefaultButton,
    mergeStyleSets,
    MessageBar,
    MessageBarType,
    Stack,
    Text,
    useTheme,
} from '@fluentui/react';
import type { ChecklistItem } from '../../core/readiness/checklist';
import type { ReadinessItemId } from '../../core/readiness/items';
import { DEADLINE_KEYS, parseDay } from '../../core/readiness/deadline';
import { format } from '../strings';
import { useCountString, useFormatDay, useGetString } from '../texts';

/** Props of one readiness checklist row. */
export type ChecklistItemViewProps = {
    item: ChecklistItem;
    isHighlighted: boolean;
    onCopy: (item: ChecklistItem) => void;
    /** Marked done by an admin; the check box shows only with `onDoneChange`. */
    isDone?: boolean;
    onDoneChange?: (id: ReadinessItemId, isDone: boolean) => void;
    /** A read-only form shows the marks but does not let them change (they are written to a note). */
    isReadOnly?: boolean;
};

function useClasses(isHighlighted: boolean) {
    const { palette, fonts } = useTheme();
    return React.useMemo(
        () =>
            mergeStyleSets({
                root: {
                    padding: 8,
                    borderLeft: `4px solid ${isHighlighted ? palette.themePrimary : 'transparent'}`,
                    background: isHighlighted ? palette.themeLighterAlt : undefined,
                },
                value: {
                    fontFamily: 'Consolas, "Courier New", monospace',
                    fontSize: fonts.small.fontSize,
                    background: palette.neutralLighter,
                    padding: 8,
                    margin: 0,
                    whiteSpace: 'pre-wrap',
                    overflowWrap: 'anywhere',
                },
                list: { ...fonts.medium, margin: 0 },
            }),
        [isHighlighted, palette, fonts],
    );
}

function Deadline({ item }: Pick<ChecklistItemViewProps, 'item'>) {
    const getString = useGetString();
    const countString = useCountString();
    const formatDay = useFormatDay();
    if (!item.deadline || !item.dueDate) return null;
    const { status, daysLeft } = item.deadline;
    // 'soon' is the only status that counts the days left, so the only one with plural forms.
    const template = status === 'soon' ? countString(DEADLINE_KEYS.soon, daysLeft) : getString(DEADLINE_KEYS[status]);
    const text = format(template, formatDay(parseDay(item.dueDate)), daysLeft);
    // A passed deadline is something to act on, not a footnote: a warning with the warning sign.
    if (status === 'passed') {
        return (
            <MessageBar messageBarType={MessageBarType.warning} messageBarIconProps={{ iconName: 'Warning' }}>
                {text}
            </MessageBar>
        );
    }
    return (
        <Text block variant="small" styles={{ root: { fontWeight: status === 'later' ? undefined : 600 } }}>
            {text}
        </Text>
    );
}

/** "Done": an admin's mark that the step is taken (shown only where marking is offered). */
function DoneCheckbox({ item, isDone, onDoneChange, isReadOnly, title }: ChecklistItemViewProps & { title: string }) {
    const getString = useGetString();
    if (!onDoneChange) return null;
    return (
        <Checkbox
            label={getString('Readiness_Done')}
            ariaLabel={format(getString('Readiness_DoneLabel'), title)}
            checked={isDone ?? false}
            disabled={isReadOnly}
            onChange={(_, checked) => onDoneChange(item.id, Boolean(checked))}
        />
    );
}

/** Title, body, the exact value to copy (read-only, monospace), deadline and a Copy button. */
export const ChecklistItemView = React.memo(function ChecklistItemView(props: ChecklistItemViewProps) {
    const { item, isHighlighted, onCopy } = props;
    const getString = useGetString();
    const classes = useClasses(isHighlighted);
    const title = getString(item.titleKey);
    const titleId = `readiness-${item.id}-title`;
    return (
        <li className={classes.root} data-item-id={item.id}>
            <Stack tokens={{ childrenGap: 4 }}>
                <Text block as="h3" variant="mediumPlus" id={titleId}>
                    {title}
                </Text>
                <DoneCheckbox {...props} title={title} />
                {isHighlighted && (
                    <Text block styles={{ root: { fontWeight: 600 } }}>
                        {getString('Readiness_Highlighted')}
                    </Text>
                )}
                <Text block>{getString(item.bodyKey)}</Text>
                <Deadline item={item} />
                {item.list && (
                    <ul className={classes.list}>
                        {item.list.map((entry) => (
                            <li key={entry}>{entry}</li>
                        ))}
                    </ul>
                )}
                {item.value !== undefined && (
                    <>
                        <pre className={classes.value} aria-label={format(getString('Readiness_ValueLabel'), title)}>
                            <code>{item.value}</code>
                        </pre>
                        <DefaultButton
                            styles={{ root: { alignSelf: 'flex-start' } }}
                            iconProps={{ iconName: 'Copy' }}
                            ariaLabel={format(getString('Readiness_CopyLabel'), title)}
                            onClick={() => onCopy(item)}
                        >
                            {getString('Readiness_Copy')}
                        </DefaultButton>
                    </>
                )}
            </Stack>
        </li>
    );
});
ChecklistItemView.displayName = 'ChecklistItemView';
