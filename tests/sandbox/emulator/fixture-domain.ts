/** A small fake domain for the engine's tests: profiles, mailboxes (lookup + collection nav) and users. */
import type { Domain, FunctionResult, Row, TableDef } from './contract';

export const PROFILE_A = '11111111-1111-4111-8111-111111111111';
export const PROFILE_B = '22222222-2222-4222-8222-222222222222';
export const ADMIN = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const NOOP_USER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
export const REFUSED_NAME = 'refuse me';

export const profileTable: TableDef = {
    logicalName: 'emailserverprofile',
    entitySet: 'emailserverprofiles',
    primaryKey: 'emailserverprofileid',
    primaryName: 'name',
    concurrency: true,
    columns: [
        { name: 'emailserverprofileid', type: 'guid' },
        { name: 'name', type: 'string', maxLength: 100 },
        { name: 'oauthclientsecret', type: 'string', writeOnly: true },
        { name: 'servertype', type: 'choice', options: { 0: 'Exchange Online', 1: 'Other' } },
    ],
    collections: { emailserverprofile_mailbox: { targetSet: 'mailboxes', foreignKey: 'emailserverprofile' } },
};

export const mailboxTable: TableDef = {
    logicalName: 'mailbox',
    entitySet: 'mailboxes',
    primaryKey: 'mailboxid',
    primaryName: 'name',
    concurrency: true,
    columns: [
        { name: 'mailboxid', type: 'guid' },
        { name: 'name', type: 'string', maxLength: 100 },
        { name: 'emailaddress', type: 'string', maxLength: 100 },
        {
            name: 'emailrouteraccessapproval',
            type: 'choice',
            options: { 0: 'Empty', 1: 'Approved', 2: 'Pending Approval', 3: 'Rejected' },
        },
        {
            name: 'mailboxstatus',
            type: 'choice',
            readOnly: true,
            options: { 0: 'Not Run', 1: 'Success', 2: 'Failure' },
        },
        { name: 'enabledforincomingemail', type: 'bool' },
        { name: 'sequence', type: 'int' },
        { name: 'lasttestdate', type: 'datetime' },
        { name: 'emailserverprofile', type: 'lookup', lookupTargets: { emailserverprofile: 'emailserverprofiles' } },
    ],
};

export const userTable: TableDef = {
    logicalName: 'systemuser',
    entitySet: 'systemusers',
    primaryKey: 'systemuserid',
    primaryName: 'fullname',
    columns: [
        { name: 'systemuserid', type: 'guid' },
        { name: 'fullname', type: 'string' },
    ],
};

/** Deterministic mailbox id n (n < 2^32). */
export function mailboxId(n: number): string {
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function mailbox(n: number): Row {
    return {
        mailboxid: mailboxId(n),
        name: n === 3 ? "O'Brien Mailbox" : `Mailbox ${String(n).padStart(5, '0')}`,
        emailaddress: n === 4 ? null : `user${n}@contoso.com`,
        emailrouteraccessapproval: n % 4,
        mailboxstatus: 0,
        enabledforincomingemail: n % 2 === 0,
        sequence: n,
        lasttestdate: new Date(Date.UTC(2026, 10, 1) + n * 86_400_000).toISOString().replace('.000Z', 'Z'),
        _emailserverprofile_value: n % 3 === 0 ? PROFILE_B : PROFILE_A,
    };
}

/** Calls seen by the fixture's hooks (tests assert on them). */
export type FixtureDomain = Domain & { afterWrites: string[]; ticks: number[] };

/** Builds the fixture with `mailboxCount` mailboxes numbered 1..mailboxCount. */
export function createFixtureDomain(mailboxCount = 12): FixtureDomain {
    const afterWrites: string[] = [];
    const ticks: number[] = [];
    const privileges: Record<string, string[]> = { [ADMIN]: ['prvWriteMailbox'], [NOOP_USER]: [] };
    const functions: Domain['functions'] = {
        WhoAmI: ({ user }): FunctionResult => ({
            status: 200,
            body: {
                '@odata.context': '$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse',
                UserId: user.systemuserid,
                BusinessUnitId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
                OrganizationId: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
            },
        }),
        RetrieveUserPrivilegeByPrivilegeName: ({ boundId, params }): FunctionResult => {
            const has = (privileges[boundId ?? ''] ?? []).includes(params.PrivilegeName);
            return {
                status: 200,
                body: {
                    RolePrivileges: has ? [{ PrivilegeName: params.PrivilegeName, Depth: 'Global' }] : [],
                    echo: params,
                },
            };
        },
    };
    return {
        tables: [profileTable, mailboxTable, userTable],
        rows: {
            emailserverprofiles: [
                {
                    emailserverprofileid: PROFILE_A,
                    name: 'Contoso EXO',
                    oauthclientsecret: 's3cr3t-value',
                    servertype: 0,
                },
                { emailserverprofileid: PROFILE_B, name: 'Fabrikam', servertype: 1 },
            ],
            mailboxes: Array.from({ length: mailboxCount }, (_, i) => mailbox(i + 1)),
            systemusers: [
                { systemuserid: ADMIN, fullname: 'Ada Admin' },
                { systemuserid: NOOP_USER, fullname: 'Nora Noop' },
            ],
        },
        users: [
            {
                systemuserid: ADMIN,
                fullname: 'Ada Admin',
                roles: ['System Administrator'],
                directoryRoles: [],
                privileges: ['prvWriteMailbox'],
            },
            {
                systemuserid: NOOP_USER,
                fullname: 'Nora Noop',
                roles: [],
                directoryRoles: [],
                privileges: [],
                silentApprovalNoop: true,
            },
        ],
        beforeWrite: (ctx) => {
            if (ctx.patch.name === REFUSED_NAME)
                return {
                    kind: 'refuse',
                    status: 403,
                    code: '0x80040220',
                    message: 'Principal user is missing prvWriteMailbox privilege.',
                };
            if (ctx.user.silentApprovalNoop && 'emailrouteraccessapproval' in ctx.patch) return { kind: 'ignore' };
            return { kind: 'allow' };
        },
        afterWrite: (ctx) => {
            afterWrites.push(`${ctx.table.entitySet}:${ctx.id}`);
        },
        tick: (now) => {
            ticks.push(now);
            if (ticks.length > 1000) ticks.splice(0, 500);
        },
        functions,
        afterWrites,
        ticks,
    };
}
