import { h, memo } from '../react';
import { DefaultButton, Stack, Text } from '../fluent';
import { format, type GetString } from '../strings';

/** Props of the summary bar above the list. */
export type MailboxSelectionBarProps = {
    total: number;
    shown: number;
    selected: number;
    getString: GetString;
    formatNumber: (n: number) => string;
    onSelectShown: () => void;
    onClear: () => void;
};

/** "1,240 mailboxes · 300 shown · 37 selected" (announced politely) with select-shown / clear buttons. */
export const MailboxSelectionBar = memo(function MailboxSelectionBar(props: MailboxSelectionBarProps) {
    const { total, shown, selected, getString, formatNumber: n } = props;
    return (
        <Stack horizontal wrap verticalAlign="center" tokens={{ childrenGap: 8 }}>
            <Text role="status" aria-live="polite" aria-atomic="true" block>
                {format(getString('Mailboxes_Summary'), n(total), n(shown), n(selected))}
            </Text>
            <DefaultButton
                text={format(getString('Mailboxes_SelectFiltered'), n(shown))}
                disabled={shown === 0}
                onClick={props.onSelectShown}
            />
            <DefaultButton
                text={getString('Mailboxes_ClearSelection')}
                disabled={selected === 0}
                onClick={props.onClear}
            />
        </Stack>
    );
});
