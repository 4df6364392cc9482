/** Can the signed-in user approve mailboxes? (dataverse.md §4, §5 "Who"). */
import { guidLiteral } from '../core/odata';
import { ENTITY_SET, SYSTEM_USER } from '../core/schema';
import type { DataverseHttp } from './http';
import { textOf, type RawRow } from './row';

/** Privilege "Approve Email Addresses for Users or Queues". */
export const APPROVE_PRIVILEGE = 'prvApproveRejectEmailAddress';
const SYSTEM_ADMIN = 'System Administrator';

/** Pre-check result; the refusal decoder still has the last word. */
export type ApproverCheck = {
    hasPrivilege: boolean;
    roles: string[];
    verdict: 'likely' | 'unlikely' | 'no';
    missing: string[];
    /** Global/Exchange admin membership lives in Entra and is not readable from Dataverse (dataverse.md §5). */
    adminMembershipUnknown: true;
};

/** RetrieveUserPrivilegeByPrivilegeName + the user's direct roles → a verdict. */
export async function canApprove(http: DataverseHttp, userId: string, signal?: AbortSignal): Promise<ApproverCheck> {
    const user = `${ENTITY_SET.systemUser}(${guidLiteral(userId)})`;
    const privilege = await http.send<{ RolePrivileges?: unknown[] }>(
        `${user}/Microsoft.Dynamics.CRM.RetrieveUserPrivilegeByPrivilegeName(PrivilegeName='${APPROVE_PRIVILEGE}')`,
        { signal },
    );
    const roleRows = await http.getAll<RawRow>(`${user}/${SYSTEM_USER.roles}?$select=${SYSTEM_USER.roleName}`, {
        signal,
    });
    const roles = roleRows.map((role) => textOf(role, SYSTEM_USER.roleName) ?? '');
    const hasPrivilege = (privilege.body.RolePrivileges?.length ?? 0) > 0;
    return { hasPrivilege, roles, ...verdictFor(hasPrivilege, roles), adminMembershipUnknown: true };
}

/** Verdict from privilege + roles (team roles count for the privilege but are not listed here). */
export function verdictFor(
    hasPrivilege: boolean,
    roles: readonly string[],
): Pick<ApproverCheck, 'verdict' | 'missing'> {
    const isAdmin = roles.includes(SYSTEM_ADMIN);
    const missing: string[] = [];
    if (!hasPrivilege) missing.push(APPROVE_PRIVILEGE);
    if (!isAdmin) missing.push(SYSTEM_ADMIN);
    if (!hasPrivilege) return { verdict: 'no', missing };
    // Exchange Online also needs Global/Exchange admin or Delegated Mailbox Approver *with* System Administrator;
    // neither role alone suffices (dataverse.md §5), and the Entra side cannot be read from here.
    return { verdict: isAdmin ? 'likely' : 'unlikely', missing };
}
