import { h, memo, useState } from '../react';
import { ActionButton } from '@fluentui/react';
import { GAP_4, Stack, useTheme } from '../fluent';
import { BlockText } from '../common';
import type { DecodedError } from '../../core/credentials/error-catalogue';
import { useGetString } from '../texts';

/** Props of one decoded failure. */
export type FailureDetailProps = { failure: DecodedError };

/** What failed and why, what to do, and the raw text one click away (product.md §2). */
export const FailureDetail = memo(function FailureDetail({ failure }: FailureDetailProps) {
    const getString = useGetString();
    const [showRaw, setShowRaw] = useState(false);
    // The default hover colour (themePrimary) has 3.8:1 contrast on the error message bar; themeDark stays above 4.5:1.
    const { palette } = useTheme();
    const hovered = { color: palette.themeDark };
    const message = getString(failure.messageKey);
    return (
        <Stack tokens={GAP_4}>
            <BlockText styles={{ root: { fontWeight: 600 } }}>
                {failure.code ? `${message} (${failure.code})` : message}
            </BlockText>
            <BlockText>{getString(failure.fixKey)}</BlockText>
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
                <BlockText
                    variant="small"
                    styles={{ root: { fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-word' } }}
                >
                    {failure.raw}
                </BlockText>
            )}
        </Stack>
    );
});
