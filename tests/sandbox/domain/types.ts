/** Shared types of the sandbox domain (kept apart so modules import types without cycles). */

export type Cloud = 'commercial' | 'gcc' | 'gccHigh' | 'dod' | 'china';

/** A tenant the discovery stand-in knows (entra-and-exchange.md §2.1, §4). */
export type DiscoveryTenant = {
    tenantId: string;
    displayName: string;
    /** Verified domains, e.g. contoso.onmicrosoft.com and contoso.com; the first is the primary one. */
    domains: string[];
    cloud: Cloud;
    /** `tenant_region_scope`: NA, EU, AS, WW… commercial; USGov for US Government. */
    regionScope: string;
};

/** An app registration (with its enterprise app) in a tenant: what the token and EWS calls would check. */
export type AppRegistration = {
    tenantId: string;
    appId: string;
    /** Admin consent for `full_access_as_app` granted (entra-and-exchange.md §1). */
    consented: boolean;
    /** The secret Value that works today. Never written to any row. */
    currentSecret: string;
    /** Secret Values that once worked and have expired (AADSTS7000222). */
    expiredSecrets: string[];
};

/** Credential-wide outcomes: decided by the profile row and the directory, so they hit every mailbox of a profile. */
export type CredentialOutcome =
    'badSecret' | 'expiredSecret' | 'missingSecret' | 'unknownTenant' | 'appNotFound' | 'noConsent';

/**
 * Mailbox-level outcomes: decided by each mailbox's seed. `transient` fails every attempt with a transient error, so
 * server-side sync retries it and disables the mailbox at the end; `transientRecovers` fails transiently a few times
 * and then succeeds (jobs.ts).
 */
export type MailboxOutcome =
    'success' | 'aapDenied' | 'mailboxNotFound' | 'notLicensed' | 'ewsBlocked' | 'transient' | 'transientRecovers';

/** What the next Test & Enable of a mailbox ends in (`ownerDisabled`: the owning user is disabled). */
export type Outcome = MailboxOutcome | CredentialOutcome | 'notApproved' | 'ownerDisabled';

export type ScenarioOptions = {
    seed?: number;
    mailboxCount?: number;
    /** Emulated ms a Test & Enable takes (each mailbox adds a seeded jitter of −25 %…+25 %). */
    testDelayMs?: number;
    /** Id of the default profile (the one receiving `mailboxCount` mailboxes); defaults to PROFILE_IDS.commercial. */
    profileId?: string;
    /**
     * The organisation's "Process emails only for approved users / queues" (organization.requireapprovalforuseremail /
     * requireapprovalforqueueemail, dataverse.md §4); both on by default, as in a new org.
     */
    requireApproval?: { users: boolean; queues: boolean };
    /**
     * Share (0..1) of the default profile's mailboxes planned to succeed that fail transiently instead: half of them
     * recover on a later attempt, half are disabled after the retries (jobs.ts). 0 by default.
     */
    transientShare?: number;
    /** Share (0..1) of the default profile's user mailboxes whose owning user is disabled. 0 by default. */
    disabledOwnerShare?: number;
};

export type ProfileKind = 'crossTenantOAuth' | 'hybridS2S' | 'exchangeOnline' | 'unsupported';

export type SeededProfile = {
    id: string;
    name: string;
    kind: ProfileKind;
    cloud: Cloud;
    /** Mailbox tenant GUID as stored on the profile ('' when the profile has none). */
    tenantId: string;
    /** Mail domain of the profile's mailboxes. */
    domain: string;
};
