/** Seeded email server profiles of every kind and cloud, with the directory state behind them. */
import { createHash } from 'node:crypto';
import type { Row } from '../emulator/contract';
import { PROFILE_IDS, SEED_EPOCH_MS, USER_IDS, iso } from './ids';
import { createRng, deriveSeed } from './prng';
import { AUTHORITY_OF_CLOUD, EWS_HOST_OF_CLOUD, TENANT_IDS, TENANTS, makeSecret } from './tenants';
import type { AppRegistration, Cloud, ProfileKind, SeededProfile } from './types';

type SecretPlan = 'current' | 'expired' | 'wrong' | 'none';

/** How one profile is seeded: which tenant, what the admin typed, what the directory holds. */
type ProfileSpec = {
    id: string;
    name: string;
    kind: ProfileKind;
    cloud: Cloud;
    tenant?: keyof typeof TENANT_IDS;
    /** Overrides what is stored in exchangeonlinetenantid (a typo, a GUID of nowhere). */
    storedTenantId?: string;
    /** serverauthority when it differs from the tenant's cloud (cloud-mismatch story). */
    authority?: number;
    secret: SecretPlan;
    consented?: boolean;
    /** The admin pasted the enterprise app's Object ID instead of the Application (client) ID. */
    pastedObjectId?: boolean;
};

const SPECS: ProfileSpec[] = [
    {
        id: PROFILE_IDS.commercial,
        name: 'Contoso cross-tenant (commercial)',
        kind: 'crossTenantOAuth',
        cloud: 'commercial',
        tenant: 'contoso',
        secret: 'current',
    },
    {
        id: PROFILE_IDS.gcc,
        name: 'Fabrikam cross-tenant (GCC)',
        kind: 'crossTenantOAuth',
        cloud: 'gcc',
        tenant: 'fabrikam',
        secret: 'current',
    },
    {
        id: PROFILE_IDS.gccHighExpiredSecret,
        name: 'Adatum cross-tenant (GCC High) – expired secret',
        kind: 'crossTenantOAuth',
        cloud: 'gccHigh',
        tenant: 'adatum',
        secret: 'expired',
    },
    {
        id: PROFILE_IDS.dod,
        name: 'Tailspin cross-tenant (DoD)',
        kind: 'crossTenantOAuth',
        cloud: 'dod',
        tenant: 'tailspin',
        secret: 'current',
    },
    {
        id: PROFILE_IDS.china,
        name: 'Wingtip cross-tenant (21Vianet)',
        kind: 'crossTenantOAuth',
        cloud: 'china',
        tenant: 'wingtip',
        secret: 'current',
    },
    {
        id: PROFILE_IDS.noSecret,
        name: 'Litware cross-tenant – no secret yet',
        kind: 'crossTenantOAuth',
        cloud: 'commercial',
        tenant: 'litware',
        secret: 'none',
    },
    {
        id: PROFILE_IDS.badSecret,
        name: 'Contoso Sales – wrong secret',
        kind: 'crossTenantOAuth',
        cloud: 'commercial',
        tenant: 'contoso',
        secret: 'wrong',
    },
    {
        id: PROFILE_IDS.unknownTenant,
        name: 'Contoso Support – tenant ID typo',
        kind: 'crossTenantOAuth',
        cloud: 'commercial',
        tenant: 'contoso',
        storedTenantId: '4a1c7e2b-6d3f-4b8e-9a05-1c2d3e4f5a06',
        secret: 'current',
    },
    {
        id: PROFILE_IDS.appNotFound,
        name: 'Contoso Billing – Object ID pasted',
        kind: 'crossTenantOAuth',
        cloud: 'commercial',
        tenant: 'contoso',
        pastedObjectId: true,
        secret: 'current',
    },
    {
        id: PROFILE_IDS.noConsent,
        name: 'Contoso Legal – consent missing',
        kind: 'crossTenantOAuth',
        cloud: 'commercial',
        tenant: 'contoso',
        consented: false,
        secret: 'current',
    },
    {
        id: PROFILE_IDS.cloudMismatch,
        name: 'Northwind cross-tenant – set to US Gov',
        kind: 'crossTenantOAuth',
        cloud: 'commercial',
        tenant: 'northwind',
        authority: 1,
        secret: 'current',
    },
    {
        id: PROFILE_IDS.hybridS2S,
        name: 'Proseware Exchange Online (Hybrid) S2S',
        kind: 'hybridS2S',
        cloud: 'commercial',
        tenant: 'proseware',
        secret: 'none',
    },
    {
        id: PROFILE_IDS.exchangeOnline,
        name: 'Microsoft Exchange Online',
        kind: 'exchangeOnline',
        cloud: 'commercial',
        secret: 'none',
    },
    {
        id: PROFILE_IDS.imapUnsupported,
        name: 'Legacy IMAP/SMTP',
        kind: 'unsupported',
        cloud: 'commercial',
        secret: 'none',
    },
];

/** Everything the seed decides about profiles. */
export type SeededProfiles = {
    rows: Row[];
    profiles: SeededProfile[];
    apps: AppRegistration[];
    /** sha256 of the secret last written to each profile (undefined = none written). */
    secretHashes: Map<string, string | undefined>;
    /** The secret Value that would make each cross-tenant profile work (its intended app's current secret). */
    correctSecrets: Map<string, string>;
};

/** sha256 hex of a secret; the domain keeps hashes, never the values written by clients. */
export function hashSecret(value: string): string {
    return createHash('sha256').update(value, 'utf8').digest('hex');
}

const tenantOf = (spec: ProfileSpec): string => (spec.tenant ? TENANT_IDS[spec.tenant] : '');
const domainOf = (spec: ProfileSpec): string =>
    spec.tenant
        ? (TENANTS.find((t) => t.tenantId === TENANT_IDS[spec.tenant!])?.domains[1] ?? '')
        : 'woodgrovebank.com';

function serverColumns(spec: ProfileSpec): Row {
    const ewsHost = EWS_HOST_OF_CLOUD[spec.cloud === 'commercial' && spec.authority === 1 ? 'gccHigh' : spec.cloud];
    const ews = `https://${ewsHost}/EWS/Exchange.asmx`;
    const location = (url: string): Row => ({
        incomingserverlocation: url,
        outgoingserverlocation: url,
        defaultserverlocation: url,
    });
    switch (spec.kind) {
        case 'crossTenantOAuth':
            return {
                servertype: 0,
                emailservertypename: 'Exchange Online',
                incomingcredentialretrieval: 7,
                outgoingcredentialretrieval: 7,
                incomingauthenticationprotocol: 4,
                outgoingauthenticationprotocol: 4,
                usedefaulttenantid: false,
                aadresourceid: `https://${ewsHost}`,
                incomingportnumber: 443,
                outgoingportnumber: 443,
                ...location(ews),
            };
        case 'hybridS2S':
            return {
                servertype: 3,
                emailservertypename: 'Exchange Online (Hybrid)',
                incomingcredentialretrieval: 2,
                outgoingcredentialretrieval: 2,
                incomingauthenticationprotocol: 0,
                outgoingauthenticationprotocol: 0,
                usedefaulttenantid: true,
                aadresourceid: null,
                incomingportnumber: 443,
                outgoingportnumber: 443,
                ...location(ews),
            };
        case 'exchangeOnline':
            return {
                servertype: 0,
                emailservertypename: 'Exchange Online',
                incomingcredentialretrieval: 2,
                outgoingcredentialretrieval: 2,
                incomingauthenticationprotocol: 0,
                outgoingauthenticationprotocol: 0,
                usedefaulttenantid: false,
                aadresourceid: null,
                incomingportnumber: 443,
                outgoingportnumber: 443,
                ...location('https://outlook.office365.com/EWS/Exchange.asmx'),
            };
        default:
            return {
                servertype: 4,
                emailservertypename: 'IMAP/SMTP Server',
                incomingcredentialretrieval: 0,
                outgoingcredentialretrieval: 0,
                incomingauthenticationprotocol: 3,
                outgoingauthenticationprotocol: 3,
                usedefaulttenantid: false,
                aadresourceid: null,
                incomingserverlocation: 'imap.woodgrovebank.com',
                outgoingserverlocation: 'smtp.woodgrovebank.com',
                defaultserverlocation: null,
                incomingportnumber: 993,
                outgoingportnumber: 587,
            };
    }
}

function profileRow(spec: ProfileSpec, index: number, appId: string, storedTenantId: string, secretSet: boolean): Row {
    const created = iso(SEED_EPOCH_MS - (90 - index) * 86_400_000);
    return {
        emailserverprofileid: spec.id,
        name: spec.name,
        description: null,
        ...serverColumns(spec),
        serverauthority: spec.authority ?? AUTHORITY_OF_CLOUD[spec.cloud],
        exchangeonlinetenantid: storedTenantId || null,
        oauthclientid: appId || null,
        isoauthclientsecretset: secretSet,
        useautodiscover: false,
        processemailsreceivedafter: iso(SEED_EPOCH_MS - 30 * 86_400_000),
        _keyvaultreferenceid_value: null,
        _managedidentityid_value: null,
        _ownerid_value: USER_IDS.approver,
        lasttestexecutionstatus: null,
        lasttestvalidationstatus: null,
        lastauthorizationstatus: null,
        lasttestrequest: null,
        lasttestresponse: null,
        lastcrmmessage: null,
        lastteststarttime: null,
        lasttesttotalexecutiontime: null,
        statecode: 0,
        statuscode: 1,
        createdon: created,
        modifiedon: created,
    };
}

/**
 * Seed all profiles, the default one first; each uses its own sub-seed so one profile's data never shifts another's.
 * `defaultId` names a seeded profile, or gives the commercial cross-tenant profile a caller-chosen id.
 */
export function seedProfiles(seed: number, defaultId: string = PROFILE_IDS.commercial): SeededProfiles {
    const out: SeededProfiles = {
        rows: [],
        profiles: [],
        apps: [],
        secretHashes: new Map(),
        correctSecrets: new Map(),
    };
    const known = SPECS.some((s) => s.id === defaultId);
    const specs = SPECS.map((s) => (!known && s.id === PROFILE_IDS.commercial ? { ...s, id: defaultId } : s));
    const ordered = [...specs.filter((s) => s.id === defaultId), ...specs.filter((s) => s.id !== defaultId)];
    ordered.forEach((spec) => {
        const index = specs.indexOf(spec);
        const rng = createRng(deriveSeed(seed, 1000 + index));
        const tenantId = tenantOf(spec);
        const storedTenantId = spec.storedTenantId ?? tenantId;
        let appId = '';
        if (spec.kind === 'crossTenantOAuth') {
            const app: AppRegistration = {
                tenantId,
                appId: rng.guid(),
                consented: spec.consented ?? true,
                currentSecret: makeSecret(rng),
                expiredSecrets: [makeSecret(rng)],
            };
            out.apps.push(app);
            out.correctSecrets.set(spec.id, app.currentSecret);
            appId = spec.pastedObjectId ? rng.guid() : app.appId;
            const written = {
                current: app.currentSecret,
                expired: app.expiredSecrets[0],
                wrong: makeSecret(rng),
                none: undefined,
            }[spec.secret];
            out.secretHashes.set(spec.id, written === undefined ? undefined : hashSecret(written));
        }
        out.rows.push(profileRow(spec, index, appId, storedTenantId, out.secretHashes.get(spec.id) !== undefined));
        out.profiles.push({
            id: spec.id,
            name: spec.name,
            kind: spec.kind,
            cloud: spec.cloud,
            tenantId: storedTenantId,
            domain: domainOf(spec),
        });
    });
    return out;
}
