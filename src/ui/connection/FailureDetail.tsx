import { h, memo, useState } from '../react';
import { ActionButton } from '@fluentui/react';
import { Stack, Text, useTheme } from '../fluent';
import type { DecodedError } from '../../core/credentials/error-catalogue';
import { format, type GetString, type StringKey } from '../strings';

/** Props of one decoded failure. */
export type FailureDetailProps = { failure: DecodedError; getString: GetString };

/** What failed and why, what to do, and the raw text one click away (product.md §2). */
export const FailureDetail = memo(function FailureDetail({ failure, getString }: FailureDetailProps) {
    const [showRaw, setShowRaw] = useState(false);
    // The default hover colour (themePrimary) has 3.8:1 contrast on the error message bar; themeDark stays above 4.5:1.
    const { palette } = useTheme();
    const hovered = { color: palette.themeDark };
    const message = format(getString(failure.messageKey as StringKey), failure.raw, failure.code ?? '');
    return (
        <Stack tokens={{ childrenGap: 4 }}>
            <Text block styles={{ root: { fontWeight: 600 } }}>
                {failure.code ? `${message} (${failure.code})` : message}
            </Text>
            <Text block>{getString(failure.fixKey as StringKey)}</Text>
            {failure.raw && (
                <ActionButton
                    styles={{ rootHovered: hovered, iconHovered: hovered, rootPressed: hovered, iconPressed: hovered }}
                    iconProps={{ iconName: showRaw ? 'ChevronUp' : 'ChevronDown' }}
                    aria-expanded={showRaw}
                    onClick={() => setShowRaw((v) => !v)}
                >
                    {getString(showRaw ? 'ConnectionTest_HideRaw' : 'ConnectionTest_ShowRaw')}
                </ActionButton>
            )}
            {showRaw && (
                <Text block variant="small" styles={{ root: { fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-word' } }}>
                    {failure.raw}
                </Text>
            )}
        </Stack>
    );
});
