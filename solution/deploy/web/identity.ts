/** Membership and privileges of the signed-in user (deploy.md §2). */
import { guidLiteral, stringLiteral } from '../../../src/core/odata';
import type { DataverseHttp } from '../../../src/dataverse/http';

/** WhoAmI's answer. */
export type WhoAmI = { UserId: string; BusinessUnitId: string; OrganizationId: string };

/** GET WhoAmI: 403 0x80072560 when the user is not a member of the environment. */
export async function whoAmI(http: DataverseHttp): Promise<WhoAmI> {
    return (await http.send<WhoAmI>('WhoAmI')).body;
}

/** Whether the user holds a privilege through any role (team roles included): non-empty RolePrivileges. */
export async function holdsPrivilege(http: DataverseHttp, userId: string, privilege: string): Promise<boolean> {
    const path = `systemusers(${guidLiteral(userId)})/Microsoft.Dynamics.CRM.RetrieveUserPrivilegeByPrivilegeName(PrivilegeName=${stringLiteral(privilege)})`;
    const { body } = await http.send<{ RolePrivileges?: unknown[] }>(path);
    return (body.RolePrivileges?.length ?? 0) > 0;
}

/** Whether the table's forms can be customized: EntityDefinitions(...)?$select=IsCustomizable (.Value). */
export async function isTableCustomizable(http: DataverseHttp, table: string): Promise<boolean> {
    const { body } = await http.send<{ IsCustomizable?: { Value?: boolean } }>(
        `EntityDefinitions(LogicalName=${stringLiteral(table)})?$select=IsCustomizable`,
    );
    return body.IsCustomizable?.Value !== false;
}
