import * as React from 'react';
import { parseTenantId } from '../../core/credentials/tenant-id';
import { validateCredentials, type FieldResult } from '../../core/credentials/validate-credentials';
import type { ProfileKind } from '../../core/profile';
import { useDebouncedCommit } from './use-credentials-debounce';
import { useDiscovery, type DiscoveryState, type ResolveTenant } from './use-discovery';

/**
 * What the section reports upwards for the form's bound columns. A field the admin has not edited here is absent
 * (the form keeps its value). An edited field carries exactly what Save must store: the normalised GUID the field
 * resolves to, or null when it resolves to nothing (not valid, unknown to Entra, a domain not resolved), which
 * clears the column rather than leaving an earlier value in place.
 */
export type CredentialsChange = {
    tenantId?: string | null;
    applicationId?: string | null;
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

function useField(initial: string | null | undefined): FieldHandle & { committed: string; isEdited: boolean } {
    const [raw, setRaw] = React.useState(initial ?? '');
    const [isEdited, setEdited] = React.useState(false);
    const { committed, commit } = useDebouncedCommit(raw);
    const set = React.useCallback((value: string) => {
        setEdited(true);
        setRaw(value);
    }, []);
    const setNow = React.useCallback(
        (value: string) => {
            set(value);
            commit(value);
        },
        [set, commit],
    );
    const blur = React.useCallback(() => commit(), [commit]);
    return { raw, set, setNow, blur, committed, isEdited };
}

/**
 * The tenant GUID the text in the field stands for, or null. Read from the text as it is now, not the debounced
 * copy, so a Save straight after typing never stores the value before. A GUID counts unless discovery said Entra
 * does not know it ("could not verify" never blocks, entra §2.1); a domain counts only once resolved.
 */
function resolvedTenant(raw: string, discovery: DiscoveryState): string | null {
    const parsed = parseTenantId(raw);
    if (!parsed.ok) return null;
    const answer = discovery.status === 'done' && discovery.tenant === parsed.normalised ? discovery.result : undefined;
    if (parsed.value.kind === 'guid') return answer?.kind === 'notFound' ? null : parsed.value.tenantId;
    return answer?.kind === 'found' ? answer.tenantId : null;
}

/** The application ID to store: the normalised GUID when the text is valid, else null. */
function validApplicationId(result: FieldResult): string | null {
    return result.severity === 'ok' ? (result.normalised ?? null) : null;
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
    // What Save stores follows the text now in the fields; the messages follow the validated (debounced) copy.
    const current = validateCredentials({ tenantId: tenant.raw, applicationId: app.raw }, kind).fields;
    const tenantOut = tenant.isEdited && current.tenantId ? resolvedTenant(tenant.raw, discovery) : undefined;
    const appOut = app.isEdited && current.applicationId ? validApplicationId(current.applicationId) : undefined;
    // A tenant every cloud called unknown cannot work; "could not verify" never blocks (entra §2.1).
    const unknown = discovery.status === 'done' && discovery.result.kind === 'notFound';
    const blocksSave = validation.blocksSave || unknown;
    const onChangeRef = React.useRef(onChange);
    onChangeRef.current = onChange;
    React.useEffect(() => {
        const change: CredentialsChange = { blocksSave };
        if (tenantOut !== undefined) change.tenantId = tenantOut;
        if (appOut !== undefined) change.applicationId = appOut;
        onChangeRef.current?.(change);
    }, [tenantOut, appOut, blocksSave]);
    // Said under a field once its messages have caught up with the text (not while typing or looking up).
    const isTenantCleared = tenantOut === null && tenant.raw === tenant.committed && discovery.status !== 'resolving';
    const isAppCleared = appOut === null && app.raw === app.committed;
    return { tenant, app, validation, discovery, isTenantCleared, isAppCleared };
}
