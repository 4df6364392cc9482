/** Seeded mailboxes with the systemuser or queue each belongs to, their test history and existing alerts. */
import type { Row } from '../emulator/contract';
import { BUSINESS_UNIT_ID, SEED_EPOCH_MS, USER_IDS, iso } from './ids';
import { hostileIndexAt, makeName } from './names';
import { alertFor, contextFor, statusesFor } from './outcomes';
import { createRng, type Rng } from './prng';
import type { CredentialOutcome, DiscoveryTenant, MailboxOutcome, Outcome } from './types';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** Seeded instants are whole minutes, so their ISO strings can be shared (50,000 mailboxes × 5 dates). */
const isoCache = new Map<number, string>();
function stamp(ms: number): string {
    // Small-integer keys (minutes from the seed epoch) hash far faster than epoch-ms doubles.
    if ((ms - SEED_EPOCH_MS) % MINUTE !== 0) return iso(ms);
    const key = (ms - SEED_EPOCH_MS) / MINUTE;
    let value = isoCache.get(key);
    if (value === undefined) {
        value = iso(ms);
        if (isoCache.size < 200_000) isoCache.set(key, value);
    }
    return value;
}

/** What is forced for a mailbox at a given index (so every outcome exists whatever the seed). */
export type ForcedMailbox = { planned: MailboxOutcome; approval: number; ownerDisabled?: boolean };

/** Input for one profile's mailboxes. */
export type MailboxPlan = {
    seed: number;
    profile: Row;
    domain: string;
    count: number;
    /** Default profile: hostile names spread through it. */
    isDefault: boolean;
    forced: ForcedMailbox[];
    /** Credential failure the profile has at seed time (drives the seeded history). */
    credential: CredentialOutcome | undefined;
    tenants: DiscoveryTenant[];
    /** Offset of `seq` in addresses, so addresses stay unique across profiles sharing a domain. */
    seqOffset: number;
};

/** Rows produced by seeding, appended to by each plan. */
export type SeedOutput = {
    mailboxes: Row[];
    systemusers: Row[];
    queues: Row[];
    tracelogs: Row[];
    planned: Map<string, MailboxOutcome>;
    /** Seeded jitter in [0, 1) per mailbox: a Test & Enable takes testDelayMs × (0.75 + 0.5 × jitter). */
    jitter: Map<string, number>;
};

const SSS = { incomingemaildeliverymethod: 2, outgoingemaildeliverymethod: 2, actdeliverymethod: 1 };
const NOT_SSS: Row[] = [
    { incomingemaildeliverymethod: 3, outgoingemaildeliverymethod: 2, actdeliverymethod: 2 },
    { incomingemaildeliverymethod: 0, outgoingemaildeliverymethod: 0, actdeliverymethod: 2 },
    { incomingemaildeliverymethod: 2, outgoingemaildeliverymethod: 1, actdeliverymethod: 0 },
    { incomingemaildeliverymethod: 2, outgoingemaildeliverymethod: 2, actdeliverymethod: 2 },
];
const APPROVAL_MIX = { 1: 0.62, 2: 0.22, 0: 0.1, 3: 0.06 } as const;
/** Mostly success; every mailbox-level failure appears at a realistic rate. */
const OUTCOME_MIX: Record<MailboxOutcome, number> = {
    success: 0.8,
    aapDenied: 0.05,
    mailboxNotFound: 0.05,
    notLicensed: 0.05,
    ewsBlocked: 0.05,
    // Transient failures come from forced mailboxes and the transientShare option, so seeds stay as they were.
    transient: 0,
    transientRecovers: 0,
};

type History = {
    statuses: Row;
    completed: string | null;
    attempted: string | null;
    lastOk: string | null;
    lastError: string | null;
};
const NEVER_TESTED: Row = { incomingemailstatus: 0, outgoingemailstatus: 0, actstatus: 0, mailboxstatus: 0 };

function history(rng: Rng, outcome: Outcome, methods: Row, createdMs: number): History {
    if (rng.chance(0.3))
        return { statuses: NEVER_TESTED, completed: null, attempted: null, lastOk: null, lastError: null };
    const testedMs = createdMs + DAY + rng.int(5 * 1440) * MINUTE;
    const ok = outcome === 'success';
    return {
        statuses: statusesFor(outcome, methods),
        completed: stamp(testedMs),
        attempted: stamp(testedMs - 2 * MINUTE),
        lastOk: ok ? stamp(testedMs + 5 * MINUTE) : null,
        lastError: ok ? null : stamp(testedMs),
    };
}

function seedAlert(plan: MailboxPlan, rng: Rng, outcome: Outcome, mailbox: Row, out: SeedOutput, owner: Row): void {
    const completed = mailbox.testmailboxaccesscompletedon;
    if (typeof completed !== 'string' || !rng.chance(outcome === 'success' ? 0.3 : 0.7)) return;
    const ms = Date.parse(completed);
    const alert = alertFor(
        outcome,
        contextFor(plan.profile, mailbox, plan.tenants, { traceId: rng.guid(), correlationId: rng.guid() }, ms, owner),
    );
    const repeatedMs = outcome === 'success' ? ms : ms + rng.int(3) * 5 * MINUTE;
    out.tracelogs.push({
        tracelogid: rng.guid(),
        _regardingobjectid_value: mailbox.mailboxid,
        ...alert,
        tracestatus: false,
        createdon: stamp(ms),
        modifiedon: stamp(repeatedMs),
    });
}

type Owner = { id: string; name: string; email: string; mailboxId: string; approval: number; created: string };

function ownerRow(isQueue: boolean, o: Owner, isDisabled: boolean): Row {
    const { id, name, email, mailboxId, approval, created } = o;
    if (isQueue) {
        return {
            queueid: id,
            name,
            emailaddress: email,
            emailrouteraccessapproval: approval,
            _defaultmailbox_value: mailboxId,
            incomingemaildeliverymethod: 2,
            statecode: 0,
            statuscode: 1,
            createdon: created,
            modifiedon: created,
        };
    }
    return {
        systemuserid: id,
        fullname: name,
        domainname: email,
        internalemailaddress: email,
        emailrouteraccessapproval: approval,
        isemailaddressapprovedbyo365admin: approval === 1,
        _defaultmailbox_value: mailboxId,
        isdisabled: isDisabled,
        accessmode: 0,
        applicationid: null,
        _businessunitid_value: BUSINESS_UNIT_ID,
        createdon: created,
        modifiedon: created,
    };
}

function seedOne(plan: MailboxPlan, rng: Rng, index: number, out: SeedOutput): void {
    const forced = plan.forced[index] as ForcedMailbox | undefined;
    const isQueue = !forced && rng.chance(0.15);
    const mailboxId = rng.guid();
    const ownerId = rng.guid();
    const seq = plan.seqOffset + index;
    const { name, email } = makeName(
        rng,
        isQueue,
        seq,
        plan.domain,
        plan.isDefault ? hostileIndexAt(index) : undefined,
    );
    const approval = forced?.approval ?? rng.weighted(APPROVAL_MIX);
    const planned = forced?.planned ?? rng.weighted(OUTCOME_MIX);
    const methods = forced || rng.chance(0.9) ? SSS : rng.pick(NOT_SSS);
    const createdMs = SEED_EPOCH_MS - 30 * DAY + rng.int(20 * 1440) * MINUTE;
    const created = stamp(createdMs);
    const approvedOn = approval === 1 ? stamp(createdMs + rng.int(1440) * MINUTE) : null;
    const ownerDisabled = forced?.ownerDisabled === true;
    const approvedOutcome: Outcome = approval !== 1 ? 'notApproved' : (plan.credential ?? planned);
    const outcome: Outcome = ownerDisabled ? 'ownerDisabled' : approvedOutcome;
    const h = history(rng, outcome, methods, createdMs);
    // One literal with every column (no spreads / Object.assign): 50,000 rows stay in V8's fast object shape.
    const mailbox: Row = {
        mailboxid: mailboxId,
        name,
        emailaddress: email,
        _emailserverprofile_value: plan.profile.emailserverprofileid,
        _regardingobjectid_value: ownerId,
        _ownerid_value: isQueue ? USER_IDS.approver : ownerId,
        emailrouteraccessapproval: approval,
        isemailaddressapprovedbyo365admin: approval === 1,
        emailaddressapprovedon: approvedOn,
        incomingemailstatus: h.statuses.incomingemailstatus,
        outgoingemailstatus: h.statuses.outgoingemailstatus,
        actstatus: h.statuses.actstatus,
        mailboxstatus: h.statuses.mailboxstatus,
        incomingemaildeliverymethod: methods.incomingemaildeliverymethod,
        outgoingemaildeliverymethod: methods.outgoingemaildeliverymethod,
        actdeliverymethod: methods.actdeliverymethod,
        enabledforincomingemail: true,
        enabledforoutgoingemail: true,
        enabledforact: true,
        testemailconfigurationscheduled: false,
        postponetestemailconfigurationuntil: null,
        testemailconfigurationretrycount: 0,
        testmailboxaccesscompletedon: h.completed,
        testandenablelastattemptedon: h.attempted,
        isforwardmailbox: false,
        isserviceaccount: false,
        ewsurl: null,
        lastsyncerror: null,
        lastsyncerrorcode: null,
        lastsyncerroroccurredon: h.lastError,
        lastsuccessfulsynccompletedon: h.lastOk,
        postponemailboxprocessinguntil: null,
        processingstatecode: 0,
        statecode: 0,
        statuscode: 1,
        createdon: created,
        modifiedon: created,
    };
    out.mailboxes.push(mailbox);
    const owner = ownerRow(isQueue, { id: ownerId, name, email, mailboxId, approval, created }, ownerDisabled);
    (isQueue ? out.queues : out.systemusers).push(owner);
    out.planned.set(mailboxId, planned);
    out.jitter.set(mailboxId, rng.next());
    seedAlert(plan, rng, outcome, mailbox, out, owner);
}

/** Seed one profile's mailboxes into `out`. Deterministic for a given plan.seed. */
export function seedMailboxes(plan: MailboxPlan, out: SeedOutput): void {
    const rng = createRng(plan.seed);
    for (let index = 0; index < plan.count; index++) seedOne(plan, rng, index, out);
}
