import {
    AADSTS_CAUSES,
    CAUSES,
    checklistItemFor,
    decodeAadstsCode,
    decodeAlert,
    decodeDataverseError,
    type DataverseErrorInput,
} from '../../../src/core/credentials/error-catalogue';

type Row = [string, string, string, string, string | undefined];

const aad = (n: string) => `Error: AADSTS${n}: something went wrong. Trace ID: 1 Correlation ID: 2`;

// [input text, cause, messageKey, fixKey, checklist item]
const AADSTS_ROWS: Row[] = [
    [aad('90002'), 'tenantNotFound', 'Error_TenantNotFound', 'Fix_TenantNotFound', undefined],
    [aad('900023'), 'tenantMalformed', 'Error_TenantMalformed', 'Fix_CopyTenantId', undefined],
    [aad('9001023'), 'tenantGenericUsed', 'Error_TenantGenericUsed', 'Fix_CopyTenantId', undefined],
    [aad('90038'), 'wrongNationalCloud', 'Error_WrongNationalCloud', 'Fix_WrongNationalCloud', undefined],
    [aad('700016'), 'appNotInTenant', 'Error_AppNotInTenant', 'Fix_AppNotInTenant', 'appRegistration'],
    [aad('700038'), 'appIdInvalid', 'Error_AppIdInvalid', 'Fix_CopyAppId', 'appRegistration'],
    [
        aad('7000229'),
        'servicePrincipalMissing',
        'Error_ServicePrincipalMissing',
        'Fix_ServicePrincipalMissing',
        'adminConsent',
    ],
    [aad('7000215'), 'secretInvalid', 'Error_SecretInvalid', 'Fix_SecretInvalid', 'clientSecret'],
    [aad('70002'), 'secretInvalid', 'Error_SecretInvalid', 'Fix_SecretInvalid', 'clientSecret'],
    [aad('7000222'), 'secretExpired', 'Error_SecretExpired', 'Fix_SecretExpired', 'clientSecret'],
    [aad('7000218'), 'secretMissing', 'Error_SecretMissing', 'Fix_CopySecretValue', 'clientSecret'],
    [aad('7000112'), 'appDisabled', 'Error_AppDisabled', 'Fix_AppDisabled', 'appRegistration'],
    [aad('70001'), 'appDisabled', 'Error_AppDisabled', 'Fix_AppDisabled', 'appRegistration'],
    [aad('500011'), 'resourceNotFound', 'Error_ResourceNotFound', 'Fix_ResourceNotFound', 'exchangePermission'],
    [aad('1002012'), 'invalidScope', 'Error_InvalidScope', 'Fix_InternalError', undefined],
    [aad('70011'), 'invalidScope', 'Error_InvalidScope', 'Fix_InternalError', undefined],
    [aad('53003'), 'conditionalAccess', 'Error_ConditionalAccess', 'Fix_ConditionalAccess', 'conditionalAccess'],
    [aad('530032'), 'conditionalAccess', 'Error_ConditionalAccess', 'Fix_ConditionalAccess', 'conditionalAccess'],
    [aad('9002326'), 'crossOriginToken', 'Error_CrossOriginToken', 'Fix_InternalError', undefined],
    [aad('9002327'), 'crossOriginToken', 'Error_CrossOriginToken', 'Fix_InternalError', undefined],
    [aad('50034'), 'unknownAadsts', 'Error_UnknownAadsts', 'Fix_LookUpAadsts', undefined],
];

const EWS_ROWS: Row[] = [
    [
        '(401) Unauthorized. x-ms-diagnostics: 2000008;reason="The token contains no permissions"',
        'ewsTokenNoPermissions',
        'Error_EwsTokenNoPermissions',
        'Fix_EwsTokenNoPermissions',
        'adminConsent',
    ],
    [
        'x-ms-diagnostics: 2000003;reason="Wrong audience"',
        'ewsWrongAudience',
        'Error_EwsWrongAudience',
        'Fix_InternalError',
        undefined,
    ],
    [
        '401 2000001;reason="Token invalid"',
        'ewsTokenInvalid',
        'Error_EwsTokenInvalid',
        'Fix_EwsTokenInvalid',
        'clientSecret',
    ],
    [
        'The remote server returned an error: (403) Forbidden.',
        'ewsForbidden',
        'Error_EwsForbidden',
        'Fix_EwsForbidden',
        'ewsAllowList',
    ],
    ['HTTP 403 from EWS', 'ewsForbidden', 'Error_EwsForbidden', 'Fix_EwsForbidden', 'ewsAllowList'],
    [
        'SOAP fault ErrorImpersonateUserDenied',
        'ewsImpersonateDenied',
        'Error_EwsImpersonateDenied',
        'Fix_AddMailboxToScope',
        'rbacScope',
    ],
    ['ResponseCode ErrorNonExistentMailbox', 'ewsNoMailbox', 'Error_EwsNoMailbox', 'Fix_EwsNoMailbox', undefined],
    [
        '<m:ResponseCode>ErrorAccessDenied</m:ResponseCode>',
        'ewsAccessDenied',
        'Error_EwsAccessDenied',
        'Fix_EwsAccessDenied',
        'rbacScope',
    ],
    ['ErrorServerBusy', 'ewsServerBusy', 'Error_EwsServerBusy', 'Fix_WaitAndRetry', undefined],
    [
        'ErrorMissingEmailAddress',
        'ewsMissingEmailAddress',
        'Error_EwsMissingEmailAddress',
        'Fix_InternalError',
        undefined,
    ],
];

const ALERT_ROWS: Row[] = [
    [
        'Email cannot be received for the mailbox x because the email address of the mailbox requires an approval by a Microsoft 365 administrator.',
        'mailboxNotApproved',
        'Error_MailboxNotApproved',
        'Fix_MailboxNotApproved',
        undefined,
    ],
    [
        'The email addresses haven\u0027t been approved.',
        'mailboxNotApproved',
        'Error_MailboxNotApproved',
        'Fix_MailboxNotApproved',
        undefined,
    ],
    [
        'The mailbox is not approved.',
        'mailboxNotApproved',
        'Error_MailboxNotApproved',
        'Fix_MailboxNotApproved',
        undefined,
    ],
    [
        'The credentials specified in the associated email server profile are incorrect.',
        'credentialsIncorrect',
        'Error_CredentialsIncorrect',
        'Fix_CredentialsIncorrect',
        'appRegistration',
    ],
    [
        'The mailbox location could not be determined.',
        'mailboxLocationUnknown',
        'Error_MailboxLocationUnknown',
        'Fix_MailboxLocationUnknown',
        undefined,
    ],
    [
        'Http server returned Forbidden exception.',
        'httpForbidden',
        'Error_HttpForbidden',
        'Fix_EwsForbidden',
        'ewsAllowList',
    ],
    [
        'No user was found with the email address a@b.com.',
        'userNotFound',
        'Error_UserNotFound',
        'Fix_UserNotFound',
        undefined,
    ],
    [
        'MailboxNotEnabledForRESTAPI',
        'mailboxNotEnabledForRest',
        'Error_MailboxNotEnabledForRest',
        'Fix_MailboxNotEnabledForRest',
        undefined,
    ],
    [
        'Error 8005E274 occurred',
        'mailboxNotEnabledForRest',
        'Error_MailboxNotEnabledForRest',
        'Fix_MailboxNotEnabledForRest',
        undefined,
    ],
    ['ACT failed: Crm.80048306', 'actOwnerMismatch', 'Error_ActOwnerMismatch', 'Fix_ActOwnerMismatch', undefined],
    [
        'An impersonation error occurred for the mailbox.',
        'impersonationFailed',
        'Error_ImpersonationFailed',
        'Fix_AddMailboxToScope',
        'rbacScope',
    ],
    ['A failure occurred in CrmSecurity', 'approvalRefused', 'Error_ApprovalRefused', 'Fix_ApprovalRefused', undefined],
    [
        '0x80040256: user doesn\u0027t match with UPN',
        'approvalRefused',
        'Error_ApprovalRefused',
        'Fix_ApprovalRefused',
        undefined,
    ],
    ['Error 0x80040216', 'approvalRefused', 'Error_ApprovalRefused', 'Fix_ApprovalRefused', undefined],
    [
        'should be a global administrator or exchange administrator to approve mailbox in organization org1',
        'approvalRefused',
        'Error_ApprovalRefused',
        'Fix_ApprovalRefused',
        undefined,
    ],
    [
        'Principal user is missing prvApproveRejectEmailAddress privilege',
        'approvalPrivilegeMissing',
        'Error_ApprovalPrivilegeMissing',
        'Fix_ApprovalPrivilegeMissing',
        undefined,
    ],
];

describe('decodeAlert', () => {
    it.each([...AADSTS_ROWS, ...EWS_ROWS, ...ALERT_ROWS])('decodes %j', (text, cause, messageKey, fixKey, item) => {
        const result = decodeAlert({ text, level: 3 });
        expect(result).toMatchObject({ cause, messageKey, fixKey, raw: text });
        expect(result.checklistItem).toBe(item);
        expect(checklistItemFor(result.cause)).toBe(item);
    });

    it('covers every AADSTS code of the reference table', () => {
        const tested = AADSTS_ROWS.map(([text]) => /AADSTS(\d+)/.exec(text)?.[1]);
        expect(Object.keys(AADSTS_CAUSES).every((code) => tested.includes(code))).toBe(true);
    });

    it('prefers an AADSTS code over alert text', () => {
        const text =
            'The credentials specified in the associated email server profile are incorrect. AADSTS7000222: expired';
        expect(decodeAlert({ text })).toMatchObject({ cause: 'secretExpired', code: 'AADSTS7000222' });
    });

    it('looks for codes in errordetails too', () => {
        const result = decodeAlert({
            text: 'The credentials specified in the associated email server profile are incorrect.',
            errordetails: 'AADSTS7000215',
        });
        expect(result).toMatchObject({
            cause: 'secretInvalid',
            raw: 'The credentials specified in the associated email server profile are incorrect.\nAADSTS7000215',
        });
    });

    it('prefers EWS markers over alert text', () => {
        expect(decodeAlert({ text: 'An impersonation error occurred: ErrorNonExistentMailbox' }).cause).toBe(
            'ewsNoMailbox',
        );
    });

    it('keeps the raw text of an unknown alert', () => {
        expect(decodeAlert({ text: 'Something new', tracecode: 42 })).toEqual({
            cause: 'unknown',
            messageKey: 'Error_Unknown',
            fixKey: 'Fix_Unknown',
            checklistItem: undefined,
            transient: false,
            raw: 'Something new',
            code: undefined,
        });
    });

    /** An alert as server-side sync writes it: the message, and the code line first in its details (KB 4052727). */
    const withCode = (text: string, code: string, detail = 'EWS request failed.') => ({
        text,
        errordetails: `Email Server Error Code: ${code}\nActivityId: 3f2b\n>Error : ${detail}`,
        level: 3,
    });
    const CREDENTIALS =
        'The email message cannot be received because the credentials specified in the associated email server profile are incorrect.';

    it.each([
        [
            'a disabled owner',
            withCode('The mailbox Ada is disabled.', 'Crm.80040225. The user is disabled.'),
            'ownerDisabled',
            'Crm.80040225',
        ],
        [
            'a missing mailbox',
            withCode(
                'Email cannot be received because no user was found with the email address ada@contoso.com.',
                'ErrorNonExistentMailbox',
            ),
            'ewsNoMailbox',
            'ErrorNonExistentMailbox',
        ],
        [
            'an unapproved mailbox',
            withCode('Email cannot be received.', 'IncomingEmailS2SApprovalNeeded'),
            'mailboxNotApproved',
            'IncomingEmailS2SApprovalNeeded',
        ],
        ['a wrong secret', withCode(CREDENTIALS, 'AADSTS7000215'), 'secretInvalid', 'AADSTS7000215'],
        [
            'a busy server',
            withCode('Email cannot be received.', 'Exchange server returned ErrorServerBusy exception.'),
            'ewsServerBusy',
            'ErrorServerBusy',
        ],
        [
            'an ACT owner mismatch',
            withCode('Appointments cannot be synchronized.', 'Crm.80048306'),
            'actOwnerMismatch',
            'Crm.80048306',
        ],
    ])('decodes %s by its error code, whatever the text says', (_, alert, cause, code) => {
        expect(decodeAlert(alert)).toMatchObject({ cause, code });
    });

    it('falls back to the details and the text when the code alone says nothing', () => {
        const alert = withCode(
            CREDENTIALS,
            'Http server returned 401 Unauthorized exception.',
            'x-ms-diagnostics: 2000008;reason="The token has no permissions."',
        );
        expect(decodeAlert(alert).cause).toBe('ewsTokenNoPermissions');
    });

    it('finds the code line in the text when the details are empty', () => {
        expect(
            decodeAlert({ text: 'Mailbox disabled.\nEmail Server Error Code: IncomingEmailS2SApprovalNeeded' }).cause,
        ).toBe('mailboxNotApproved');
    });

    it.each([
        [
            'Email cannot be received for the mailbox Ada because the user Ada Lovelace who owns the mailbox is disabled.',
            'ownerDisabled',
        ],
        ['The mailbox Ada has been disabled for receiving and sending email.', 'unknown'],
    ])('decodes %j by its text when it has no code', (text, cause) => {
        expect(decodeAlert({ text }).cause).toBe(cause);
    });

    it('gives a disabled owner its own message and fix', () => {
        expect(decodeAlert({ text: 'x', errordetails: 'Email Server Error Code: Crm.80040225' })).toMatchObject({
            messageKey: 'Error_OwnerDisabled',
            fixKey: 'Fix_OwnerDisabled',
        });
    });

    it('names the code of an unknown AADSTS error', () => {
        expect(decodeAlert({ text: aad('50034') }).code).toBe('AADSTS50034');
    });

    it.each([
        ['ErrorServerBusy', 3, true],
        ['x-ms-diagnostics: 2000001', 3, true],
        [aad('7000215'), 3, false],
        [aad('7000215'), 2, true],
        ['Something new', 2, true],
    ])('marks %j at level %p transient: %p', (text, level, transient) => {
        expect(decodeAlert({ text, level }).transient).toBe(transient);
    });
});

describe('decodeDataverseError', () => {
    it.each([
        [{ status: 429, code: '0x80072322', message: 'Number of requests exceeded' }, 'throttled', true],
        [{ status: 429, code: '0x80072321', message: 'Combined execution time' }, 'throttled', true],
        [{ status: 429, code: '0x80072326', message: 'Concurrent requests' }, 'throttled', true],
        [{ status: 503, code: '0x80072322' }, 'throttled', true],
        [
            { status: 412, code: '0x80060882', message: 'The version of the existing record does not match' },
            'concurrencyConflict',
            false,
        ],
        [{ status: 400, code: '0x80060882' }, 'concurrencyConflict', false],
        [{ status: 401, code: '', message: 'Session expired' }, 'sessionExpired', false],
        [
            { status: 403, code: '0x80040220', message: 'Principal user is missing prvWriteMailbox' },
            'privilegeMissing',
            false,
        ],
        [
            { status: 403, code: '0x80040220', message: 'missing prvApproveRejectEmailAddress privilege' },
            'approvalPrivilegeMissing',
            false,
        ],
        [{ status: 404, code: '0x80040217', message: 'mailbox With Id = x Does Not Exist' }, 'recordNotFound', false],
        [{ status: 0, code: '', message: 'Failed to fetch' }, 'networkError', true],
        [{ status: 500, code: '0x80040265', message: 'Plug-in failed' }, 'unknown', false],
    ] as [DataverseErrorInput, string, boolean][])('decodes %j as %s', (error, cause, transient) => {
        const result = decodeDataverseError(error);
        expect(result).toMatchObject({ cause, transient, messageKey: CAUSES[result.cause].messageKey });
        expect(result.raw).toBe(error.message ?? '');
    });

    it.each([
        [{ status: 403, code: '0x80040256', message: 'CrmSecurityError' }, 'approvalRefused', 'privilegeMissing'],
        [{ status: 400, code: '0x80040216', message: 'UnExpected' }, 'approvalRefused', 'unknown'],
        [
            { status: 400, code: '0x0', message: 'should be a global administrator to approve mailbox' },
            'approvalRefused',
            'unknown',
        ],
        [
            { status: 403, code: '0x80040220', message: 'missing prvApproveRejectEmailAddress privilege' },
            'approvalPrivilegeMissing',
            'approvalPrivilegeMissing',
        ],
    ] as [DataverseErrorInput, string, string][])(
        'decodes %j as %s for an approval and as %s for any other request',
        (error, onApproval, otherwise) => {
            expect(decodeDataverseError(error, { approval: true }).cause).toBe(onApproval);
            expect(decodeDataverseError(error).cause).toBe(otherwise);
        },
    );

    it('matches hex codes in any case', () => {
        expect(decodeDataverseError({ status: 400, code: '0X80040256' }, { approval: true }).cause).toBe(
            'approvalRefused',
        );
    });
});

describe('decodeAadstsCode', () => {
    it.each([
        [90002, 'tenantNotFound', 'AADSTS90002'],
        [90038, 'wrongNationalCloud', 'AADSTS90038'],
        [12345, 'unknownAadsts', 'AADSTS12345'],
    ])('decodes the discovery error code %p', (code, cause, text) => {
        expect(decodeAadstsCode(code)).toMatchObject({ cause, code: text, raw: text });
    });
});
