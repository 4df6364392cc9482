import * as React from 'react';
import { ActionButton, getId } from '@fluentui/react';

/** Props of one item that opens to show more: its label and what it shows when open. */
export type ExpandableItemProps = { label: string; children: React.ReactNode };

/**
 * A label that is a button (aria-expanded, aria-controls) and opens its details below it, as the admin center's
 * expandable rows do; the details stay in the page while closed (hidden) so aria-controls always names an element.
 */
export const ExpandableItem = React.memo(function ExpandableItem({ label, children }: ExpandableItemProps) {
    const [isExpanded, setExpanded] = React.useState(false);
    const [detailsId] = React.useState(() => getId('expandable'));
    return (
        <>
            <ActionButton
                iconProps={{ iconName: isExpanded ? 'ChevronDown' : 'ChevronRight' }}
                aria-expanded={isExpanded}
                aria-controls={detailsId}
                onClick={() => setExpanded((expanded) => !expanded)}
            >
                {label}
            </ActionButton>
            <div id={detailsId} hidden={!isExpanded} style={{ paddingInlineStart: 28 }}>
                {children}
            </div>
        </>
    );
});
ExpandableItem.displayName = 'ExpandableItem';
