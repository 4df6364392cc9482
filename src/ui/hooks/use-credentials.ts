import * as React from 'react';
import { validateCredentials, type CredentialValidation } from '../../core/credentials/validate-credentials';
import type { ProfileKind } from '../../core/profile';
import { useDebouncedCommit } from './use-credentials-debounce';
import { useDiscovery, type DiscoveryState, type ResolveTenant } from './use-discovery';

/** What the section reports upwards: valid, normalised values only (undefined otherwise) and the save verdict. */
export type CredentialsChange = {
    tenantId: string | undefined;
    applicationId: string | undefined;
    blocksSave: boolean;
};

/** Inputs of useCredentials (a subset of CredentialsSectionProps). */
export type UseCredentialsOptions = {
    kind: ProfileKind;
    initialTenantId?: string | null;
    initialApplicationId?: string | null;
    serverAuthority: number | null;
    resolveTenant?: ResolveTenant;
    onChange?: (change: CredentialsChange) => void;
};

/** One text field: what is typed, and how to change it (`setNow` also validates at once). */
export type FieldHandle = {
    raw: string;
    set: (value: string) => void;
    setNow: (value: string) => void;
    blur: () => void;
};

function useField(initial: string | null | undefined): FieldHandle & { committed: string } {
    const [raw, set] = React.useState(initial ?? '');
    const { committed, commit } = useDebouncedCommit(raw);
    const setNow = React.useCallback(
        (value: string) => {
            set(value);
            commit(value);
        },
        [commit],
    );
    const blur = React.useCallback(() => commit(), [commit]);
    return { raw, set, setNow, blur, committed };
}

function toChange(validation: CredentialValidation, discovery: DiscoveryState): CredentialsChange {
    const { tenantId, applicationId } = validation.fields;
    const tenantGuid = tenantId?.severity === 'ok' ? tenantId.normalised : undefined;
    const appGuid = applicationId?.severity === 'ok' ? applicationId.normalised : undefined;
    // A tenant every cloud called unknown cannot work; "could not verify" never blocks (entra §2.1).
    const unknown = discovery.status === 'done' && discovery.result.kind === 'notFound';
    return { tenantId: tenantGuid, applicationId: appGuid, blocksSave: validation.blocksSave || unknown };
}

/** Field state, validation (debounced, immediate on blur), discovery of the tenant, and the report to the parent. */
export function useCredentials(options: UseCredentialsOptions) {
    const { kind, serverAuthority, resolveTenant, onChange } = options;
    const tenant = useField(options.initialTenantId);
    const app = useField(options.initialApplicationId);
    const validation = React.useMemo(
        () => validateCredentials({ tenantId: tenant.committed, applicationId: app.committed }, kind),
        [tenant.committed, app.committed, kind],
    );
    const tenantResult = validation.fields.tenantId;
    const lookup = tenantResult && tenantResult.severity !== 'error' ? tenantResult.normalised : undefined;
    const discovery = useDiscovery(lookup, serverAuthority, resolveTenant);
    const change = toChange(validation, discovery);
    const onChangeRef = React.useRef(onChange);
    onChangeRef.current = onChange;
    React.useEffect(() => {
        onChangeRef.current?.({
            tenantId: change.tenantId,
            applicationId: change.applicationId,
            blocksSave: change.blocksSave,
        });
    }, [change.tenantId, change.applicationId, change.blocksSave]);
    return { tenant, app, validation, discovery };
}
