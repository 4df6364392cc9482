/**
 * Every value the reference marks "(unconfirmed)" lives here and nowhere else, so checking it against a real
 * environment is a one-line change. Source: ../shared/reference/dataverse.md §11 and entra-and-exchange.md.
 */

/** servertype an online org writes for "Exchange Online" (dataverse.md §2: no dedicated option exists). */
export const EXO_SERVER_TYPE = 0;
/** incoming/outgoing credential retrieval written by "OAuth (Cross Tenant)" (dataverse.md §2). */
export const XT_CREDENTIAL_RETRIEVAL = 7;
/** authentication protocol written by "OAuth (Cross Tenant)" (dataverse.md §2). */
export const XT_AUTH_PROTOCOL = 4;
/** usedefaulttenantid on a cross-tenant online profile (dataverse.md §2). */
export const XT_USE_DEFAULT_TENANT = false;
/** Entra resource used by server-side sync for Exchange Online (dataverse.md §2). */
export const XT_AAD_RESOURCE = 'https://outlook.office365.com';
/** Which row an approval writes: the mailbox itself, not the user/queue mirror (dataverse.md §5). */
export const APPROVE_TARGET: 'mailbox' | 'regarding' = 'mailbox';
/** Dataverse error codes the Web API returns when an approval is refused (dataverse.md §5). */
export const APPROVAL_REFUSED_CODES: readonly string[] = ['0x80040256', '0x80040216'];
/** Text that identifies an approval refusal when the code is not one of the above (dataverse.md §5). */
export const APPROVAL_REFUSED_TEXT = /global administrator|exchange administrator|CrmSecurity/i;
/** Send postponetestemailconfigurationuntil = now with Test & Enable to clear a stale back-off (dataverse.md §6). */
export const SEND_POSTPONE_NOW = true;
/** testemailconfigurationscheduled returns to false when the test finishes (dataverse.md §6). */
export const SCHEDULED_RESETS_ON_DONE = true;
/** tracelogs can be filtered through regardingobjectid_mailbox/_emailserverprofile_value (dataverse.md §7). */
export const TRACELOG_FILTER_VIA_NAV = true;
/** A throttled $batch answers one 429 for the whole batch rather than per part (dataverse.md §8). */
export const BATCH_429_WHOLE = true;
/** Login host of the commercial (and GCC) cloud. */
export const COMMERCIAL_LOGIN_HOST = 'login.microsoftonline.com';
/** Login host of the US Government clouds (GCC High, DoD). */
export const US_GOV_LOGIN_HOST = 'login.microsoftonline.us';
/** Host serving discovery for China tenants; the signals in its document are unconfirmed (entra §4). */
export const CHINA_LOGIN_HOST = 'login.partner.microsoftonline.cn';
/** Exchange host for DoD tenants (entra §4: webmail.apps.mil, the endpoint list also names outlook-dod). */
export const DOD_EXCHANGE_HOST = 'webmail.apps.mil';
/** serverauthority 3 "Automatic" follows the Dynamics cloud; we treat it as commercial/GCC (entra §4 lists "0 (or 3)"). */
export const AUTOMATIC_AUTHORITY_CLOUD: 'commercial' | 'usGov' | 'china' = 'commercial';
/** Which login host answers discovery for a US Gov tenant: after the matching host, try these in order (entra §2.1). */
export const DISCOVERY_FALLBACK_HOSTS: readonly string[] = [COMMERCIAL_LOGIN_HOST, US_GOV_LOGIN_HOST, CHINA_LOGIN_HOST];
/** Server-side sync accepting a domain in exchangeonlinetenantid; false → resolve to the GUID first (entra §2.1). */
export const SSS_ACCEPTS_TENANT_DOMAIN = false;
/** 4xx statuses discovery answers for an unknown tenant (400 vs 404, entra §2.1); others stay "could not verify". */
export const DISCOVERY_NOT_FOUND_STATUSES: readonly number[] = [400, 404];
/** x-ms-diagnostics 2000001 (token invalid) in the EWS alert text: exact form unconfirmed (entra §7). */
export const EWS_DIAGNOSTICS_PATTERN = /x-ms-diagnostics["':\s]*(\d{7})|\b(200000[138]);\s*reason=/i;
/**
 * Where a server-side-sync alert carries its error code: a line "Email Server Error Code: <code>" as Microsoft's support
 * articles show alerts (KB 4052727, 4052824, 4533252); which tracelog column holds it (text or errordetails) is
 * unconfirmed, so both are searched.
 */
export const ALERT_ERROR_CODE_LINE = /^\s*Email Server Error Code:\s*(.+?)\s*$/im;
/** Dataverse codes ("Crm.<hex>") of an alert about a mailbox whose owning user is disabled (0x80040225 UserDisabled). */
export const DISABLED_OWNER_ALERT_CODES: readonly string[] = ['80040225'];
/** ErrorServerBusy is a transient throttle (shape unconfirmed, entra §7). */
export const EWS_SERVER_BUSY_TRANSIENT = true;
/** For a user language the control ships no resx for, the platform shows the English (1033) strings (not in the reference). */
export const RESX_FALLBACK_LANGUAGE = 1033;
/**
 * When Dataverse charges a request's execution time to the sliding window: on arrival (as the sandbox emulates it)
 * or on completion. dataverse.md §9 gives only the limit. 'completion' keeps every charge one request longer in the
 * client's window: safe under either reading, and slower by about (request duration ÷ 300 s) where that limit binds.
 */
export const EXECUTION_CHARGED_AT: 'arrival' | 'completion' = 'arrival';
/**
 * What getOutputs returns for a bound property to clear its column. Microsoft's docs do not say. Microsoft's own
 * control host in pcf-start (harness.js, CustomControlHostRoot._onOutputChangedInternal) walks the returned object
 * with `for…in`, so a property present with the value undefined is passed on and an absent one is skipped; a test on
 * a model-driven form found the same (undefined → the column becomes null and OnChange fires; absent → untouched:
 * D. Birkelbach, "PCF: getOutputs", 2020). IOutputs types the properties `string | undefined`, so null is not offered.
 */
export const CLEARED_OUTPUT = undefined;
