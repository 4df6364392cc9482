/** Table metadata of the server-side-sync domain (dataverse.md §1–§4, §7). */
import type { ColumnDef, ColumnType, TableDef } from '../emulator/contract';

const col = (name: string, type: ColumnType, extra: Partial<ColumnDef> = {}): ColumnDef => ({ name, type, ...extra });
const str = (name: string, maxLength: number, extra: Partial<ColumnDef> = {}): ColumnDef =>
    col(name, 'string', { maxLength, ...extra });
const memo = (name: string, maxLength: number, extra: Partial<ColumnDef> = {}): ColumnDef =>
    col(name, 'memo', { maxLength, ...extra });
const choice = (name: string, options: Record<number, string>, extra: Partial<ColumnDef> = {}): ColumnDef =>
    col(name, 'choice', { options, ...extra });
const lookup = (name: string, lookupTargets: Record<string, string>, extra: Partial<ColumnDef> = {}): ColumnDef =>
    col(name, 'lookup', { lookupTargets, ...extra });
const audit = (): ColumnDef[] => [
    col('createdon', 'datetime', { readOnly: true }),
    col('modifiedon', 'datetime', { readOnly: true }),
];
const state = (): ColumnDef[] => [
    choice('statecode', { 0: 'Active', 1: 'Inactive' }),
    choice('statuscode', { 1: 'Active', 2: 'Inactive' }),
];

/** Option labels (dataverse.md §2, §3.2); values are what code branches on, labels only feed FormattedValue. */
export const OPTIONS = {
    servertype: {
        0: 'Exchange Server',
        1: 'Other (POP3/SMTP)',
        2: 'Exchange Server (Hybrid)',
        3: 'Exchange Online (Hybrid)',
        4: 'IMAP/SMTP Server',
    },
    serverauthority: {
        0: 'login.microsoftonline.com',
        1: 'login.microsoftonline.us',
        2: 'login.chinacloudapi.cn',
        3: 'Automatic',
    },
    credentialretrieval: {
        0: 'Credentials Specified by a User or Queue',
        1: 'Credentials Specified in Email Server Profile',
        2: 'Server to Server Authentication',
        3: 'Windows Integrated Authentication',
        4: 'Without Credentials (Anonymous)',
        5: 'Gmail OAuth',
        6: 'Exchange Hybrid Modern Auth (HMA)',
        7: 'OAuth',
    },
    authprotocol: { 0: 'Auto Detect', 1: 'Negotiate', 2: 'NTLM', 3: 'Basic', 4: 'OAuth' },
    approval: { 0: 'Empty', 1: 'Approved', 2: 'Pending Approval', 3: 'Rejected' },
    status: { 0: 'Not Run', 1: 'Success', 2: 'Failure' },
    incomingmethod: {
        0: 'None',
        1: 'Microsoft Dynamics 365 for Outlook',
        2: 'Server-Side Synchronization or Email Router',
        3: 'Forward Mailbox',
    },
    outgoingmethod: {
        0: 'None',
        1: 'Microsoft Dynamics 365 for Outlook',
        2: 'Server-Side Synchronization or Email Router',
    },
    actmethod: { 0: 'Microsoft Dynamics 365 for Outlook', 1: 'Server-Side Synchronization', 2: 'None' },
    tracelevel: { 1: 'Information', 2: 'Warning', 3: 'Error' },
    testresult: { 0: 'Failure', 1: 'Success', 2: 'Warning' },
    passfail: { 0: 'Failure', 1: 'Success' },
} as const;

const profile: TableDef = {
    logicalName: 'emailserverprofile',
    entitySet: 'emailserverprofiles',
    primaryKey: 'emailserverprofileid',
    primaryName: 'name',
    concurrency: true,
    collections: {
        emailserverprofile_mailbox: { targetSet: 'mailboxes', foreignKey: '_emailserverprofile_value' },
        EmailServerProfile_TraceLogs: { targetSet: 'tracelogs', foreignKey: '_regardingobjectid_value' },
    },
    columns: [
        col('emailserverprofileid', 'guid'),
        str('name', 100),
        str('description', 2000),
        choice('servertype', OPTIONS.servertype),
        str('emailservertypename', 250, { readOnly: true }),
        choice('serverauthority', OPTIONS.serverauthority),
        str('exchangeonlinetenantid', 36),
        str('oauthclientid', 1024),
        str('oauthclientsecret', 1024, { writeOnly: true }),
        col('isoauthclientsecretset', 'bool', { readOnly: true }),
        col('usedefaulttenantid', 'bool'),
        str('aadresourceid', 1024),
        choice('incomingcredentialretrieval', OPTIONS.credentialretrieval),
        choice('outgoingcredentialretrieval', OPTIONS.credentialretrieval),
        choice('incomingauthenticationprotocol', OPTIONS.authprotocol),
        choice('outgoingauthenticationprotocol', OPTIONS.authprotocol),
        col('useautodiscover', 'bool'),
        str('incomingserverlocation', 2084),
        str('outgoingserverlocation', 2084),
        str('defaultserverlocation', 2084),
        col('incomingportnumber', 'int'),
        col('outgoingportnumber', 'int'),
        col('processemailsreceivedafter', 'datetime'),
        lookup('keyvaultreferenceid', { keyvaultreferenceid: 'keyvaultreferences' }),
        lookup('managedidentityid', { managedidentityid: 'managedidentities' }),
        lookup('ownerid', { ownerid: 'systemusers' }),
        choice('lasttestexecutionstatus', OPTIONS.testresult),
        choice('lasttestvalidationstatus', OPTIONS.passfail),
        choice('lastauthorizationstatus', OPTIONS.passfail),
        memo('lasttestrequest', 2084),
        memo('lasttestresponse', 2084),
        memo('lastcrmmessage', 2084),
        col('lastteststarttime', 'datetime'),
        col('lasttesttotalexecutiontime', 'bigint'),
        ...state(),
        ...audit(),
    ],
};

const mailbox: TableDef = {
    logicalName: 'mailbox',
    entitySet: 'mailboxes',
    primaryKey: 'mailboxid',
    primaryName: 'name',
    concurrency: true,
    collections: { tracelog_Mailbox: { targetSet: 'tracelogs', foreignKey: '_regardingobjectid_value' } },
    columns: [
        col('mailboxid', 'guid'),
        str('name', 200),
        str('emailaddress', 100),
        lookup('emailserverprofile', { emailserverprofile: 'emailserverprofiles' }),
        lookup(
            'regardingobjectid',
            { regardingobjectid: 'systemusers', regardingobjectid_queue: 'queues' },
            { readOnly: true },
        ),
        lookup('ownerid', { ownerid: 'systemusers' }),
        choice('emailrouteraccessapproval', OPTIONS.approval),
        col('isemailaddressapprovedbyo365admin', 'bool', { readOnly: true }),
        col('emailaddressapprovedon', 'datetime', { readOnly: true }),
        choice('incomingemailstatus', OPTIONS.status),
        choice('outgoingemailstatus', OPTIONS.status),
        choice('actstatus', OPTIONS.status),
        choice('mailboxstatus', OPTIONS.status, { readOnly: true }),
        choice('incomingemaildeliverymethod', OPTIONS.incomingmethod),
        choice('outgoingemaildeliverymethod', OPTIONS.outgoingmethod),
        choice('actdeliverymethod', OPTIONS.actmethod),
        col('enabledforincomingemail', 'bool'),
        col('enabledforoutgoingemail', 'bool'),
        col('enabledforact', 'bool'),
        col('testemailconfigurationscheduled', 'bool'),
        col('postponetestemailconfigurationuntil', 'datetime'),
        col('testemailconfigurationretrycount', 'int'),
        col('testmailboxaccesscompletedon', 'datetime', { readOnly: true }),
        col('testandenablelastattemptedon', 'datetime', { readOnly: true }),
        col('isforwardmailbox', 'bool'),
        col('isserviceaccount', 'bool', { readOnly: true }),
        str('ewsurl', 2084),
        memo('lastsyncerror', 2048),
        col('lastsyncerrorcode', 'int'),
        col('lastsyncerroroccurredon', 'datetime'),
        col('lastsuccessfulsynccompletedon', 'datetime'),
        col('postponemailboxprocessinguntil', 'datetime'),
        col('processingstatecode', 'int'),
        ...state(),
        ...audit(),
    ],
};

const approvalColumns = (): ColumnDef[] => [
    choice('emailrouteraccessapproval', OPTIONS.approval),
    lookup('defaultmailbox', { defaultmailbox: 'mailboxes' }, { readOnly: true }),
];

const systemuser: TableDef = {
    logicalName: 'systemuser',
    entitySet: 'systemusers',
    primaryKey: 'systemuserid',
    primaryName: 'fullname',
    collections: { systemuserroles_association: { targetSet: 'systemuserroles', foreignKey: '_systemuserid_value' } },
    columns: [
        col('systemuserid', 'guid'),
        str('fullname', 200, { readOnly: true }),
        str('domainname', 1024),
        str('internalemailaddress', 100),
        ...approvalColumns(),
        col('isemailaddressapprovedbyo365admin', 'bool', { readOnly: true }),
        col('isdisabled', 'bool', { readOnly: true }),
        choice('accessmode', { 0: 'Read-Write', 3: 'Support User', 4: 'Non-interactive' }),
        col('applicationid', 'guid', { readOnly: true }),
        lookup('businessunitid', { businessunitid: 'businessunits' }),
        ...audit(),
    ],
};

const queue: TableDef = {
    logicalName: 'queue',
    entitySet: 'queues',
    primaryKey: 'queueid',
    primaryName: 'name',
    columns: [
        col('queueid', 'guid'),
        str('name', 200),
        str('emailaddress', 100),
        ...approvalColumns(),
        choice('incomingemaildeliverymethod', {
            0: 'None',
            2: 'Server-Side Synchronization or Email Router',
            3: 'Forward Mailbox',
        }),
        ...state(),
        ...audit(),
    ],
};

/** tracelog has no Update message (dataverse.md §7): every column is read-only to clients; only the domain writes. */
const tracelog: TableDef = {
    logicalName: 'tracelog',
    entitySet: 'tracelogs',
    primaryKey: 'tracelogid',
    primaryName: 'text',
    columns: [
        col('tracelogid', 'guid', { readOnly: true }),
        lookup(
            'regardingobjectid',
            { regardingobjectid_mailbox: 'mailboxes', regardingobjectid_emailserverprofile: 'emailserverprofiles' },
            { readOnly: true },
        ),
        choice('level', OPTIONS.tracelevel, { readOnly: true }),
        col('tracecode', 'int', { readOnly: true }),
        memo('text', 2000, { readOnly: true }),
        str('errortypedisplay', 320, { readOnly: true }),
        memo('errordetails', 2048, { readOnly: true }),
        col('tracestatus', 'bool', { readOnly: true }),
        ...audit(),
    ],
};

const organization: TableDef = {
    logicalName: 'organization',
    entitySet: 'organizations',
    primaryKey: 'organizationid',
    primaryName: 'name',
    columns: [
        col('organizationid', 'guid'),
        str('name', 160, { readOnly: true }),
        col('requireapprovalforuseremail', 'bool'),
        col('requireapprovalforqueueemail', 'bool'),
        lookup('defaultemailserverprofileid', { defaultemailserverprofileid: 'emailserverprofiles' }),
        memo('defaultemailsettings', 1073741823),
        memo('orgdborgsettings', 1073741823),
        col('generatealertsforerrors', 'bool'),
        col('generatealertsforwarnings', 'bool'),
        col('generatealertsforinformation', 'bool'),
        ...audit(),
    ],
};

const role: TableDef = {
    logicalName: 'role',
    entitySet: 'roles',
    primaryKey: 'roleid',
    primaryName: 'name',
    columns: [
        col('roleid', 'guid'),
        str('name', 100, { readOnly: true }),
        lookup('businessunitid', { businessunitid: 'businessunits' }),
    ],
};

/**
 * N:N `systemuserroles_association` flattened into a 1:N the contract can express: one row per (user, role) carrying
 * the role's `roleid` and `name`, so `systemusers(<id>)/systemuserroles_association?$select=name` answers as online.
 */
const systemuserroles: TableDef = {
    logicalName: 'systemuserroles',
    entitySet: 'systemuserroles',
    primaryKey: 'systemuserroleid',
    columns: [
        col('systemuserroleid', 'guid', { readOnly: true }),
        lookup('systemuserid', { systemuserid: 'systemusers' }, { readOnly: true }),
        col('roleid', 'guid', { readOnly: true }),
        str('name', 100, { readOnly: true }),
    ],
};

/** Notes on a record (the control keeps the secret's expiry date and run records here, visible on the timeline). */
const annotation: TableDef = {
    logicalName: 'annotation',
    entitySet: 'annotations',
    primaryKey: 'annotationid',
    primaryName: 'subject',
    concurrency: true,
    columns: [
        col('annotationid', 'guid'),
        str('subject', 500),
        memo('notetext', 100000),
        lookup('objectid', { objectid_emailserverprofile: 'emailserverprofiles', objectid_mailbox: 'mailboxes' }),
        str('objecttypecode', 64, { readOnly: true }),
        ...audit(),
    ],
};

/** Every table the domain hosts. */
export const TABLES: TableDef[] = [
    profile,
    mailbox,
    systemuser,
    queue,
    tracelog,
    organization,
    role,
    systemuserroles,
    annotation,
];

/** Look a table up by entity set. */
export const TABLE_BY_SET: Record<string, TableDef> = Object.fromEntries(TABLES.map((t) => [t.entitySet, t]));
