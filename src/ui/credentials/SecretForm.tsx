import * as React from 'react';
import { DefaultButton, getId, Link, MessageBar, MessageBarType, PrimaryButton, Stack } from '@fluentui/react';
import { SECRET_MASK_KEY } from '../../core/credentials/client-secret';
import { FIX_KEYS, VALIDATION_KEYS } from '../../core/credentials/validation-keys';
import { useSecretForm, type SecretCheck } from '../hooks/use-credentials-secret';
import { format, type GetString } from '../strings';
import { useGetString } from '../texts';
import { SecretInput } from './SecretInput';

/** Props of the inline "replace secret" form. */
export type SecretFormProps = {
    /** Used only to refuse a secret equal to one of the IDs. */
    tenantId?: string;
    applicationId?: string;
    onSaveSecret: (value: string) => Promise<void>;
    onSaved: () => void;
    onCancel: () => void;
};

function messageOf(check: SecretCheck | undefined, getString: GetString): string | undefined {
    if (!check?.code) return undefined;
    const keys = VALIDATION_KEYS[check.code];
    return `${getString(keys.messageKey)} ${getString(keys.fixKey)}`;
}

/** "Apply fix: Remove the line breaks; Remove spaces at the start and end", as on the ID fields. */
function fixLabelOf(check: SecretCheck, getString: GetString): string {
    return format(getString('Credentials_ApplyFix'), check.fixes.map((code) => getString(FIX_KEYS[code])).join('; '));
}

/** Password field for a new secret: checks it, shows only a mask, saves through the injected action. */
export const SecretForm = React.memo(function SecretForm(props: SecretFormProps) {
    const { onCancel } = props;
    const getString = useGetString();
    const form = useSecretForm(props);
    const [id] = React.useState(() => getId('secret'));
    const { check } = form;
    // The form opens from "Replace secret" / "Enter secret", which it replaces: the focus goes on to the field.
    React.useEffect(() => form.inputRef.current?.focus(), [form.inputRef]);
    const message = messageOf(check, getString);
    const isError = check?.severity === 'error';
    return (
        <form
            onSubmit={(event) => {
                event.preventDefault();
                void form.submit();
            }}
        >
            <Stack tokens={{ childrenGap: 8 }}>
                <SecretInput
                    id={id}
                    label={getString('Secret_Label')}
                    inputRef={form.inputRef}
                    disabled={form.isSaving}
                    errorMessage={isError ? message : undefined}
                    description={check && format(getString(SECRET_MASK_KEY), check.hint.prefix, check.hint.length)}
                    onInput={form.inspect}
                />
                {check?.canFix && <Link onClick={form.applyFix}>{fixLabelOf(check, getString)}</Link>}
                {!isError && message && <MessageBar messageBarType={MessageBarType.warning}>{message}</MessageBar>}
                {form.failure !== undefined && (
                    <MessageBar messageBarType={MessageBarType.error}>
                        {format(getString('Secret_SaveFailed'), form.failure)}
                    </MessageBar>
                )}
                <Stack horizontal tokens={{ childrenGap: 8 }}>
                    <PrimaryButton type="submit" disabled={!form.canSave}>
                        {getString(form.isSaving ? 'Secret_Saving' : 'Secret_Save')}
                    </PrimaryButton>
                    <DefaultButton
                        onClick={() => {
                            form.clear();
                            onCancel();
                        }}
                    >
                        {getString('Secret_Cancel')}
                    </DefaultButton>
                </Stack>
            </Stack>
        </form>
    );
});
SecretForm.displayName = 'SecretForm';
