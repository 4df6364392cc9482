/** Validation code → string keys (message + fix), so every rejected value is shown with a concrete fix. */
import type { ApplicationIdCode } from './app-id';
import type { ClientSecretCode } from './client-secret';
import type { FixCode } from './paste';
import type { TenantIdCode } from './tenant-id';
import type { StringKey } from '../string-keys';

/** Every validation code any credential check returns. */
export type ValidationCode = TenantIdCode | ApplicationIdCode | ClientSecretCode | 'tenantDomainMustResolve';

/** Keys of the message and the fix shown for a validation code. */
export type ValidationKeys = { messageKey: StringKey; fixKey: StringKey };

/**
 * One entry per code, every key written out whole. Most refusals are fixed by copying the value again from the
 * right place in the portal (Fix_CopyTenantId, Fix_CopyAppId, Fix_CopySecretValue).
 */
export const VALIDATION_KEYS: Readonly<Record<ValidationCode, ValidationKeys>> = {
    tenantEmpty: { messageKey: 'Validation_TenantEmpty', fixKey: 'Fix_CopyTenantId' },
    tenantNil: { messageKey: 'Validation_TenantNil', fixKey: 'Fix_CopyTenantId' },
    tenantGeneric: { messageKey: 'Validation_TenantGeneric', fixKey: 'Fix_CopyTenantId' },
    tenantInvalid: { messageKey: 'Validation_TenantNotGuid', fixKey: 'Fix_CopyTenantId' },
    tenantDomainMustResolve: { messageKey: 'Validation_TenantDomainMustResolve', fixKey: 'Fix_ResolveTenantDomain' },
    appEmpty: { messageKey: 'Validation_AppEmpty', fixKey: 'Fix_CopyAppId' },
    appNotGuid: { messageKey: 'Validation_AppNotGuid', fixKey: 'Fix_CopyAppId' },
    appNil: { messageKey: 'Validation_AppNil', fixKey: 'Fix_CopyAppId' },
    appSameAsTenant: { messageKey: 'Validation_AppSameAsTenant', fixKey: 'Fix_CopyAppId' },
    appIsExchangeResource: { messageKey: 'Validation_AppIsExchange', fixKey: 'Fix_CopyAppId' },
    appIsGraphResource: { messageKey: 'Validation_AppIsGraph', fixKey: 'Fix_CopyAppId' },
    appIsPermissionId: { messageKey: 'Validation_AppIsPermission', fixKey: 'Fix_CopyAppId' },
    appIsDynamicsCrm: { messageKey: 'Validation_AppIsDynamics', fixKey: 'Fix_CopyAppId' },
    secretEmpty: { messageKey: 'Validation_SecretEmpty', fixKey: 'Fix_CopySecretValue' },
    secretPasteArtifacts: { messageKey: 'Validation_SecretPasteArtifacts', fixKey: 'Fix_ApplyCorrection' },
    secretTooLong: { messageKey: 'Validation_SecretTooLong', fixKey: 'Fix_CopySecretValue' },
    secretIsSecretId: { messageKey: 'Validation_SecretIsSecretId', fixKey: 'Fix_SecretIdPasted' },
    secretEqualsTenantId: { messageKey: 'Validation_SecretEqualsTenant', fixKey: 'Fix_CopySecretValue' },
    secretEqualsAppId: { messageKey: 'Validation_SecretEqualsApp', fixKey: 'Fix_CopySecretValue' },
    secretLegacyFormat: { messageKey: 'Validation_SecretLegacyFormat', fixKey: 'Fix_SecretLegacyFormat' },
    secretUnrecognisedFormat: { messageKey: 'Validation_SecretUnrecognised', fixKey: 'Fix_CopySecretValue' },
};

/** The label of each "apply fix" correction. */
export const FIX_KEYS: Readonly<Record<FixCode, StringKey>> = {
    trimmed: 'Fix_Trimmed',
    removedQuotes: 'Fix_RemovedQuotes',
    removedBraces: 'Fix_RemovedBraces',
    extractedFromUrl: 'Fix_ExtractedFromUrl',
    lowercased: 'Fix_Lowercased',
    removedLineBreaks: 'Fix_RemovedLineBreaks',
};

/** Help text always offered next to Application ID (entra §2.2). */
export const APP_ID_HINT_KEY = 'Hint_AppIdNotObjectId' satisfies StringKey;
