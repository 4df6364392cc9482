/** The signed-in users the sandbox switch offers, and their systemuser / role rows (dataverse.md §4–§5). */
import type { EmulatorUser, Row } from '../emulator/contract';
import { BUSINESS_UNIT_ID, PRIVILEGE_APPROVE_EMAIL, ROLE_IDS, SEED_EPOCH_MS, USER_IDS, iso } from './ids';

const SYSADMIN = 'System Administrator';
const DMA = 'Delegated Mailbox Approver';

/** Fixed users; the first is the default signed-in user. */
export const USERS: EmulatorUser[] = [
    {
        systemuserid: USER_IDS.approver,
        fullname: 'Avery Approver (Global admin)',
        roles: [SYSADMIN],
        directoryRoles: ['Global Administrator'],
        privileges: [PRIVILEGE_APPROVE_EMAIL],
    },
    {
        systemuserid: USER_IDS.delegatedApprover,
        fullname: 'Dana Delegate (Delegated Mailbox Approver)',
        roles: [SYSADMIN, DMA],
        directoryRoles: [],
        privileges: [PRIVILEGE_APPROVE_EMAIL],
    },
    {
        systemuserid: USER_IDS.sysAdminNotApprover,
        fullname: 'Sam Sysadmin (no Entra admin role)',
        roles: [SYSADMIN],
        directoryRoles: [],
        privileges: [PRIVILEGE_APPROVE_EMAIL],
    },
    {
        systemuserid: USER_IDS.basicUser,
        fullname: 'Bo Basic (no privilege)',
        roles: ['Basic User'],
        directoryRoles: [],
        privileges: [],
    },
    {
        systemuserid: USER_IDS.silentApprover,
        fullname: 'Pim Service Principal (silent no-op)',
        roles: [SYSADMIN],
        directoryRoles: ['Global Administrator'],
        privileges: [PRIVILEGE_APPROVE_EMAIL],
        silentApprovalNoop: true,
    },
];

const upnOf = (user: EmulatorUser): string => `${user.fullname.split(' ')[0].toLowerCase()}@woodgrovebank.com`;

/** systemuser rows of the fixed users. */
export function userRows(): Row[] {
    const created = iso(SEED_EPOCH_MS - 365 * 86_400_000);
    return USERS.map((user) => ({
        systemuserid: user.systemuserid,
        fullname: user.fullname,
        domainname: upnOf(user),
        internalemailaddress: upnOf(user),
        emailrouteraccessapproval: 1,
        isemailaddressapprovedbyo365admin: true,
        _defaultmailbox_value: null,
        isdisabled: false,
        accessmode: user.silentApprovalNoop ? 4 : 0,
        applicationid: user.silentApprovalNoop ? '0ae3c1d6-7f1e-4b8a-9c2d-3e4f5a6b7c8d' : null,
        _businessunitid_value: BUSINESS_UNIT_ID,
        createdon: created,
        modifiedon: created,
    }));
}

/** One role row per role name. */
export function roleRows(): Row[] {
    return Object.entries(ROLE_IDS).map(([name, roleid]) => ({
        roleid,
        name,
        _businessunitid_value: BUSINESS_UNIT_ID,
    }));
}

/** The flattened systemuserroles_association rows (see tables.ts). */
export function userRoleRows(): Row[] {
    return USERS.flatMap((user, u) =>
        user.roles.map((name, r) => ({
            systemuserroleid: `f2000000-0000-4000-8000-${String(u * 10 + r + 1).padStart(12, '0')}`,
            _systemuserid_value: user.systemuserid,
            roleid: ROLE_IDS[name],
            name,
        })),
    );
}
