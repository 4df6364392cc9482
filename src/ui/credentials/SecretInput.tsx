import * as React from 'react';
import { Label, mergeStyleSets, Text, useTheme } from '@fluentui/react';

/** Props of the uncontrolled password input (the secret never passes through React props or state). */
export type SecretInputProps = {
    id: string;
    label: string;
    inputRef: React.RefObject<HTMLInputElement>;
    description?: string;
    errorMessage?: string;
    disabled: boolean;
    onInput: () => void;
};

function useClasses(isInvalid: boolean) {
    const { palette, semanticColors, fonts } = useTheme();
    return React.useMemo(() => {
        const border = isInvalid ? semanticColors.errorText : semanticColors.inputBorder;
        return mergeStyleSets({
            input: {
                ...fonts.medium,
                boxSizing: 'border-box',
                width: '100%',
                height: 32,
                padding: '0 8px',
                border: `1px solid ${border}`,
                borderRadius: 2,
                outline: 'none',
                selectors: {
                    ':hover': { borderColor: isInvalid ? border : semanticColors.inputBorderHovered },
                    ':focus': { borderColor: isInvalid ? border : semanticColors.inputFocusBorderAlt, borderWidth: 2 },
                    ':disabled': { background: semanticColors.disabledBackground, borderColor: palette.neutralLighter },
                },
            },
            error: { color: semanticColors.errorText },
        });
    }, [isInvalid, palette, semanticColors, fonts]);
}

/**
 * A Fluent-looking password input that React does not control. Fluent's TextField is always controlled inside,
 * and React 16 copies a controlled value into the `value` attribute, where DOM snapshots and session recorders
 * would read the secret.
 */
export const SecretInput = React.memo(function SecretInput(props: SecretInputProps) {
    const { id, label, inputRef, description, errorMessage, disabled, onInput } = props;
    const classes = useClasses(errorMessage !== undefined);
    const descriptionId = `${id}-description`;
    const errorId = `${id}-error`;
    const describedBy = [description && descriptionId, errorMessage && errorId].filter(Boolean).join(' ');
    return (
        <div>
            <Label htmlFor={id}>{label}</Label>
            <input
                id={id}
                ref={inputRef}
                className={classes.input}
                type="password"
                autoComplete="off"
                spellCheck={false}
                disabled={disabled}
                aria-invalid={errorMessage !== undefined}
                aria-describedby={describedBy || undefined}
                onChange={onInput}
            />
            {description && (
                <Text block id={descriptionId} variant="small">
                    {description}
                </Text>
            )}
            {errorMessage && (
                <Text block id={errorId} role="alert" variant="small" className={classes.error}>
                    {errorMessage}
                </Text>
            )}
        </div>
    );
});
SecretInput.displayName = 'SecretInput';
