/** Every decoded cause with its message, fix, checklist item and whether waiting may cure it (entra §7). */
import { EWS_SERVER_BUSY_TRANSIENT } from '../assumptions';
import type { ReadinessItemId } from '../readiness/items';
import type { StringKey } from '../string-keys';

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
    | 'ownerDisabled'
    | 'approvalRefused'
    | 'approvalPrivilegeMissing'
    | 'approvalNotApplied'
    | 'testTimedOut'
    | 'alertsNoPermission'
    | 'alertsQueryRefused'
    | 'throttled'
    | 'serverTransient'
    | 'concurrencyConflict'
    | 'sessionExpired'
    | 'privilegeMissing'
    | 'recordNotFound'
    | 'networkError'
    | 'unknown';

/** What the UI shows for a cause. */
export type CauseEntry = {
    messageKey: StringKey;
    fixKey: StringKey;
    checklistItem?: ReadinessItemId;
    /** Waiting (or Dynamics' own retry) may cure it. */
    transient: boolean;
};

/**
 * The catalogue: cause → message, fix, checklist item to highlight, transience. Every key is written out whole so a
 * search for a key finds where it is produced; the resx test proves every key exists in both languages.
 */
export const CAUSES: Readonly<Record<CauseCode, CauseEntry>> = {
    tenantNotFound: { messageKey: 'Error_TenantNotFound', fixKey: 'Fix_TenantNotFound', transient: false },
    tenantMalformed: { messageKey: 'Error_TenantMalformed', fixKey: 'Fix_CopyTenantId', transient: false },
    tenantGenericUsed: { messageKey: 'Error_TenantGenericUsed', fixKey: 'Fix_CopyTenantId', transient: false },
    wrongNationalCloud: { messageKey: 'Error_WrongNationalCloud', fixKey: 'Fix_WrongNationalCloud', transient: false },
    appNotInTenant: {
        messageKey: 'Error_AppNotInTenant',
        fixKey: 'Fix_AppNotInTenant',
        checklistItem: 'appRegistration',
        transient: false,
    },
    appIdInvalid: {
        messageKey: 'Error_AppIdInvalid',
        fixKey: 'Fix_CopyAppId',
        checklistItem: 'appRegistration',
        transient: false,
    },
    servicePrincipalMissing: {
        messageKey: 'Error_ServicePrincipalMissing',
        fixKey: 'Fix_ServicePrincipalMissing',
        checklistItem: 'adminConsent',
        transient: false,
    },
    secretInvalid: {
        messageKey: 'Error_SecretInvalid',
        fixKey: 'Fix_SecretInvalid',
        checklistItem: 'clientSecret',
        transient: false,
    },
    secretExpired: {
        messageKey: 'Error_SecretExpired',
        fixKey: 'Fix_SecretExpired',
        checklistItem: 'clientSecret',
        transient: false,
    },
    secretMissing: {
        messageKey: 'Error_SecretMissing',
        fixKey: 'Fix_CopySecretValue',
        checklistItem: 'clientSecret',
        transient: false,
    },
    appDisabled: {
        messageKey: 'Error_AppDisabled',
        fixKey: 'Fix_AppDisabled',
        checklistItem: 'appRegistration',
        transient: false,
    },
    resourceNotFound: {
        messageKey: 'Error_ResourceNotFound',
        fixKey: 'Fix_ResourceNotFound',
        checklistItem: 'exchangePermission',
        transient: false,
    },
    invalidScope: { messageKey: 'Error_InvalidScope', fixKey: 'Fix_InternalError', transient: false },
    conditionalAccess: {
        messageKey: 'Error_ConditionalAccess',
        fixKey: 'Fix_ConditionalAccess',
        checklistItem: 'conditionalAccess',
        transient: false,
    },
    crossOriginToken: { messageKey: 'Error_CrossOriginToken', fixKey: 'Fix_InternalError', transient: false },
    unknownAadsts: { messageKey: 'Error_UnknownAadsts', fixKey: 'Fix_LookUpAadsts', transient: false },
    ewsTokenNoPermissions: {
        messageKey: 'Error_EwsTokenNoPermissions',
        fixKey: 'Fix_EwsTokenNoPermissions',
        checklistItem: 'adminConsent',
        transient: false,
    },
    ewsWrongAudience: { messageKey: 'Error_EwsWrongAudience', fixKey: 'Fix_InternalError', transient: false },
    ewsTokenInvalid: {
        messageKey: 'Error_EwsTokenInvalid',
        fixKey: 'Fix_EwsTokenInvalid',
        checklistItem: 'clientSecret',
        transient: true,
    },
    ewsForbidden: {
        messageKey: 'Error_EwsForbidden',
        fixKey: 'Fix_EwsForbidden',
        checklistItem: 'ewsAllowList',
        transient: false,
    },
    ewsImpersonateDenied: {
        messageKey: 'Error_EwsImpersonateDenied',
        fixKey: 'Fix_AddMailboxToScope',
        checklistItem: 'rbacScope',
        transient: false,
    },
    ewsNoMailbox: { messageKey: 'Error_EwsNoMailbox', fixKey: 'Fix_EwsNoMailbox', transient: false },
    ewsAccessDenied: {
        messageKey: 'Error_EwsAccessDenied',
        fixKey: 'Fix_EwsAccessDenied',
        checklistItem: 'rbacScope',
        transient: false,
    },
    ewsServerBusy: {
        messageKey: 'Error_EwsServerBusy',
        fixKey: 'Fix_WaitAndRetry',
        transient: EWS_SERVER_BUSY_TRANSIENT,
    },
    ewsMissingEmailAddress: {
        messageKey: 'Error_EwsMissingEmailAddress',
        fixKey: 'Fix_InternalError',
        transient: false,
    },
    mailboxNotApproved: { messageKey: 'Error_MailboxNotApproved', fixKey: 'Fix_MailboxNotApproved', transient: false },
    credentialsIncorrect: {
        messageKey: 'Error_CredentialsIncorrect',
        fixKey: 'Fix_CredentialsIncorrect',
        checklistItem: 'appRegistration',
        transient: false,
    },
    mailboxLocationUnknown: {
        messageKey: 'Error_MailboxLocationUnknown',
        fixKey: 'Fix_MailboxLocationUnknown',
        transient: false,
    },
    httpForbidden: {
        messageKey: 'Error_HttpForbidden',
        fixKey: 'Fix_EwsForbidden',
        checklistItem: 'ewsAllowList',
        transient: false,
    },
    userNotFound: { messageKey: 'Error_UserNotFound', fixKey: 'Fix_UserNotFound', transient: false },
    mailboxNotEnabledForRest: {
        messageKey: 'Error_MailboxNotEnabledForRest',
        fixKey: 'Fix_MailboxNotEnabledForRest',
        transient: false,
    },
    actOwnerMismatch: { messageKey: 'Error_ActOwnerMismatch', fixKey: 'Fix_ActOwnerMismatch', transient: false },
    ownerDisabled: { messageKey: 'Error_OwnerDisabled', fixKey: 'Fix_OwnerDisabled', transient: false },
    impersonationFailed: {
        messageKey: 'Error_ImpersonationFailed',
        fixKey: 'Fix_AddMailboxToScope',
        checklistItem: 'rbacScope',
        transient: false,
    },
    approvalRefused: { messageKey: 'Error_ApprovalRefused', fixKey: 'Fix_ApprovalRefused', transient: false },
    approvalPrivilegeMissing: {
        messageKey: 'Error_ApprovalPrivilegeMissing',
        fixKey: 'Fix_ApprovalPrivilegeMissing',
        transient: false,
    },
    approvalNotApplied: { messageKey: 'Error_ApprovalNotApplied', fixKey: 'Fix_ApprovalNotApplied', transient: false },
    testTimedOut: { messageKey: 'Error_TestTimedOut', fixKey: 'Fix_TestTimedOut', transient: true },
    // The test's own cause is unknown because its alerts could not be read (issue 14 item 9).
    alertsNoPermission: {
        messageKey: 'Error_AlertsNoPermission',
        fixKey: 'Fix_AlertsNoPermission',
        transient: false,
    },
    alertsQueryRefused: {
        messageKey: 'Error_AlertsQueryRefused',
        fixKey: 'Fix_AlertsQueryRefused',
        transient: false,
    },
    throttled: { messageKey: 'Error_Throttled', fixKey: 'Fix_WaitAndRetry', transient: true },
    serverTransient: { messageKey: 'Error_ServerTransient', fixKey: 'Fix_RetryFailedLater', transient: true },
    concurrencyConflict: { messageKey: 'Error_ConcurrencyConflict', fixKey: 'Fix_Reload', transient: false },
    sessionExpired: { messageKey: 'Error_SessionExpired', fixKey: 'Fix_SignInAgain', transient: false },
    privilegeMissing: { messageKey: 'Error_PrivilegeMissing', fixKey: 'Fix_PrivilegeMissing', transient: false },
    recordNotFound: { messageKey: 'Error_RecordNotFound', fixKey: 'Fix_Reload', transient: false },
    networkError: { messageKey: 'Error_Network', fixKey: 'Fix_CheckConnection', transient: true },
    unknown: { messageKey: 'Error_Unknown', fixKey: 'Fix_Unknown', transient: false },
};

/** The checklist item a failed test should highlight, if any. */
export function checklistItemFor(cause: CauseCode): ReadinessItemId | undefined {
    return CAUSES[cause].checklistItem;
}
