/** Web API functions the control calls: WhoAmI and RetrieveUserPrivilegeByPrivilegeName (dataverse.md §4). */
import type { EmulatorUser, FunctionResult } from '../emulator/contract';
import { BUSINESS_UNIT_ID, ORGANIZATION_ID, PRIVILEGE_APPROVE_EMAIL_ID } from './ids';

type FunctionArgs = { boundId?: string; params: Record<string, string>; user: EmulatorUser };

const unquote = (value: string | undefined): string => (value ?? '').replace(/^'(.*)'$/, '$1').replace(/''/g, "'");

/** The answer of RetrieveUserPrivilegeByPrivilegeName: one role privilege when held, an empty list otherwise. */
export function privilegeAnswer(name: string, held: boolean, privilegeId: string): FunctionResult {
    const rolePrivilege = {
        Depth: 'Global',
        PrivilegeId: privilegeId,
        BusinessUnitId: BUSINESS_UNIT_ID,
        PrivilegeName: name,
    };
    return { status: 200, body: { RolePrivileges: held ? [rolePrivilege] : [] } };
}

/** The domain's functions, by name. */
export function createFunctions(users: EmulatorUser[]): Record<string, (args: FunctionArgs) => FunctionResult> {
    return {
        WhoAmI: ({ user }) => ({
            status: 200,
            body: {
                BusinessUnitId: BUSINESS_UNIT_ID,
                UserId: user.systemuserid,
                OrganizationId: ORGANIZATION_ID,
            },
        }),
        RetrieveUserPrivilegeByPrivilegeName: ({ boundId, params }) => {
            const target = users.find((u) => u.systemuserid === (boundId ?? '').toLowerCase());
            if (!target) {
                return {
                    status: 404,
                    body: {
                        error: { code: '0x80040217', message: `systemuser With Id = ${boundId ?? ''} Does Not Exist` },
                    },
                };
            }
            const name = unquote(params.PrivilegeName);
            return privilegeAnswer(name, target.privileges.includes(name), PRIVILEGE_APPROVE_EMAIL_ID);
        },
    };
}
