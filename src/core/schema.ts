/**
 * The Dataverse names the control uses: entity sets, column and navigation-property logical names, annotations
 * (dataverse.md §2, §3, §5–§7). Queries, bodies and row mappers take them from here, so a name is spelt once.
 */

/** Web API entity sets (the collection segment of a URL). */
export const ENTITY_SET = {
    mailbox: 'mailboxes',
    emailServerProfile: 'emailserverprofiles',
    annotation: 'annotations',
    tracelog: 'tracelogs',
    systemUser: 'systemusers',
    organization: 'organizations',
} as const;

/** Table logical names, as a polymorphic lookup names its target (`…@Microsoft.Dynamics.CRM.lookuplogicalname`). */
export const LOGICAL_NAME = { systemUser: 'systemuser', queue: 'queue' } as const;

/** mailbox columns (dataverse.md §3, §5, §6). */
export const MAILBOX = {
    id: 'mailboxid',
    name: 'name',
    emailAddress: 'emailaddress',
    /** Lookup value of the owning user or queue. */
    regarding: '_regardingobjectid_value',
    /** Lookup value of the email server profile. */
    profile: '_emailserverprofile_value',
    /** The same lookup by its logical name, as FetchXML names attributes. */
    profileAttribute: 'emailserverprofile',
    approval: 'emailrouteraccessapproval',
    approvedByO365Admin: 'isemailaddressapprovedbyo365admin',
    approvedOn: 'emailaddressapprovedon',
    incomingStatus: 'incomingemailstatus',
    outgoingStatus: 'outgoingemailstatus',
    actStatus: 'actstatus',
    /** The overall Test & Enable result. */
    testStatus: 'mailboxstatus',
    incomingDelivery: 'incomingemaildeliverymethod',
    outgoingDelivery: 'outgoingemaildeliverymethod',
    actDelivery: 'actdeliverymethod',
    testScheduled: 'testemailconfigurationscheduled',
    postponeTestUntil: 'postponetestemailconfigurationuntil',
    testCompletedOn: 'testmailboxaccesscompletedon',
    state: 'statecode',
} as const;

/** emailserverprofile columns (dataverse.md §2); `clientSecret` is write-only. */
export const PROFILE = {
    id: 'emailserverprofileid',
    name: 'name',
    serverType: 'servertype',
    serverTypeName: 'emailservertypename',
    serverAuthority: 'serverauthority',
    incomingCredentialRetrieval: 'incomingcredentialretrieval',
    incomingAuthenticationProtocol: 'incomingauthenticationprotocol',
    clientId: 'oauthclientid',
    clientSecret: 'oauthclientsecret',
    isClientSecretSet: 'isoauthclientsecretset',
    tenantId: 'exchangeonlinetenantid',
    useDefaultTenantId: 'usedefaulttenantid',
    incomingServerLocation: 'incomingserverlocation',
} as const;

/** tracelog columns: the alerts server-side sync writes about a mailbox (dataverse.md §7). */
export const TRACELOG = {
    id: 'tracelogid',
    level: 'level',
    traceCode: 'tracecode',
    text: 'text',
    errorDetails: 'errordetails',
    modifiedOn: 'modifiedon',
    regarding: '_regardingobjectid_value',
    /** Navigation property to the mailbox an alert is about. */
    regardingMailbox: 'regardingobjectid_mailbox',
} as const;

/** annotation (note) columns. */
export const ANNOTATION = {
    id: 'annotationid',
    subject: 'subject',
    noteText: 'notetext',
    modifiedOn: 'modifiedon',
    /** Lookup value of the record the note is attached to. */
    object: '_objectid_value',
    /** Single-valued navigation property that attaches a note to an email server profile. */
    objectProfile: 'objectid_emailserverprofile',
} as const;

/**
 * organization columns (dataverse.md §4): System Settings → Email "Process emails only for approved users / queues".
 * The table has one row.
 */
export const ORGANIZATION = {
    id: 'organizationid',
    requireApprovalForUsers: 'requireapprovalforuseremail',
    requireApprovalForQueues: 'requireapprovalforqueueemail',
} as const;

/** systemuser navigation properties and role columns (dataverse.md §4). */
export const SYSTEM_USER = { roles: 'systemuserroles_association', roleName: 'name' } as const;

/** OData annotations the control asks for with Prefer: odata.include-annotations. */
export const ANNOTATIONS = {
    /** A column's display text (option labels, formatted dates). */
    formattedValue: 'OData.Community.Display.V1.FormattedValue',
    /** The table a polymorphic lookup points to. */
    lookupLogicalName: 'Microsoft.Dynamics.CRM.lookuplogicalname',
} as const;
