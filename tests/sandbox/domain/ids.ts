/**
 * Fixed, documented ids of the sandbox domain. Tests and the sandbox's user switch use these; they never change
 * with the seed. Everything else (mailboxes, users behind mailboxes, queues, alerts) is generated from the seed.
 */

/** Signed-in users the sandbox switch offers (dataverse.md §5 "Who"). */
export const USER_IDS = {
    /** System Administrator + Global Administrator + prvApproveRejectEmailAddress: approvals succeed. */
    approver: 'a0000000-0000-4000-8000-000000000001',
    /** System Administrator + Delegated Mailbox Approver (9.2.22104.00170+): approvals succeed. */
    delegatedApprover: 'a0000000-0000-4000-8000-000000000002',
    /** System Administrator with the privilege but no Global/Exchange admin role: refused with 0x80040256. */
    sysAdminNotApprover: 'a0000000-0000-4000-8000-000000000003',
    /** Basic user without prvApproveRejectEmailAddress: refused with 0x80040220. */
    basicUser: 'a0000000-0000-4000-8000-000000000004',
    /** PIM-activated admin / service principal: approvals answer 204 and change nothing (pain-points.md #2). */
    silentApprover: 'a0000000-0000-4000-8000-000000000005',
} as const;

export const ORGANIZATION_ID = 'c0000000-0000-4000-8000-000000000001';
export const ORGANIZATION_NAME = 'org-sandbox';
export const BUSINESS_UNIT_ID = 'b0000000-0000-4000-8000-000000000001';
export const PRIVILEGE_APPROVE_EMAIL = 'prvApproveRejectEmailAddress';
export const PRIVILEGE_APPROVE_EMAIL_ID = 'f0000000-0000-4000-8000-000000000001';

/** Dataverse role ids (fixed so roles rows are stable). */
export const ROLE_IDS: Record<string, string> = {
    'System Administrator': 'f1000000-0000-4000-8000-000000000001',
    'Delegated Mailbox Approver': 'f1000000-0000-4000-8000-000000000002',
    'Basic User': 'f1000000-0000-4000-8000-000000000003',
};

/** Email server profile ids; the first is the default profile that receives `mailboxCount` mailboxes. */
export const PROFILE_IDS = {
    commercial: 'e0000000-0000-4000-8000-000000000001',
    gcc: 'e0000000-0000-4000-8000-000000000002',
    gccHighExpiredSecret: 'e0000000-0000-4000-8000-000000000003',
    dod: 'e0000000-0000-4000-8000-000000000004',
    china: 'e0000000-0000-4000-8000-000000000005',
    noSecret: 'e0000000-0000-4000-8000-000000000006',
    badSecret: 'e0000000-0000-4000-8000-000000000007',
    unknownTenant: 'e0000000-0000-4000-8000-000000000008',
    appNotFound: 'e0000000-0000-4000-8000-000000000009',
    noConsent: 'e0000000-0000-4000-8000-000000000010',
    cloudMismatch: 'e0000000-0000-4000-8000-000000000011',
    hybridS2S: 'e0000000-0000-4000-8000-000000000012',
    exchangeOnline: 'e0000000-0000-4000-8000-000000000013',
    imapUnsupported: 'e0000000-0000-4000-8000-000000000014',
} as const;

/**
 * Emulated "now" of the seed, equal to the emulator's EPOCH_MS (emulator/clock.ts, not imported to keep the domain
 * engine-free): every seeded date lies before it, so seeded history reads as days/weeks old when the sandbox starts.
 */
export const SEED_EPOCH_MS = Date.UTC(2026, 10, 23, 9, 0, 0);

/** ISO string of an epoch-ms instant, the way the Web API returns datetimes. */
export function iso(ms: number): string {
    return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
