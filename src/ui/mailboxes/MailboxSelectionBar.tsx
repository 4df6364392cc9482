import * as React from 'react';
import { DefaultButton, Stack, Text } from '@fluentui/react';
import { POLITE_STATUS } from '../common';
import { format } from '../strings';
import { useCountString, useFormatNumber, useGetString } from '../texts';

/** Props of the summary bar above the list. */
export type MailboxSelectionBarProps = {
    total: number;
    shown: number;
    selected: number;
    onSelectShown: () => void;
    onClear: () => void;
};

/** "1,240 mailboxes · 300 shown · 37 selected" (announced politely) with select-shown / clear buttons. */
export const MailboxSelectionBar = React.memo(function MailboxSelectionBar(props: MailboxSelectionBarProps) {
    const { total, shown, selected } = props;
    const getString = useGetString();
    const countString = useCountString();
    const formatNumber = useFormatNumber();
    return (
        <Stack horizontal wrap verticalAlign="center" tokens={{ childrenGap: 8 }}>
            <Text block {...POLITE_STATUS}>
                {format(
                    countString('Mailboxes_Summary', total),
                    formatNumber(total),
                    formatNumber(shown),
                    formatNumber(selected),
                )}
            </Text>
            <DefaultButton
                text={format(getString('Mailboxes_SelectFiltered'), formatNumber(shown))}
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
MailboxSelectionBar.displayName = 'MailboxSelectionBar';
