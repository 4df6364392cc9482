/**
 * What a Test & Enable ends in, and the alert (tracelog) it leaves. Texts carry the phrases of
 * entra-and-exchange.md §7 (Dynamics alert column, AADSTS and EWS tables) so the control's decoder meets them as
 * it would online. `tracecode` values are emulator-specific (the real codes are not documented): decoders must
 * branch on the error code in `errordetails` first, the text second (ALERT_DETAILS_LAYOUT).
 */
import type { Row } from '../emulator/contract';
import { iso } from './ids';
import { findTenant } from './tenants';
import type { DiscoveryTenant, Outcome } from './types';

/** Everything an alert text may mention. */
export type AlertContext = {
    mailboxName: string;
    /** Full name and id of the user or queue the mailbox belongs to. */
    ownerName: string;
    ownerId: string;
    emailAddress: string;
    profileName: string;
    tenantId: string;
    tenantName: string;
    appId: string;
    loginHost: string;
    ewsHost: string;
    traceId: string;
    correlationId: string;
    timestamp: string;
};

/** One alert as written to `tracelog` (dataverse.md §7). Level 2 = warning (transient, retried), 3 = error. */
export type Alert = {
    level: 1 | 2 | 3;
    tracecode: number;
    errortypedisplay: string;
    text: string;
    errordetails: string;
};

/**
 * Where an alert's error code is. Microsoft's support articles show server-side-sync alerts as the message plus a line
 * "Email Server Error Code: <code>" (e.g. "IncomingEmailS2SApprovalNeeded", "Crm.80048306…", "Http server returned
 * 401 Unauthorized exception.") and, under View Details, "ActivityId: <guid>" and ">Error : <exception>" (KB 4052727,
 * 4052824, 4533252). Which tracelog column holds which part is (unconfirmed): the emulator writes all three lines, in
 * this order, into `errordetails`, and keeps `text` the message alone.
 */
export const ALERT_DETAILS_LAYOUT = [
    'Email Server Error Code: {code}',
    'ActivityId: {activityId}',
    '>Error : {detail}',
];

/**
 * Error code of a disabled owner's alert: a Dataverse error in the "Crm.<hex>" form the support articles show;
 * which code the platform uses is (unconfirmed).
 */
export const DISABLED_OWNER_ERROR_CODE = 'Crm.80040225';

/** Transient errors are retried this many times, five minutes apart, before the mailbox is disabled (see jobs.ts). */
export const TRANSIENT_RETRIES = 10;

/** Emulator-specific trace codes, one per outcome (a recovering transient failure ends in success). */
export const TRACE_CODES: Record<Outcome, number> = {
    success: 1001,
    transientRecovers: 1001,
    badSecret: 3101,
    expiredSecret: 3102,
    missingSecret: 3103,
    unknownTenant: 3104,
    appNotFound: 3105,
    noConsent: 3106,
    aapDenied: 3201,
    ewsBlocked: 3202,
    mailboxNotFound: 3203,
    notLicensed: 3204,
    ownerDisabled: 3205,
    transient: 3206,
    notApproved: 3301,
};

/** Trace code of the warning each failed attempt of a transient failure leaves (level 2). */
export const TRANSIENT_WARNING_TRACECODE = 2201;

const aadTail = (c: AlertContext): string =>
    ` Trace ID: ${c.traceId} Correlation ID: ${c.correlationId} Timestamp: ${c.timestamp}`;
const tokenFailure = (c: AlertContext, status: number, error: string, description: string): string =>
    `Token request to https://${c.loginHost}/${c.tenantId}/oauth2/v2.0/token failed with HTTP ${status} (${error}). ${description}${aadTail(c)}`;

const credentialsText = (c: AlertContext): string =>
    `The email message cannot be received because the credentials specified in the associated email server profile are incorrect. ` +
    `Email Server Profile: ${c.profileName}, Mailbox: ${c.mailboxName}. The mailbox has been disabled for synchronizing appointments, ` +
    `contacts, and tasks, and for receiving and sending email. The owner of the email server profile has been notified.`;

const forbiddenText = (c: AlertContext): string =>
    `Email cannot be received for the mailbox ${c.mailboxName} because an error occurred while connecting to the email server: ` +
    `Http server returned Forbidden exception. The mailbox ${c.mailboxName} has been disabled for receiving and sending email.`;

/** AADSTS descriptions as Entra words them (codes from entra-and-exchange.md §7). */
const AAD: Record<
    'badSecret' | 'expiredSecret' | 'missingSecret' | 'unknownTenant' | 'appNotFound',
    (c: AlertContext) => string
> = {
    badSecret: (c) =>
        tokenFailure(
            c,
            401,
            'invalid_client',
            `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${c.appId}'.`,
        ),
    expiredSecret: (c) =>
        tokenFailure(
            c,
            401,
            'invalid_client',
            `AADSTS7000222: The provided client secret keys for app '${c.appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
        ),
    missingSecret: (c) =>
        tokenFailure(
            c,
            400,
            'invalid_client',
            `AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.`,
        ),
    unknownTenant: (c) =>
        tokenFailure(
            c,
            400,
            'invalid_request',
            `AADSTS90002: Tenant '${c.tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
        ),
    appNotFound: (c) =>
        tokenFailure(
            c,
            400,
            'unauthorized_client',
            `AADSTS700016: Application with identifier '${c.appId}' was not found in the directory '${c.tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
        ),
};

const ews = (c: AlertContext, detail: string): string =>
    `EWS request to https://${c.ewsHost}/EWS/Exchange.asmx failed. ${detail}`;

/** An alert before layout: its message, the "Email Server Error Code" and the exception detail. */
type AlertParts = { level: 1 | 2 | 3; errortypedisplay: string; text: string; code: string; detail: string };
type AlertBuilder = (c: AlertContext) => AlertParts;
const failure =
    (
        errortypedisplay: string,
        code: string | ((c: AlertContext) => string),
        text: (c: AlertContext) => string,
        detail: (c: AlertContext) => string,
    ): AlertBuilder =>
    (c) => ({
        level: 3,
        errortypedisplay,
        text: text(c),
        code: typeof code === 'string' ? code : code(c),
        detail: detail(c),
    });

const connectionText = (c: AlertContext): string =>
    `Email cannot be received for the mailbox ${c.mailboxName} because an error occurred while connecting to the email server. ` +
    `The owner of the associated email server profile ${c.profileName} has been notified.`;
const serverBusy = (c: AlertContext): string =>
    ews(c, 'ErrorServerBusy: The server cannot service this request right now. Try again later.');
const succeeded: AlertBuilder = (c) => ({
    level: 1,
    errortypedisplay: 'Information',
    text: `The mailbox ${c.mailboxName} was tested and enabled successfully with the email server profile ${c.profileName}. Incoming email, outgoing email, and appointments, contacts, and tasks will be synchronized.`,
    code: '',
    detail: '',
});

const BUILDERS: Record<Outcome, AlertBuilder> = {
    success: succeeded,
    transientRecovers: succeeded,
    badSecret: failure('Credentials', 'AADSTS7000215', credentialsText, AAD.badSecret),
    expiredSecret: failure('Credentials', 'AADSTS7000222', credentialsText, AAD.expiredSecret),
    missingSecret: failure('Credentials', 'AADSTS7000218', credentialsText, AAD.missingSecret),
    unknownTenant: failure('Credentials', 'AADSTS90002', credentialsText, AAD.unknownTenant),
    appNotFound: failure('Credentials', 'AADSTS700016', credentialsText, AAD.appNotFound),
    noConsent: failure('Credentials', 'Http server returned 401 Unauthorized exception.', credentialsText, (c) =>
        ews(
            c,
            `The remote server returned an error: (401) Unauthorized. x-ms-diagnostics: 2000008;reason="The token has no permissions.";error_category="invalid_grant"`,
        ),
    ),
    aapDenied: failure('Permissions', 'ErrorAccessDenied', forbiddenText, (c) =>
        ews(
            c,
            `The remote server returned an error: (403) Forbidden. ErrorAccessDenied: Access to the mailbox ${c.emailAddress} is denied by an application access policy for app ${c.appId} (Test-ApplicationAccessPolicy AccessCheckResult: Denied).`,
        ),
    ),
    ewsBlocked: failure('Permissions', 'Http server returned 403 Forbidden exception.', forbiddenText, (c) =>
        ews(
            c,
            `The remote server returned an error: (403) Forbidden. EWS access is blocked for app ${c.appId}: the application is not listed in the organization's EwsAllowedAppIDs.`,
        ),
    ),
    mailboxNotFound: failure(
        'MailboxNotFound',
        'ErrorNonExistentMailbox',
        (c) =>
            `Email cannot be received for the mailbox ${c.mailboxName} because no user was found with the email address ${c.emailAddress} in the Exchange Online organization that the email server profile ${c.profileName} connects to.`,
        (c) => ews(c, `ErrorNonExistentMailbox: The SMTP address ${c.emailAddress} has no mailbox associated with it.`),
    ),
    notLicensed: failure(
        'MailboxNotEnabled',
        'MailboxNotEnabledForRESTAPI',
        (c) =>
            `Email cannot be received for the mailbox ${c.mailboxName} because the mailbox is not enabled for the REST API: MailboxNotEnabledForRESTAPI (8005E274).`,
        () =>
            `HResult: 0x8005E274. MailboxNotEnabledForRESTAPI: The mailbox is either inactive, soft-deleted, or is hosted on-premise.`,
    ),
    ownerDisabled: failure(
        'MailboxOwnerDisabled',
        `${DISABLED_OWNER_ERROR_CODE}. The user is disabled.`,
        (c) =>
            `Email cannot be received for the mailbox ${c.mailboxName} because the user ${c.ownerName} who owns the mailbox is disabled. ` +
            `The mailbox has been disabled for synchronizing appointments, contacts, and tasks, and for receiving and sending email.`,
        (c) =>
            `Microsoft.Crm.CrmException: The specified user (Id = ${c.ownerId}) is disabled. Consider enabling this user. Additional Details: User IsDisabled=True`,
    ),
    transient: failure(
        'Connection',
        'Exchange server returned ErrorServerBusy exception.',
        (c) =>
            `${connectionText(c)} The error persisted after ${TRANSIENT_RETRIES} retries; the mailbox has been disabled for receiving and sending email.`,
        serverBusy,
    ),
    notApproved: failure(
        'Approval',
        'IncomingEmailS2SApprovalNeeded',
        (c) =>
            `Email cannot be received for the mailbox ${c.mailboxName} because the email address of the mailbox ${c.mailboxName} requires an approval by a Microsoft 365 administrator. ` +
            `The mailbox has been disabled for synchronizing appointments, contacts, and tasks, and for receiving and sending email.`,
        (c) =>
            `The email address ${c.emailAddress} is not approved. Approve the email address, and then test and enable the mailbox again.`,
    ),
};

const clip = (value: string, max: number): string => (value.length > max ? value.slice(0, max) : value);

function layout(parts: AlertParts, tracecode: number, c: AlertContext): Alert {
    const values: Record<string, string> = { code: parts.code, activityId: c.correlationId, detail: parts.detail };
    const details = parts.code
        ? ALERT_DETAILS_LAYOUT.map((line) => line.replace(/\{(\w+)\}/g, (_m, k: string) => values[k])).join('\n')
        : '';
    return {
        level: parts.level,
        tracecode,
        errortypedisplay: parts.errortypedisplay,
        text: clip(parts.text, 2000),
        errordetails: clip(details, 2048),
    };
}

/** The tracelog alert an outcome leaves (text ≤ 2000, errordetails ≤ 2048 as the columns allow). */
export function alertFor(outcome: Outcome, context: AlertContext): Alert {
    return layout(BUILDERS[outcome](context), TRACE_CODES[outcome], context);
}

/** The warning (level 2) one failed attempt of a transient failure leaves; server-side sync will try again. */
export function transientWarningFor(context: AlertContext): Alert {
    const parts: AlertParts = {
        level: 2,
        errortypedisplay: 'Connection',
        text: `${connectionText(context)} The system will try to receive email again later.`,
        code: 'Exchange server returned ErrorServerBusy exception.',
        detail: serverBusy(context),
    };
    return layout(parts, TRANSIENT_WARNING_TRACECODE, context);
}

/** Every outcome, for tests and the sandbox's scenario picker. */
export const ALL_OUTCOMES = Object.keys(TRACE_CODES) as Outcome[];

const EMPTY_CONTEXT: AlertContext = {
    mailboxName: '',
    ownerName: '',
    ownerId: '',
    emailAddress: '',
    profileName: '',
    tenantId: '',
    tenantName: '',
    appId: '',
    loginHost: '',
    ewsHost: '',
    traceId: '',
    correlationId: '',
    timestamp: '',
};

/** The "Email Server Error Code" each failing outcome's alert carries in `errordetails` (ALERT_DETAILS_LAYOUT). */
export const ERROR_CODES = Object.fromEntries(
    ALL_OUTCOMES.map((o) => [o, BUILDERS[o](EMPTY_CONTEXT).code]).filter(([, code]) => code !== ''),
) as Partial<Record<Outcome, string>>;

const LOGIN_HOST_OF_AUTHORITY: Record<number, string> = {
    0: 'login.microsoftonline.com',
    1: 'login.microsoftonline.us',
    2: 'login.partner.microsoftonline.cn',
    3: 'login.microsoftonline.com',
};

/** Alert context from the current profile and mailbox rows. */
export function contextFor(
    profile: Row | undefined,
    mailbox: Row,
    tenants: DiscoveryTenant[],
    ids: { traceId: string; correlationId: string },
    nowMs: number,
    owner?: Row,
): AlertContext {
    const tenantId = String(profile?.exchangeonlinetenantid ?? '');
    const location = String(profile?.incomingserverlocation ?? '');
    return {
        mailboxName: String(mailbox.name ?? ''),
        ownerName: String(owner?.fullname ?? ''),
        ownerId: String(mailbox._regardingobjectid_value ?? ''),
        emailAddress: String(mailbox.emailaddress ?? ''),
        profileName: String(profile?.name ?? ''),
        tenantId,
        tenantName: findTenant(tenants, tenantId)?.domains[0] ?? tenantId,
        appId: String(profile?.oauthclientid ?? ''),
        loginHost: LOGIN_HOST_OF_AUTHORITY[Number(profile?.serverauthority ?? 0)] ?? LOGIN_HOST_OF_AUTHORITY[0],
        ewsHost: /^https:\/\/([^/]+)/.exec(location)?.[1] ?? 'outlook.office365.com',
        ...ids,
        timestamp: iso(nowMs),
    };
}

/** The four status columns after a test: only channels delivered by server-side sync run (dataverse.md §3.2). */
export function statusesFor(outcome: Outcome, mailbox: Row): Row {
    const result = outcome === 'success' ? 1 : 2;
    const incoming = mailbox.incomingemaildeliverymethod === 2 ? result : 0;
    const outgoing = mailbox.outgoingemaildeliverymethod === 2 ? result : 0;
    const act = mailbox.actdeliverymethod === 1 ? result : 0;
    const anyRun = incoming + outgoing + act > 0;
    return {
        incomingemailstatus: incoming,
        outgoingemailstatus: outgoing,
        actstatus: act,
        mailboxstatus: result === 2 || anyRun ? result : 0,
    };
}
