import * as React from 'react';
import { messageOf } from '../common';
import { checkClientSecret, secretHint, type ClientSecretCode } from '../../core/credentials/client-secret';
import type { FixCode } from '../../core/credentials/paste';

/** Inputs of useSecretForm. */
export type UseSecretFormOptions = {
    tenantId?: string;
    applicationId?: string;
    onSaveSecret: (value: string) => Promise<void>;
    onSaved: () => void;
};

/** What the form may know about the typed secret: never the value, only its verdict and the mask parts. */
export type SecretCheck = {
    severity: 'ok' | 'warning' | 'error';
    code?: ClientSecretCode;
    canFix: boolean;
    /** What "apply fix" would correct (line breaks, spaces, quotes): said on the link, never the value. */
    fixes: readonly FixCode[];
    hint: { prefix: string; length: number };
};

function inspectValue(value: string, ids: { tenantId?: string; applicationId?: string }): SecretCheck | undefined {
    if (value === '') return undefined;
    const result = checkClientSecret(value, ids);
    const hint = secretHint(value);
    if (!result.ok) {
        const fixes = result.fix?.fixes ?? [];
        return { severity: 'error', code: result.code, canFix: result.fix !== undefined, fixes, hint };
    }
    const code = result.value.severity === 'warning' ? result.value.code : undefined;
    return { severity: result.value.severity, code, canFix: false, fixes: [], hint };
}

/**
 * The replace-secret form. The secret lives only in the (uncontrolled) input element, never in React state or
 * props: a controlled input would also mirror it into the DOM `value` attribute (React 16 attribute syncing).
 * Submit empties the input before the save call starts, so neither success nor failure leaves it behind
 * (entra §2.3 hygiene; style.md ERRORS AND SAFETY).
 */
export function useSecretForm({ tenantId, applicationId, onSaveSecret, onSaved }: UseSecretFormOptions) {
    const inputRef = React.useRef<HTMLInputElement>(null);
    const ids = React.useMemo(() => ({ tenantId, applicationId }), [tenantId, applicationId]);
    const [check, setCheck] = React.useState<SecretCheck | undefined>(undefined);
    const [isSaving, setSaving] = React.useState(false);
    const [failure, setFailure] = React.useState<string | undefined>(undefined);
    const inspect = React.useCallback(() => {
        setFailure(undefined);
        setCheck(inspectValue(inputRef.current?.value ?? '', ids));
    }, [ids]);
    React.useEffect(inspect, [inspect]);
    const applyFix = React.useCallback(() => {
        const input = inputRef.current;
        const result = input ? checkClientSecret(input.value, ids) : undefined;
        if (!input || !result || result.ok || !result.fix) return;
        input.value = result.fix.value;
        inspect();
    }, [ids, inspect]);
    const clear = React.useCallback(() => {
        if (inputRef.current) inputRef.current.value = '';
        setCheck(undefined);
    }, []);
    const canSave = check !== undefined && check.severity !== 'error' && !isSaving;
    const submit = React.useCallback(async () => {
        const secret = inputRef.current?.value ?? '';
        if (isSaving || secret === '' || !checkClientSecret(secret, ids).ok) return;
        clear();
        setSaving(true);
        try {
            await onSaveSecret(secret);
        } catch (error) {
            setSaving(false);
            setFailure(messageOf(error));
            return;
        }
        onSaved();
    }, [isSaving, ids, clear, onSaveSecret, onSaved]);
    return { inputRef, check, canSave, isSaving, failure, inspect, applyFix, submit, clear };
}
