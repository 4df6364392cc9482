import * as React from 'react';
import { Link, MessageBar, MessageBarType, Stack, TextField } from '@fluentui/react';
import type { FieldResult } from '../../core/credentials/validate-credentials';
import { format, type GetString, type StringKey } from '../strings';
import { useGetString } from '../texts';

/** Props of one validated credential text field. */
export type ValidatedFieldProps = {
    label: string;
    value: string;
    /** Verdict for the last validated value; undefined while nothing applies. */
    result: FieldResult | undefined;
    description?: string;
    isReadOnly: boolean;
    maxLength?: number;
    onChange: (value: string) => void;
    onBlur: () => void;
    /** Replace the value with the corrected one and validate at once. */
    onApplyFix: (value: string) => void;
};

function say(getString: GetString, key: StringKey | undefined): string {
    return key ? getString(key) : '';
}

function messageOf(result: FieldResult, getString: GetString): string {
    return [say(getString, result.messageKey), say(getString, result.fixKey)].filter((text) => text !== '').join(' ');
}

/** A TextField with validation: blocking errors on the field, warnings below it, and an "apply fix" link. */
export const ValidatedField = React.memo(function ValidatedField(props: ValidatedFieldProps) {
    const { label, value, result, description, isReadOnly, maxLength, onChange, onBlur, onApplyFix } = props;
    const getString = useGetString();
    const [touched, setTouched] = React.useState(false);
    // An untouched empty field is not an error yet: nobody has tried to fill it in.
    const showVerdict = result !== undefined && (touched || value !== '');
    const error = showVerdict && result.severity === 'error' ? messageOf(result, getString) : undefined;
    const warning = showVerdict && result.severity === 'warning' ? messageOf(result, getString) : undefined;
    const fix = result?.normalised;
    const fixKeys = result?.fixKeys ?? [];
    const canFix = !isReadOnly && fix !== undefined && fix !== value && fixKeys.length > 0;
    const fixLabel = format(getString('Credentials_ApplyFix'), fixKeys.map((key) => say(getString, key)).join('; '));
    return (
        <Stack tokens={{ childrenGap: 4 }}>
            <TextField
                label={label}
                value={value}
                readOnly={isReadOnly}
                maxLength={maxLength}
                description={description}
                errorMessage={error}
                autoComplete="off"
                spellCheck={false}
                onChange={(_, next) => {
                    setTouched(true);
                    onChange(next ?? '');
                }}
                onBlur={() => {
                    setTouched(true);
                    onBlur();
                }}
            />
            {warning && <MessageBar messageBarType={MessageBarType.warning}>{warning}</MessageBar>}
            {canFix && <Link onClick={() => onApplyFix(fix)}>{fixLabel}</Link>}
        </Stack>
    );
});
ValidatedField.displayName = 'ValidatedField';
