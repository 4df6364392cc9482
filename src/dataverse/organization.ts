/** The organisation's email approval switches (dataverse.md §4 `organization`). */
import { APPROVAL_REQUIRED_FOR_ALL, type ApprovalPolicy } from '../core/run/approval-policy';
import { ENTITY_SET, ORGANIZATION } from '../core/schema';
import type { DataverseHttp } from './http';
import { flagOf, type RawRow } from './row';

/**
 * Read "Process emails only for approved users / queues". A switch the answer leaves out (or a row that is missing)
 * counts as on, the platform's default: the control then asks for an approval rather than skip one.
 */
export async function readApprovalPolicy(http: DataverseHttp, signal?: AbortSignal): Promise<ApprovalPolicy> {
    const select = [ORGANIZATION.requireApprovalForUsers, ORGANIZATION.requireApprovalForQueues].join(',');
    const response = await http.send<{ value?: RawRow[] }>(`${ENTITY_SET.organization}?$select=${select}`, { signal });
    const row = response.body.value?.[0] ?? {};
    return {
        users: flagOf(row, ORGANIZATION.requireApprovalForUsers) ?? APPROVAL_REQUIRED_FOR_ALL.users,
        queues: flagOf(row, ORGANIZATION.requireApprovalForQueues) ?? APPROVAL_REQUIRED_FOR_ALL.queues,
    };
}
