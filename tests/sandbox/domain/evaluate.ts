/**
 * Decides what a Test & Enable ends in, from the CURRENT rows: approval (dataverse.md §5/§6), then the profile's
 * credentials (tenant → app → secret → consent, the order a token call and EWS probe would fail in), then the
 * mailbox's own seeded outcome. Fixing the profile (rotating the secret, correcting the tenant) therefore fixes every
 * mailbox of it on the next run.
 */
import type { Row, Store } from '../emulator/contract';
import { ORGANIZATION_ID } from './ids';
import { hashSecret } from './profiles';
import { AUTHORITY_OF_CLOUD, findApp, findTenant } from './tenants';
import type { AppRegistration, CredentialOutcome, DiscoveryTenant, MailboxOutcome, Outcome } from './types';

/** The directory behind the profiles: tenants, app registrations and what secret each profile holds. */
export type Directory = {
    tenants: DiscoveryTenant[];
    apps: AppRegistration[];
    /** sha256 of the secret last written per profile id; undefined = none. */
    secretHashes: Map<string, string | undefined>;
    /** Seeded mailbox-level outcome per mailbox id (missing = success). */
    planned: Map<string, MailboxOutcome>;
};

/** Cross-tenant OAuth profile = Exchange Online type 0 + retrieval 7 (dataverse.md §2). */
export function isCrossTenant(profile: Row): boolean {
    return profile.servertype === 0 && profile.incomingcredentialretrieval === 7;
}

function secretOutcome(profileId: string, app: AppRegistration, directory: Directory): CredentialOutcome | undefined {
    const hash = directory.secretHashes.get(profileId);
    if (hash === undefined) return 'missingSecret';
    if (hash === hashSecret(app.currentSecret)) return undefined;
    return app.expiredSecrets.some((s) => hashSecret(s) === hash) ? 'expiredSecret' : 'badSecret';
}

/** Credential-wide outcome of a profile row, or undefined when its credentials work (or it is not cross-tenant). */
export function credentialOutcome(
    profile: Row,
    profileId: string,
    directory: Directory,
): CredentialOutcome | undefined {
    if (!isCrossTenant(profile)) return undefined;
    const tenant = findTenant(directory.tenants, String(profile.exchangeonlinetenantid ?? ''));
    const authority = profile.serverauthority === 3 ? 0 : profile.serverauthority;
    // A tenant asked at the wrong cloud's login host answers AADSTS90002 (entra-and-exchange.md §7: "or wrong cloud").
    if (!tenant || AUTHORITY_OF_CLOUD[tenant.cloud] !== authority) return 'unknownTenant';
    const app = findApp(directory.apps, tenant.tenantId, String(profile.oauthclientid ?? ''));
    if (!app) return 'appNotFound';
    return secretOutcome(profileId, app, directory) ?? (app.consented ? undefined : 'noConsent');
}

/** Whether the org requires approval for this mailbox's kind (user vs queue) and the mailbox lacks it. */
function blockedByApproval(store: Store, mailbox: Row): boolean {
    const org = store.get('organizations', ORGANIZATION_ID);
    const regarding = String(mailbox._regardingobjectid_value ?? '');
    const isQueue = regarding !== '' && store.get('queues', regarding) !== undefined;
    const required = isQueue ? org?.requireapprovalforqueueemail !== false : org?.requireapprovalforuseremail !== false;
    return required && mailbox.emailrouteraccessapproval !== 1;
}

/** The systemuser the mailbox belongs to, when it belongs to a user (not a queue). */
export function ownerUserOf(store: Store, mailbox: Row): Row | undefined {
    const regarding = String(mailbox._regardingobjectid_value ?? '');
    return regarding ? store.get('systemusers', regarding) : undefined;
}

/** The outcome the mailbox's next Test & Enable ends in, given the store as it is now. */
export function evaluateOutcome(store: Store, mailbox: Row, directory: Directory): Outcome {
    // A disabled user's mailbox cannot be processed whatever else is right (issue 14: "disabled-owner" alerts).
    if (ownerUserOf(store, mailbox)?.isdisabled === true) return 'ownerDisabled';
    if (blockedByApproval(store, mailbox)) return 'notApproved';
    const profileId = String(mailbox._emailserverprofile_value ?? '');
    const profile = profileId ? store.get('emailserverprofiles', profileId) : undefined;
    const credential = profile ? credentialOutcome(profile, profileId, directory) : undefined;
    return credential ?? directory.planned.get(String(mailbox.mailboxid)) ?? 'success';
}
