/**
 * The server-side-sync domain hosted by the Dataverse Web API emulator (contract: ../emulator/contract.ts), plus the
 * Entra discovery stand-in. createDomain(options) is deterministic: the same options give the same rows.
 */
import type { Domain, EmulatorUser, Row, Store } from '../emulator/contract';
import { credentialOutcome, type Directory, evaluateOutcome } from './evaluate';
import { ORGANIZATION_ID, ORGANIZATION_NAME, PROFILE_IDS, SEED_EPOCH_MS, iso } from './ids';
import { createFunctions } from './functions';
import { DEFAULT_TEST_DELAY_MS, createJobQueue } from './jobs';
import { type ForcedMailbox, type SeedOutput, seedMailboxes } from './mailboxes';
import { createMemoryStore, type MemoryStore } from './memory-store';
import { createRng, deriveSeed } from './prng';
import { seedProfiles } from './profiles';
import { afterWrite, beforeWrite } from './rules';
import { TABLES } from './tables';
import { TENANTS } from './tenants';
import type { DiscoveryTenant, MailboxOutcome, Outcome, ScenarioOptions, SeededProfile } from './types';
import { USERS, roleRows, userRoleRows, userRows } from './users';

export { handleDiscovery, DISCOVERY_ERRORS_CARRY_CORS, WRONG_CLOUD_REPLY } from './discovery';
export { ALL_OUTCOMES, TRACE_CODES } from './outcomes';
export { APPROVAL_REFUSALS } from './rules';
export { HOSTILE_NAMES } from './names';
export { TENANT_IDS } from './tenants';
export { BUSINESS_UNIT_ID, ORGANIZATION_ID, PRIVILEGE_APPROVE_EMAIL, PROFILE_IDS, USER_IDS } from './ids';
export type {
    CredentialOutcome,
    DiscoveryTenant,
    MailboxOutcome,
    Outcome,
    ScenarioOptions,
    SeededProfile,
} from './types';

/** The domain plus what tests and the sandbox need to know about the scenario. */
export type SandboxDomain = Domain & {
    profiles: SeededProfile[];
    tenants: DiscoveryTenant[];
    users: EmulatorUser[];
    /** What the mailbox's next Test & Enable ends in, from `store` (default: the seed rows). */
    outcomeOf(mailboxId: string, store?: Store): Outcome;
    /** The mailbox-level outcome its seed chose (hidden behind approval or credential failures). */
    plannedOutcomeOf(mailboxId: string): MailboxOutcome | undefined;
    /** The secret Value that makes a cross-tenant profile's credentials work (sandbox "rotate" story). Never in a row. */
    correctSecretOf(profileId: string): string | undefined;
    /** Emulated ms from scheduling to completion for this mailbox (testDelayMs with its seeded jitter). */
    testDelayOf(mailboxId: string): number;
    /** Jobs queued and not yet done. */
    pendingJobs(): number;
};

const DEFAULT_MAILBOX_COUNT = 40;
/** A new organisation processes email only for approved users and queues (dataverse.md §4: default on). */
const REQUIRE_APPROVAL_DEFAULT = { users: true, queues: true };
const SMALL_PROFILE_COUNT = 4;

/** Forced first mailboxes: a healthy canary everywhere; every mailbox-level outcome on the Exchange Online profile. */
function forcedFor(profile: SeededProfile, isDefault: boolean): ForcedMailbox[] {
    if (profile.kind === 'exchangeOnline' && !isDefault) {
        const failures: MailboxOutcome[] = ['success', 'aapDenied', 'mailboxNotFound', 'notLicensed', 'ewsBlocked'];
        return [
            ...failures.map((planned) => ({ planned, approval: 1 })),
            { planned: 'success', approval: 2 },
            { planned: 'transient', approval: 1 },
            { planned: 'transientRecovers', approval: 1 },
            { planned: 'success', approval: 1, ownerDisabled: true },
        ];
    }
    return [{ planned: 'success', approval: 1 }];
}

function organizationRow(defaultProfileId: string, requireApproval: { users: boolean; queues: boolean }): Row {
    const created = iso(SEED_EPOCH_MS - 400 * 86_400_000);
    return {
        organizationid: ORGANIZATION_ID,
        name: ORGANIZATION_NAME,
        requireapprovalforuseremail: requireApproval.users,
        requireapprovalforqueueemail: requireApproval.queues,
        _defaultemailserverprofileid_value: defaultProfileId,
        defaultemailsettings:
            '<EmailSettings><IncomingEmailDeliveryMethod>2</IncomingEmailDeliveryMethod><OutgoingEmailDeliveryMethod>2</OutgoingEmailDeliveryMethod><ACTDeliveryMethod>1</ACTDeliveryMethod></EmailSettings>',
        orgdborgsettings:
            '<OrgSettings><RequirePrivilegeToSelfApproveEmailAddress>false</RequirePrivilegeToSelfApproveEmailAddress></OrgSettings>',
        generatealertsforerrors: true,
        generatealertsforwarnings: true,
        generatealertsforinformation: true,
        createdon: created,
        modifiedon: created,
    };
}

/**
 * Turn a share of the default profile's mailboxes into transient failures and disabled owners, with a sub-seed of
 * their own (three draws per mailbox whatever the shares), so every other seeded value stays as it was.
 */
function applyShares(options: ScenarioOptions, profileId: string, out: SeedOutput): void {
    const transient = options.transientShare ?? 0;
    const disabled = options.disabledOwnerShare ?? 0;
    if (transient <= 0 && disabled <= 0) return;
    const rng = createRng(deriveSeed(options.seed ?? 1, 7000));
    const users = new Map(out.systemusers.map((u) => [u.systemuserid, u]));
    for (const m of out.mailboxes) {
        if (m._emailserverprofile_value !== profileId) continue;
        const id = String(m.mailboxid);
        const [roll, kind, off] = [rng.next(), rng.next(), rng.next()];
        if (roll < transient && out.planned.get(id) === 'success')
            out.planned.set(id, kind < 0.5 ? 'transient' : 'transientRecovers');
        const owner = users.get(m._regardingobjectid_value);
        if (owner && off < disabled) owner.isdisabled = true;
    }
}

/** Build a deterministic scenario: 14 profiles (every kind and cloud), users, queues, mailboxes, alerts. */
export function createDomain(options: ScenarioOptions = {}): SandboxDomain {
    const seed = options.seed ?? 1;
    const testDelayMs = options.testDelayMs ?? DEFAULT_TEST_DELAY_MS;
    const seeded = seedProfiles(seed, options.profileId ?? PROFILE_IDS.commercial);
    const out: SeedOutput = {
        mailboxes: [],
        systemusers: [],
        queues: [],
        tracelogs: [],
        planned: new Map(),
        jitter: new Map(),
    };
    const directory: Directory = {
        tenants: TENANTS,
        apps: seeded.apps,
        secretHashes: seeded.secretHashes,
        planned: out.planned,
    };
    seeded.profiles.forEach((profile, i) => {
        const isDefault = i === 0;
        const forced = forcedFor(profile, isDefault);
        const row = seeded.rows[i];
        seedMailboxes(
            {
                seed: deriveSeed(seed, 2000, i),
                profile: row,
                domain: profile.domain,
                isDefault,
                forced,
                tenants: TENANTS,
                seqOffset: i * 1_000_000,
                count: isDefault
                    ? (options.mailboxCount ?? DEFAULT_MAILBOX_COUNT)
                    : Math.max(SMALL_PROFILE_COUNT, forced.length + 1),
                credential: credentialOutcome(row, profile.id, directory),
            },
            out,
        );
    });
    applyShares(options, seeded.profiles[0].id, out);
    const rows: Record<string, Row[]> = {
        emailserverprofiles: seeded.rows,
        mailboxes: out.mailboxes,
        systemusers: [...userRows(), ...out.systemusers],
        queues: out.queues,
        tracelogs: out.tracelogs,
        organizations: [organizationRow(seeded.profiles[0].id, options.requireApproval ?? REQUIRE_APPROVAL_DEFAULT)],
        roles: roleRows(),
        systemuserroles: userRoleRows(),
        annotations: [],
    };
    const alertIndex = new Map(
        out.tracelogs.map((t) => [
            `${String(t._regardingobjectid_value)}|${String(t.tracecode)}`,
            String(t.tracelogid),
        ]),
    );
    const jobs = createJobQueue({
        directory,
        testDelayMs,
        jitter: out.jitter,
        rng: createRng(deriveSeed(seed, 9999)),
        alertIndex,
    });
    let seedStore: MemoryStore | undefined;
    return {
        tables: TABLES,
        rows,
        users: USERS,
        profiles: seeded.profiles,
        tenants: TENANTS,
        beforeWrite,
        afterWrite: (ctx, store) => afterWrite(ctx, store, jobs, directory.secretHashes),
        tick: (nowMs, store) => jobs.tick(nowMs, store),
        functions: createFunctions(USERS),
        outcomeOf(mailboxId, store) {
            const source = store ?? (seedStore ??= createMemoryStore(TABLES, rows));
            const mailbox = source.get('mailboxes', mailboxId);
            if (!mailbox) throw new Error(`No mailbox ${mailboxId}`);
            return evaluateOutcome(source, mailbox, directory);
        },
        plannedOutcomeOf: (mailboxId) => out.planned.get(mailboxId),
        correctSecretOf: (profileId) => seeded.correctSecrets.get(profileId),
        testDelayOf: (mailboxId) => Math.round(testDelayMs * (0.75 + 0.5 * (out.jitter.get(mailboxId) ?? 0.5))),
        pendingJobs: () => jobs.pending(),
    };
}
