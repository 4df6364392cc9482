/** Every decoded cause with its message, fix, checklist item and whether waiting may cure it (entra §7). */
import { EWS_SERVER_BUSY_TRANSIENT } from '../assumptions';
import type { ReadinessItemId } from '../readiness/items';
import { capitalise } from '../template';

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

/** How a cause differs from the defaults: its fix (OWN = named like the message), checklist item, transience. */
type CauseSpec = readonly [fix?: string, checklistItem?: ReadinessItemId, transient?: boolean];

/** The fix key shares the message key's name, e.g. Error_SecretInvalid → Fix_SecretInvalid. */
const OWN = '';
const INTERNAL = 'InternalError';

/** Message key names that are not the capitalised cause. */
const MESSAGE_NAMES: Partial<Record<CauseCode, string>> = { networkError: 'Network' };

const SPECS: Readonly<Record<CauseCode, CauseSpec>> = {
    tenantNotFound: [],
    tenantMalformed: ['CopyTenantId'],
    tenantGenericUsed: ['CopyTenantId'],
    wrongNationalCloud: [],
    appNotInTenant: [OWN, 'appRegistration'],
    appIdInvalid: ['CopyAppId', 'appRegistration'],
    servicePrincipalMissing: [OWN, 'adminConsent'],
    secretInvalid: [OWN, 'clientSecret'],
    secretExpired: [OWN, 'clientSecret'],
    secretMissing: ['CopySecretValue', 'clientSecret'],
    appDisabled: [OWN, 'appRegistration'],
    resourceNotFound: [OWN, 'exchangePermission'],
    invalidScope: [INTERNAL],
    conditionalAccess: [OWN, 'conditionalAccess'],
    crossOriginToken: [INTERNAL],
    unknownAadsts: ['LookUpAadsts'],
    ewsTokenNoPermissions: [OWN, 'adminConsent'],
    ewsWrongAudience: [INTERNAL],
    ewsTokenInvalid: [OWN, 'clientSecret', true],
    ewsForbidden: [OWN, 'ewsAllowList'],
    ewsImpersonateDenied: ['AddMailboxToScope', 'rbacScope'],
    ewsNoMailbox: [],
    ewsAccessDenied: [OWN, 'rbacScope'],
    ewsServerBusy: ['WaitAndRetry', undefined, EWS_SERVER_BUSY_TRANSIENT],
    ewsMissingEmailAddress: [INTERNAL],
    mailboxNotApproved: [],
    credentialsIncorrect: [OWN, 'appRegistration'],
    mailboxLocationUnknown: [],
    httpForbidden: ['EwsForbidden', 'ewsAllowList'],
    userNotFound: [],
    mailboxNotEnabledForRest: [],
    actOwnerMismatch: [],
    impersonationFailed: ['AddMailboxToScope', 'rbacScope'],
    approvalRefused: [],
    approvalPrivilegeMissing: [],
    approvalNotApplied: [],
    testTimedOut: [OWN, undefined, true],
    throttled: ['WaitAndRetry', undefined, true],
    concurrencyConflict: ['Reload'],
    sessionExpired: ['SignInAgain'],
    privilegeMissing: [],
    recordNotFound: ['Reload'],
    networkError: ['CheckConnection', undefined, true],
    unknown: [],
};

function entry(cause: CauseCode, [fix, checklistItem, transient = false]: CauseSpec): CauseEntry {
    const name = MESSAGE_NAMES[cause] ?? capitalise(cause);
    return { messageKey: `Error_${name}`, fixKey: `Fix_${fix || name}`, checklistItem, transient };
}

/** The catalogue: cause → keys (Error_<Cause>, Fix_<fix>). The resx test proves every key exists in both languages. */
export const CAUSES = Object.fromEntries(
    Object.entries(SPECS).map(([cause, spec]) => [cause, entry(cause as CauseCode, spec)]),
) as Readonly<Record<CauseCode, CauseEntry>>;

/** The checklist item a failed test should highlight, if any. */
export function checklistItemFor(cause: CauseCode): ReadinessItemId | undefined {
    return CAUSES[cause].checklistItem;
}
