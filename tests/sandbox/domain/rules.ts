/** Write rules: who may approve (dataverse.md §5), what an approval, a Test & Enable or a secret write sets off. */
import type { EmulatorUser, Store, WriteContext, WriteVerdict } from '../emulator/contract';
import { ORGANIZATION_NAME, PRIVILEGE_APPROVE_EMAIL, PRIVILEGE_APPROVE_EMAIL_ID, iso } from './ids';
import type { JobQueue } from './jobs';
import { hashSecret } from './profiles';

/**
 * Web API shape of the refusals. Codes are the SDK's (dataverse.md §5 table); that the Web API carries them in
 * error.code and answers 403 is (unconfirmed) — one place to change.
 */
export const APPROVAL_REFUSALS = {
    missingPrivilege: { status: 403, code: '0x80040220' },
    notAnAdmin: { status: 403, code: '0x80040256' },
} as const;

/**
 * Whether Delegated Mailbox Approver + System Administrator may approve for a cross-tenant profile: (unconfirmed)
 * (dataverse.md §5, entra-and-exchange.md §8). The sandbox assumes yes; flip here to model the stricter reading.
 */
export const DMA_APPROVES_CROSS_TENANT = true;

const APPROVAL_SETS = new Set(['mailboxes', 'systemusers', 'queues']);
const OBJECT_TYPE_CODES: Record<string, number> = { mailboxes: 9606, systemusers: 8, queues: 2020 };
const ADMIN_DIRECTORY_ROLES = ['Global Administrator', 'Exchange Administrator'];

/** Global/Exchange admin + System Administrator, or Delegated Mailbox Approver + System Administrator (§5 "Who"). */
export function canApprove(user: EmulatorUser): boolean {
    if (!user.roles.includes('System Administrator')) return false;
    const isAdmin = user.directoryRoles.some((r) => ADMIN_DIRECTORY_ROLES.includes(r));
    return isAdmin || (DMA_APPROVES_CROSS_TENANT && user.roles.includes('Delegated Mailbox Approver'));
}

/** Verdict on a write; only approval changes (1 approve, 3 reject) are policed. */
export function beforeWrite(ctx: WriteContext): WriteVerdict {
    const value = ctx.patch.emailrouteraccessapproval;
    if (!APPROVAL_SETS.has(ctx.table.entitySet) || (value !== 1 && value !== 3)) return { kind: 'allow' };
    if (ctx.before?.emailrouteraccessapproval === value) return { kind: 'allow' };
    const { user } = ctx;
    if (!user.privileges.includes(PRIVILEGE_APPROVE_EMAIL)) {
        return {
            kind: 'refuse',
            ...APPROVAL_REFUSALS.missingPrivilege,
            message:
                `Principal user (Id=${user.systemuserid}, type=8, roleCount=${user.roles.length}, privilegeCount=${user.privileges.length}, accessMode=0), ` +
                `is missing ${PRIVILEGE_APPROVE_EMAIL} privilege (Id=${PRIVILEGE_APPROVE_EMAIL_ID}) on OTC=${OBJECT_TYPE_CODES[ctx.table.entitySet]} ` +
                `for entity '${ctx.table.logicalName}'. context.Caller=${user.systemuserid}`,
        };
    }
    // Field reports: service principals and PIM-activated admins get 204 and nothing changes (pain-points.md #2).
    if (user.silentApprovalNoop) return { kind: 'ignore' };
    if (!canApprove(user)) {
        return {
            kind: 'refuse',
            ...APPROVAL_REFUSALS.notAnAdmin,
            message:
                `A failure occurred in CrmSecurity. The user ${user.fullname} (Id=${user.systemuserid}) should be a global administrator or ` +
                `exchange administrator to approve mailbox in organization ${ORGANIZATION_NAME}.`,
        };
    }
    return { kind: 'allow' };
}

function mirrorApproval(ctx: WriteContext, store: Store, approval: number): void {
    const set = ctx.table.entitySet;
    const approved = { emailrouteraccessapproval: approval, isemailaddressapprovedbyo365admin: approval === 1 };
    if (set === 'mailboxes') {
        store.upsert('mailboxes', ctx.id, {
            ...approved,
            emailaddressapprovedon: approval === 1 ? iso(ctx.nowMs) : null,
        });
        const owner = String(store.get('mailboxes', ctx.id)?._regardingobjectid_value ?? '');
        if (store.get('systemusers', owner)) store.upsert('systemusers', owner, approved);
        else if (store.get('queues', owner)) store.upsert('queues', owner, { emailrouteraccessapproval: approval });
        return;
    }
    if (set === 'systemusers')
        store.upsert('systemusers', ctx.id, { isemailaddressapprovedbyo365admin: approval === 1 });
    const mailboxId = String(store.get(set, ctx.id)?._defaultmailbox_value ?? '');
    if (mailboxId && store.get('mailboxes', mailboxId)) {
        store.upsert('mailboxes', mailboxId, {
            ...approved,
            emailaddressapprovedon: approval === 1 ? iso(ctx.nowMs) : null,
        });
    }
}

/** Writing a secret flips isoauthclientsecretset and records its hash (never the value) for the outcome model. */
function recordSecret(ctx: WriteContext, store: Store, secretHashes: Map<string, string | undefined>): void {
    const value = ctx.patch.oauthclientsecret;
    const isSet = typeof value === 'string' && value !== '';
    secretHashes.set(ctx.id, isSet ? hashSecret(value) : undefined);
    store.upsert('emailserverprofiles', ctx.id, { isoauthclientsecretset: isSet });
}

/** Follow-ups of an applied write. */
export function afterWrite(
    ctx: WriteContext,
    store: Store,
    jobs: JobQueue,
    secretHashes: Map<string, string | undefined>,
): void {
    const set = ctx.table.entitySet;
    const approval = ctx.patch.emailrouteraccessapproval;
    if (APPROVAL_SETS.has(set) && typeof approval === 'number') mirrorApproval(ctx, store, approval);
    if (set === 'mailboxes' && ctx.patch.testemailconfigurationscheduled === true) {
        // A new Test & Enable starts a new count of attempts (jobs.ts), unless the writer set one itself.
        const counted = store.get('mailboxes', ctx.id)?.testemailconfigurationretrycount;
        if (!('testemailconfigurationretrycount' in ctx.patch) && counted !== 0)
            store.upsert('mailboxes', ctx.id, { testemailconfigurationretrycount: 0 });
        const row = store.get('mailboxes', ctx.id);
        jobs.schedule(
            ctx.id,
            ctx.nowMs,
            ctx.patch.postponetestemailconfigurationuntil ?? row?.postponetestemailconfigurationuntil,
        );
    }
    if (set === 'emailserverprofiles' && 'oauthclientsecret' in ctx.patch) recordSecret(ctx, store, secretHashes);
}
