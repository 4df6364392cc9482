/**
 * The decoder: AADSTS codes, EWS markers, Dynamics alert texts and Web API errors → a cause with a message and a
 * concrete fix (entra-and-exchange.md §7, dataverse.md §5, §9). Branch on codes, never on description prose; a
 * Dynamics alert is decoded from its "Email Server Error Code" first and from its text only when the code says
 * nothing we know.
 */
import {
    ALERT_ERROR_CODE_LINE,
    APPROVAL_REFUSED_CODES,
    APPROVAL_REFUSED_TEXT,
    DISABLED_OWNER_ALERT_CODES,
    EWS_DIAGNOSTICS_PATTERN,
} from '../assumptions';
import type { ReadinessItemId } from '../readiness/items';
import { CODE_CONCURRENCY, CODE_EXECUTION_TIME, CODE_TOO_MANY_REQUESTS } from '../scheduler/adaptive';
import { CAUSES, type CauseCode } from './causes';
import type { StringKey } from '../string-keys';

export { CAUSES, checklistItemFor, type CauseCode, type CauseEntry } from './causes';

/** A decoded failure: what to say, what to do, which checklist item to highlight, and the original text. */
export type DecodedError = {
    cause: CauseCode;
    messageKey: StringKey;
    fixKey: StringKey;
    checklistItem?: ReadinessItemId;
    transient: boolean;
    raw: string;
    /** The matched code, e.g. "AADSTS7000215", "2000008", "0x80072322"; shown next to the message. */
    code?: string;
};

/** A tracelog row (dataverse.md §7): level 2 = warning (retried by Dynamics), 3 = error. */
export type AlertInput = { text: string; errordetails?: string; tracecode?: number; level?: number };

/** A Web API failure as src/dataverse reports it; status 0 = no answer. */
export type DataverseErrorInput = { status: number; code?: string; message?: string };

/** AADSTS number → cause (entra §7 table). */
export const AADSTS_CAUSES: Readonly<Record<string, CauseCode>> = {
    '90002': 'tenantNotFound',
    '900023': 'tenantMalformed',
    '9001023': 'tenantGenericUsed',
    '90038': 'wrongNationalCloud',
    '700016': 'appNotInTenant',
    '700038': 'appIdInvalid',
    '7000229': 'servicePrincipalMissing',
    '7000215': 'secretInvalid',
    '70002': 'secretInvalid',
    '7000222': 'secretExpired',
    '7000218': 'secretMissing',
    '7000112': 'appDisabled',
    '70001': 'appDisabled',
    '500011': 'resourceNotFound',
    '1002012': 'invalidScope',
    '70011': 'invalidScope',
    '53003': 'conditionalAccess',
    '530032': 'conditionalAccess',
    '9002326': 'crossOriginToken',
    '9002327': 'crossOriginToken',
};

/** x-ms-diagnostics value on an EWS 401 → cause. */
export const EWS_DIAGNOSTIC_CAUSES: Readonly<Record<string, CauseCode>> = {
    '2000008': 'ewsTokenNoPermissions',
    '2000003': 'ewsWrongAudience',
    '2000001': 'ewsTokenInvalid',
};

/** EWS response codes → cause. */
export const EWS_RESPONSE_CAUSES: Readonly<Record<string, CauseCode>> = {
    ErrorImpersonateUserDenied: 'ewsImpersonateDenied',
    ErrorNonExistentMailbox: 'ewsNoMailbox',
    ErrorAccessDenied: 'ewsAccessDenied',
    ErrorServerBusy: 'ewsServerBusy',
    ErrorMissingEmailAddress: 'ewsMissingEmailAddress',
};

const EWS_RESPONSE = new RegExp(`\\b(${Object.keys(EWS_RESPONSE_CAUSES).join('|')})\\b`);
const HTTP_403 = /\(403\)|\b403 Forbidden\b|\bHTTP(?:\/\d(?:\.\d)?)? 403\b|\bstatus(?: code)?\W{0,3}403\b/i;

/** The privilege an approval needs, named in the refusal when the user lacks it (dataverse.md §5). */
export const APPROVAL_PRIVILEGE_TEXT = /prvApproveRejectEmailAddress/i;

/**
 * Whether a failed approval was refused (dataverse.md §5): by code, or by its text when the code is another. Only an
 * approval request can be refused: 0x80040216 is also Dataverse's generic "unexpected error".
 */
export function isApprovalRefusal(code: string, message: string): boolean {
    return APPROVAL_REFUSED_CODES.includes(code) || APPROVAL_REFUSED_TEXT.test(message);
}

/** Dynamics alert text → cause, first match wins (entra §7, dataverse.md §5). */
export const ALERT_TEXT_CAUSES: readonly { pattern: RegExp; cause: CauseCode }[] = [
    { pattern: APPROVAL_PRIVILEGE_TEXT, cause: 'approvalPrivilegeMissing' },
    {
        pattern:
            /requires an approval by a Microsoft 365 administrator|haven't been approved|have not been approved|is not approved/i,
        cause: 'mailboxNotApproved',
    },
    { pattern: new RegExp(APPROVAL_REFUSED_CODES.join('|'), 'i'), cause: 'approvalRefused' },
    { pattern: APPROVAL_REFUSED_TEXT, cause: 'approvalRefused' },
    {
        pattern: /credentials specified in the associated email server profile are incorrect/i,
        cause: 'credentialsIncorrect',
    },
    { pattern: /mailbox location could not be determined/i, cause: 'mailboxLocationUnknown' },
    { pattern: /Http server returned Forbidden exception/i, cause: 'httpForbidden' },
    { pattern: /no user was found with the email address/i, cause: 'userNotFound' },
    { pattern: /MailboxNotEnabledForRESTAPI|8005E274/i, cause: 'mailboxNotEnabledForRest' },
    { pattern: /Crm\.80048306/i, cause: 'actOwnerMismatch' },
    { pattern: /impersonation error occurred/i, cause: 'impersonationFailed' },
    // "…because the user <name> who owns the mailbox is disabled"; "The mailbox has been disabled" must not match.
    { pattern: /\b(?:user|owner)\b[^.]{0,200}?\bis disabled\b/i, cause: 'ownerDisabled' },
];

/** Alert error codes that are neither AADSTS nor EWS names (the "Email Server Error Code" line, KB 4052727). */
export const ALERT_CODE_CAUSES: Readonly<Record<string, CauseCode>> = {
    IncomingEmailS2SApprovalNeeded: 'mailboxNotApproved',
    OutgoingEmailS2SApprovalNeeded: 'mailboxNotApproved',
    MailboxNotEnabledForRESTAPI: 'mailboxNotEnabledForRest',
    'Crm.80048306': 'actOwnerMismatch',
    ...Object.fromEntries(DISABLED_OWNER_ALERT_CODES.map((hex) => [`Crm.${hex}`, 'ownerDisabled' as const])),
};

/** Service-protection codes (dataverse.md §9): requests, execution time, concurrency. */
export const THROTTLING_CODES: readonly string[] = [CODE_TOO_MANY_REQUESTS, CODE_EXECUTION_TIME, CODE_CONCURRENCY];
/** Optimistic-concurrency failure (If-Match mismatch). */
export const CONCURRENCY_CODE = '0x80060882';

/** A cause with its catalogue keys; `transient` adds to the cause's own (e.g. an alert Dynamics retries itself). */
export function decodedCause(cause: CauseCode, raw: string, code?: string, transient?: boolean): DecodedError {
    const entry = CAUSES[cause];
    return { cause, ...entry, transient: entry.transient || transient === true, raw, code };
}

function aadsts(number: string): { cause: CauseCode; code: string } {
    return { cause: AADSTS_CAUSES[number] ?? 'unknownAadsts', code: `AADSTS${number}` };
}

function findAadsts(text: string): { cause: CauseCode; code: string } | undefined {
    const match = /AADSTS(\d+)/i.exec(text);
    return match ? aadsts(match[1]) : undefined;
}

function findEws(text: string): { cause: CauseCode; code: string } | undefined {
    const diagnostics = EWS_DIAGNOSTICS_PATTERN.exec(text);
    const diagnostic = diagnostics ? (diagnostics[1] ?? diagnostics[2]) : undefined;
    if (diagnostic && EWS_DIAGNOSTIC_CAUSES[diagnostic])
        return { cause: EWS_DIAGNOSTIC_CAUSES[diagnostic], code: diagnostic };
    const response = EWS_RESPONSE.exec(text);
    if (response) return { cause: EWS_RESPONSE_CAUSES[response[1]], code: response[1] };
    return HTTP_403.test(text) ? { cause: 'ewsForbidden', code: '403' } : undefined;
}

function findAlertText(text: string): CauseCode | undefined {
    return ALERT_TEXT_CAUSES.find(({ pattern }) => pattern.test(text))?.cause;
}

/** The "Email Server Error Code: <code>" of an alert, from its error details or its text (ALERT_ERROR_CODE_LINE). */
export function alertErrorCode(alert: Pick<AlertInput, 'text' | 'errordetails'>): string | undefined {
    return (ALERT_ERROR_CODE_LINE.exec(alert.errordetails ?? '') ?? ALERT_ERROR_CODE_LINE.exec(alert.text))?.[1];
}

/** What an alert's error code alone says; undefined when the code is one we do not know (e.g. a bare HTTP 401). */
function decodeAlertCode(code: string): { cause: CauseCode; code: string } | undefined {
    const crm = /\bCrm\.[0-9a-f]{8}\b/i.exec(code)?.[0];
    const known = ALERT_CODE_CAUSES[crm ?? code.replace(/\W+$/, '')];
    if (known) return { cause: known, code: crm ?? code };
    return findAadsts(code) ?? findEws(code);
}

/**
 * Decode a tracelog alert: its "Email Server Error Code" first, then AADSTS codes and EWS markers anywhere in it,
 * then Dynamics texts; unknown keeps the raw text.
 */
export function decodeAlert(alert: AlertInput): DecodedError {
    // The raw detail the admin can reveal holds both the alert text and its error details (dataverse.md §7).
    const haystack = `${alert.text}\n${alert.errordetails ?? ''}`;
    const raw = haystack.trim();
    // Level 2 = warning: Dynamics itself retries, so waiting may be enough (dataverse.md §7).
    const retried = alert.level === 2;
    const code = alertErrorCode(alert);
    const found = (code !== undefined ? decodeAlertCode(code) : undefined) ?? findAadsts(haystack) ?? findEws(haystack);
    if (found) return decodedCause(found.cause, raw, found.code, retried);
    const cause = findAlertText(haystack);
    return decodedCause(cause ?? 'unknown', raw, undefined, retried);
}

/** Decode a bare AADSTS number, e.g. the `error_codes[0]` of a discovery reply (interpretDiscovery → notFound). */
export function decodeAadstsCode(code: number): DecodedError {
    const found = aadsts(String(code));
    return decodedCause(found.cause, found.code, found.code);
}

function dataverseCause(status: number, code: string, message: string, approval: boolean): CauseCode {
    if (status === 0) return 'networkError';
    if (status === 429 || THROTTLING_CODES.includes(code)) return 'throttled';
    if (status === 412 || code === CONCURRENCY_CODE) return 'concurrencyConflict';
    if (APPROVAL_PRIVILEGE_TEXT.test(message)) return 'approvalPrivilegeMissing';
    if (approval && isApprovalRefusal(code, message)) return 'approvalRefused';
    if (status === 401) return 'sessionExpired';
    if (status === 403) return 'privilegeMissing';
    if (status === 404) return 'recordNotFound';
    return 'unknown';
}

/**
 * Decode a Dataverse Web API failure by status and hex code (dataverse.md §5, §8, §9). `approval`: the failed
 * request was an approval, the only request an approval refusal can answer.
 */
export function decodeDataverseError(error: DataverseErrorInput, { approval = false } = {}): DecodedError {
    const code = (error.code ?? '').toLowerCase();
    const message = error.message ?? '';
    const cause = dataverseCause(error.status, code, message, approval);
    return decodedCause(cause, message, error.code || undefined);
}
