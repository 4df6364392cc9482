/** Every decoded cause with its message, fix, checklist item and whether waiting may cure it (entra §7). */
import { EWS_SERVER_BUSY_TRANSIENT } from '../assumptions';
import type { ReadinessItemId } from '../readiness/items';

/** A decoded failure cause. */
export type CauseCode =
    | 'tenantNotFound'
    | 'tenantMalformed'
    | 'tenantGenericUsed'
    | 'wrongNationalCloud'
    | 'appNotInTenant'
    | 'appIdInvalid'
    | 'servicePrincipalMissing'
    | 'secretInvalid'
    | 'secretExpired'
    | 'secretMissing'
    | 'appDisabled'
    | 'resourceNotFound'
    | 'invalidScope'
    | 'conditionalAccess'
    | 'crossOriginToken'
    | 'unknownAadsts'
    | 'ewsTokenNoPermissions'
    | 'ewsWrongAudience'
    | 'ewsTokenInvalid'
    | 'ewsForbidden'
    | 'ewsImpersonateDenied'
    | 'ewsNoMailbox'
    | 'ewsAccessDenied'
    | 'ewsServerBusy'
    | 'ewsMissingEmailAddress'
    | 'mailboxNotApproved'
    | 'credentialsIncorrect'
    | 'mailboxLocationUnknown'
    | 'httpForbidden'
    | 'userNotFound'
    | 'mailboxNotEnabledForRest'
    | 'actOwnerMismatch'
    | 'impersonationFailed'
    | 'approvalRefused'
    | 'approvalPrivilegeMissing'
    | 'approvalNotApplied'
    | 'testTimedOut'
    | 'throttled'
    | 'concurrencyConflict'
    | 'sessionExpired'
    | 'privilegeMissing'
    | 'recordNotFound'
    | 'networkError'
    | 'unknown';

/** What the UI shows for a cause. */
export type CauseEntry = {
    messageKey: string;
    fixKey: string;
    checklistItem?: ReadinessItemId;
    transient: boolean;
};

function entry(name: string, fix: string, checklistItem?: ReadinessItemId, transient = false): CauseEntry {
    return { messageKey: `Error_${name}`, fixKey: `Fix_${fix}`, checklistItem, transient };
}

const INTERNAL = 'InternalError';

/** The catalogue: cause → keys. The resx test proves every key exists in both languages. */
export const CAUSES: Readonly<Record<CauseCode, CauseEntry>> = {
    tenantNotFound: entry('TenantNotFound', 'TenantNotFound'),
    tenantMalformed: entry('TenantMalformed', 'CopyTenantId'),
    tenantGenericUsed: entry('TenantGenericUsed', 'CopyTenantId'),
    wrongNationalCloud: entry('WrongNationalCloud', 'WrongNationalCloud'),
    appNotInTenant: entry('AppNotInTenant', 'AppNotInTenant', 'appRegistration'),
    appIdInvalid: entry('AppIdInvalid', 'CopyAppId', 'appRegistration'),
    servicePrincipalMissing: entry('ServicePrincipalMissing', 'ServicePrincipalMissing', 'adminConsent'),
    secretInvalid: entry('SecretInvalid', 'SecretInvalid', 'clientSecret'),
    secretExpired: entry('SecretExpired', 'SecretExpired', 'clientSecret'),
    secretMissing: entry('SecretMissing', 'CopySecretValue', 'clientSecret'),
    appDisabled: entry('AppDisabled', 'AppDisabled', 'appRegistration'),
    resourceNotFound: entry('ResourceNotFound', 'ResourceNotFound', 'exchangePermission'),
    invalidScope: entry('InvalidScope', INTERNAL),
    conditionalAccess: entry('ConditionalAccess', 'ConditionalAccess', 'conditionalAccess'),
    crossOriginToken: entry('CrossOriginToken', INTERNAL),
    unknownAadsts: entry('UnknownAadsts', 'LookUpAadsts'),
    ewsTokenNoPermissions: entry('EwsTokenNoPermissions', 'EwsTokenNoPermissions', 'adminConsent'),
    ewsWrongAudience: entry('EwsWrongAudience', INTERNAL),
    ewsTokenInvalid: entry('EwsTokenInvalid', 'EwsTokenInvalid', 'clientSecret', true),
    ewsForbidden: entry('EwsForbidden', 'EwsForbidden', 'ewsAllowList'),
    ewsImpersonateDenied: entry('EwsImpersonateDenied', 'AddMailboxToScope', 'rbacScope'),
    ewsNoMailbox: entry('EwsNoMailbox', 'EwsNoMailbox'),
    ewsAccessDenied: entry('EwsAccessDenied', 'EwsAccessDenied', 'rbacScope'),
    ewsServerBusy: entry('EwsServerBusy', 'WaitAndRetry', undefined, EWS_SERVER_BUSY_TRANSIENT),
    ewsMissingEmailAddress: entry('EwsMissingEmailAddress', INTERNAL),
    mailboxNotApproved: entry('MailboxNotApproved', 'MailboxNotApproved'),
    credentialsIncorrect: entry('CredentialsIncorrect', 'CredentialsIncorrect', 'appRegistration'),
    mailboxLocationUnknown: entry('MailboxLocationUnknown', 'MailboxLocationUnknown'),
    httpForbidden: entry('HttpForbidden', 'EwsForbidden', 'ewsAllowList'),
    userNotFound: entry('UserNotFound', 'UserNotFound'),
    mailboxNotEnabledForRest: entry('MailboxNotEnabledForRest', 'MailboxNotEnabledForRest'),
    actOwnerMismatch: entry('ActOwnerMismatch', 'ActOwnerMismatch'),
    impersonationFailed: entry('ImpersonationFailed', 'AddMailboxToScope', 'rbacScope'),
    approvalRefused: entry('ApprovalRefused', 'ApprovalRefused'),
    approvalPrivilegeMissing: entry('ApprovalPrivilegeMissing', 'ApprovalPrivilegeMissing'),
    approvalNotApplied: entry('ApprovalNotApplied', 'ApprovalNotApplied'),
    testTimedOut: entry('TestTimedOut', 'TestTimedOut', undefined, true),
    throttled: entry('Throttled', 'WaitAndRetry', undefined, true),
    concurrencyConflict: entry('ConcurrencyConflict', 'Reload'),
    sessionExpired: entry('SessionExpired', 'SignInAgain'),
    privilegeMissing: entry('PrivilegeMissing', 'PrivilegeMissing'),
    recordNotFound: entry('RecordNotFound', 'Reload'),
    networkError: entry('Network', 'CheckConnection', undefined, true),
    unknown: entry('Unknown', 'Unknown'),
};

/** The checklist item a failed test should highlight, if any. */
export function checklistItemFor(cause: CauseCode): ReadinessItemId | undefined {
    return CAUSES[cause].checklistItem;
}
