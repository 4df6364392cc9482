import * as React from 'react';
import { ActionButton, Stack, Text, useTheme } from '@fluentui/react';
import type { DecodedError } from '../../core/credentials/error-catalogue';
import { useGetString } from '../texts';

/** Props of one decoded failure. */
export type FailureDetailProps = { failure: DecodedError };

/** What failed and why, what to do, and the raw text one click away (product.md §2). */
export const FailureDetail = React.memo(function FailureDetail({ failure }: FailureDetailProps) {
    const getString = useGetString();
    const [showRaw, setShowRaw] = React.useState(false);
    // The default hover colour (themePrimary) has 3.8:1 contrast on the error message bar; themeDark stays above 4.5:1.
    const { palette } = useTheme();
    const hovered = { color: palette.themeDark };
    const message = getString(failure.messageKey);
    return (
        <Stack tokens={{ childrenGap: 4 }}>
            <Text block styles={{ root: { fontWeight: 600 } }}>
                {failure.code ? `${message} (${failure.code})` : message}
            </Text>
            <Text block>{getString(failure.fixKey)}</Text>
            {failure.raw && (
                <ActionButton
                    styles={{ rootHovered: hovered, iconHovered: hovered, rootPressed: hovered, iconPressed: hovered }}
                    iconProps={{ iconName: showRaw ? 'ChevronUp' : 'ChevronDown' }}
                    aria-expanded={showRaw}
                    onClick={() => setShowRaw((shown) => !shown)}
                >
                    {getString(showRaw ? 'ConnectionTest_HideRaw' : 'ConnectionTest_ShowRaw')}
                </ActionButton>
            )}
            {showRaw && (
                <Text
                    block
                    variant="small"
                    styles={{ root: { fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-word' } }}
                >
                    {failure.raw}
                </Text>
            )}
        </Stack>
    );
});
FailureDetail.displayName = 'FailureDetail';
