/** Validation code → string keys (message + fix), so every rejected value is shown with a concrete fix. */
import type { ApplicationIdCode } from './app-id';
import type { ClientSecretCode } from './client-secret';
import { FIX_CODES, type FixCode } from './paste';
import type { TenantIdCode } from './tenant-id';
import { capitalise } from '../template';

/** Every validation code any credential check returns. */
export type ValidationCode = TenantIdCode | ApplicationIdCode | ClientSecretCode | 'tenantDomainMustResolve';

/** Keys of the message and the fix shown for a validation code. */
export type ValidationKeys = { messageKey: string; fixKey: string };

/** Key names that differ from the defaults: message Validation_<Code>, fix the field's "copy it again" fix. */
type KeyNames = { message?: string; fix?: string };

const NAMES: Readonly<Record<ValidationCode, KeyNames>> = {
    tenantEmpty: {},
    tenantNil: {},
    tenantGeneric: {},
    tenantInvalid: { message: 'TenantNotGuid' },
    tenantDomainMustResolve: { fix: 'ResolveTenantDomain' },
    appEmpty: {},
    appNotGuid: {},
    appNil: {},
    appSameAsTenant: {},
    appIsExchangeResource: { message: 'AppIsExchange' },
    appIsGraphResource: { message: 'AppIsGraph' },
    appIsPermissionId: { message: 'AppIsPermission' },
    appIsDynamicsCrm: { message: 'AppIsDynamics' },
    secretEmpty: {},
    secretPasteArtifacts: { fix: 'ApplyCorrection' },
    secretTooLong: {},
    secretIsSecretId: { fix: 'SecretIdPasted' },
    secretEqualsTenantId: { message: 'SecretEqualsTenant' },
    secretEqualsAppId: { message: 'SecretEqualsApp' },
    secretLegacyFormat: { fix: 'SecretLegacyFormat' },
    secretUnrecognisedFormat: { message: 'SecretUnrecognised' },
};

/** Most refusals are fixed by copying the value again from the right place in the portal. */
function copyFix(code: ValidationCode): string {
    if (code.startsWith('tenant')) return 'CopyTenantId';
    return code.startsWith('app') ? 'CopyAppId' : 'CopySecretValue';
}

/** One entry per code; the resx test checks that every key exists in both languages. */
export const VALIDATION_KEYS = Object.fromEntries(
    Object.entries(NAMES).map(([code, names]: [string, KeyNames]) => [
        code,
        {
            messageKey: `Validation_${names.message ?? capitalise(code)}`,
            fixKey: `Fix_${names.fix ?? copyFix(code as ValidationCode)}`,
        },
    ]),
) as Readonly<Record<ValidationCode, ValidationKeys>>;

/** The label of each "apply fix" correction: Fix_<Code>. */
export const FIX_KEYS = Object.fromEntries(FIX_CODES.map((code) => [code, `Fix_${capitalise(code)}`])) as Readonly<
    Record<FixCode, string>
>;

/** Help text always offered next to Application ID (entra §2.2). */
export const APP_ID_HINT_KEY = 'Hint_AppIdNotObjectId';
