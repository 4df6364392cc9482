/**
 * What the deployer puts on the form: the control's schema name and its bindings. The name is
 * <publisher prefix>_<manifest namespace>.<manifest constructor> (toolchain.md §5.1); a test checks these against
 * solution/src/Other/Solution.xml and ControlManifest.Input.xml so they cannot drift.
 */

/** The table whose main form hosts the control. */
export const TABLE = 'emailserverprofile';
/** The solution's unique name (solution/src/Other/Solution.xml). */
export const SOLUTION_UNIQUE_NAME = 'EmailServerProfileAssistant';
/** The control's schema name in Dataverse (customcontrols.name, customControl/@name in form XML). */
export const CONTROL_NAME = 'esp_EmailServerProfile.ProfileAssistant';
/** The column whose field cell hosts the control (it is also bound to the first property). */
export const HOST_COLUMN = 'exchangeonlinetenantid';

/** Manifest property → the column it is bound to (README "Add the control to the email server profile form"). */
export const BINDINGS: readonly { property: string; column: string }[] = [
    { property: 'tenantId', column: HOST_COLUMN },
    { property: 'applicationId', column: 'oauthclientid' },
];

/** The section `form place` adds when the form has no Tenant ID field; `form remove` takes exactly it out again. */
export const ADDED_SECTION_NAME = 'esp_ProfileAssistant';
/** Labels of that section and of the field cell in it (English; the form shows them only where it has no field). */
export const ADDED_SECTION_LABEL = 'Email Server Profile Assistant';
/** Label of the Tenant ID field in the section we add. */
export const ADDED_FIELD_LABEL = 'Exchange Online Tenant Id';
