/** All credential fields of a profile checked together, only those that apply to its kind (entra §1, §2). */
import { SSS_ACCEPTS_TENANT_DOMAIN } from '../assumptions';
import type { ProfileKind } from '../profile';
import { parseApplicationId } from './app-id';
import { checkClientSecret } from './client-secret';
import type { FixCode } from './paste';
import { parseTenantId, type TenantIdResult } from './tenant-id';
import { FIX_KEYS, VALIDATION_KEYS, type ValidationCode } from './validation-keys';
import type { StringKey } from '../string-keys';

/** What the form holds; a missing secret means "keep the stored one". */
export type CredentialInput = { tenantId?: string; applicationId?: string; clientSecret?: string };

/** One field's verdict. `normalised` is the value to offer with "apply fix" (never set for the secret's errors). */
export type FieldResult = {
    severity: 'ok' | 'warning' | 'error';
    blocksSave: boolean;
    code?: ValidationCode;
    messageKey?: StringKey;
    fixKey?: StringKey;
    fixKeys: StringKey[];
    normalised?: string;
};

/** Per-field results for the fields that apply; `blocksSave` is true when any field blocks. */
export type CredentialValidation = {
    fields: Partial<Record<keyof CredentialInput, FieldResult>>;
    blocksSave: boolean;
};

function fixKeysOf(fixes: FixCode[]): StringKey[] {
    return fixes.map((fix) => FIX_KEYS[fix]);
}

function okField(fixes: FixCode[], normalised?: string): FieldResult {
    return { severity: 'ok', blocksSave: false, fixKeys: fixKeysOf(fixes), normalised };
}

function codeField(severity: 'warning' | 'error', code: ValidationCode, fixes: FixCode[]): FieldResult {
    return { severity, code, ...VALIDATION_KEYS[code], blocksSave: severity === 'error', fixKeys: fixKeysOf(fixes) };
}

function tenantField(result: TenantIdResult): FieldResult {
    if (!result.ok) return codeField('error', result.code, result.fixes);
    if (result.value.kind === 'guid') return okField(result.fixes, result.normalised);
    // A domain is fine to type but the 36-character column needs the GUID: save waits for discovery.
    return {
        ...codeField('warning', 'tenantDomainMustResolve', result.fixes),
        blocksSave: !SSS_ACCEPTS_TENANT_DOMAIN,
        normalised: result.normalised,
    };
}

function applicationField(raw: string, tenantId: string | undefined): FieldResult {
    const result = parseApplicationId(raw, tenantId);
    if (!result.ok) return codeField('error', result.code, result.fixes);
    return { ...okField(result.fixes, result.value), fixKey: result.hintKey };
}

function secretField(raw: string, tenantId?: string, applicationId?: string): FieldResult {
    const result = checkClientSecret(raw, { tenantId, applicationId });
    if (!result.ok) return codeField('error', result.code, result.fix?.fixes ?? []);
    if (result.value.severity === 'warning') return codeField('warning', result.value.code, []);
    return okField([]);
}

/**
 * Validate the fields that apply to the profile kind: cross-tenant = tenant, app, secret (if entered);
 * hybrid S2S = tenant only (certificate based); Exchange Online same-tenant = none. Errors block save, warnings
 * do not — except a tenant domain, which must be resolved to a GUID first.
 */
export function validateCredentials(input: CredentialInput, profileKind: ProfileKind): CredentialValidation {
    const fields: CredentialValidation['fields'] = {};
    const tenant = parseTenantId(input.tenantId ?? '');
    if (profileKind === 'crossTenantOAuth' || profileKind === 'hybridS2S') {
        fields.tenantId = tenantField(tenant);
    }
    if (profileKind === 'crossTenantOAuth') {
        const tenantGuid = tenant.ok && tenant.value.kind === 'guid' ? tenant.value.tenantId : input.tenantId;
        fields.applicationId = applicationField(input.applicationId ?? '', tenantGuid);
        const app = fields.applicationId.normalised ?? input.applicationId;
        if (input.clientSecret !== undefined && input.clientSecret !== '') {
            fields.clientSecret = secretField(input.clientSecret, tenantGuid, app);
        }
    }
    const blocksSave = Object.values(fields).some((field) => field.blocksSave);
    return { fields, blocksSave };
}
