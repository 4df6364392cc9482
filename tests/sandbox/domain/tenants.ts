/** The seeded Entra tenants and app registrations (one tenant per cloud at least; entra-and-exchange.md §4). */
import type { AppRegistration, Cloud, DiscoveryTenant } from './types';
import type { Rng } from './prng';

/** Fixed tenant GUIDs, so discovery tests and the sandbox can name them. */
export const TENANT_IDS = {
    contoso: '4a1c7e2b-6d3f-4b8e-9a05-1c2d3e4f5a60',
    fabrikam: '8d2e61f0-3c4b-4a9d-8e7f-0a1b2c3d4e51',
    adatum: '1b9f3e7a-2c6d-4f80-b1a2-3c4d5e6f7a82',
    tailspin: '6e0d4c8b-7a9f-4e21-a3b4-5c6d7e8f9a13',
    wingtip: '9c7b5a3e-1f2d-4c6b-8a9e-7d6c5b4a3f24',
    litware: '2f4e6a8c-0b1d-4e3f-9a7c-5e3d1b9f7a35',
    northwind: '5d3b1f9e-7c5a-4d2b-b8e6-4a2c0e8d6b46',
    proseware: '7a5c3e1b-9d7f-4b5a-a2c4-6e8a0c2e4a57',
    woodgrove: '3e1a9c7e-5b3d-4f1e-8d6b-2a4c6e8a0c68',
} as const;

/** Every tenant discovery resolves. northwind is commercial although the cloud-mismatch profile claims US Gov. */
export const TENANTS: DiscoveryTenant[] = [
    {
        tenantId: TENANT_IDS.contoso,
        displayName: 'Contoso',
        domains: ['contoso.onmicrosoft.com', 'contoso.com'],
        cloud: 'commercial',
        regionScope: 'NA',
    },
    {
        tenantId: TENANT_IDS.fabrikam,
        displayName: 'Fabrikam (GCC)',
        domains: ['fabrikamgov.onmicrosoft.com', 'fabrikam.gov'],
        cloud: 'gcc',
        regionScope: 'NA',
    },
    {
        tenantId: TENANT_IDS.adatum,
        displayName: 'Adatum (GCC High)',
        domains: ['adatum.onmicrosoft.us', 'adatum.us'],
        cloud: 'gccHigh',
        regionScope: 'USGov',
    },
    {
        tenantId: TENANT_IDS.tailspin,
        displayName: 'Tailspin (DoD)',
        domains: ['tailspin.onmicrosoft.us', 'tailspin.mil'],
        cloud: 'dod',
        regionScope: 'USGov',
    },
    {
        tenantId: TENANT_IDS.wingtip,
        displayName: 'Wingtip (21Vianet)',
        domains: ['wingtip.partner.onmschina.cn', 'wingtip.cn'],
        cloud: 'china',
        regionScope: 'AS',
    },
    {
        tenantId: TENANT_IDS.litware,
        displayName: 'Litware (EU)',
        domains: ['litware.onmicrosoft.com', 'litware.eu'],
        cloud: 'commercial',
        regionScope: 'EU',
    },
    {
        tenantId: TENANT_IDS.northwind,
        displayName: 'Northwind',
        domains: ['northwind.onmicrosoft.com', 'northwind.com'],
        cloud: 'commercial',
        regionScope: 'WW',
    },
    {
        tenantId: TENANT_IDS.proseware,
        displayName: 'Proseware (hybrid)',
        domains: ['proseware.onmicrosoft.com', 'proseware.com'],
        cloud: 'commercial',
        regionScope: 'NA',
    },
    {
        tenantId: TENANT_IDS.woodgrove,
        displayName: 'Woodgrove (this org)',
        domains: ['woodgrove.onmicrosoft.com', 'woodgrovebank.com'],
        cloud: 'commercial',
        regionScope: 'NA',
    },
];

/** `serverauthority` that matches a cloud (dataverse.md §2, entra-and-exchange.md §4). */
export const AUTHORITY_OF_CLOUD: Record<Cloud, number> = { commercial: 0, gcc: 0, gccHigh: 1, dod: 1, china: 2 };

/** EWS host per cloud (entra-and-exchange.md §4; DoD host is (unconfirmed) there, one constant here). */
export const EWS_HOST_OF_CLOUD: Record<Cloud, string> = {
    commercial: 'outlook.office365.com',
    gcc: 'outlook.office365.com',
    gccHigh: 'outlook.office365.us',
    dod: 'webmail.apps.mil',
    china: 'partner.outlook.cn',
};

/** A client secret Value in the current 40-char format: 3 random, `8Q~`, 34 random (entra-and-exchange.md §2.3). */
export function makeSecret(rng: Rng): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-';
    const chunk = (n: number): string => Array.from({ length: n }, () => alphabet[rng.int(alphabet.length)]).join('');
    return `${chunk(3)}8Q~${chunk(34)}`;
}

/** Find a tenant by GUID or verified domain (case-insensitive). */
export function findTenant(tenants: DiscoveryTenant[], idOrDomain: string): DiscoveryTenant | undefined {
    const key = idOrDomain.trim().toLowerCase();
    return tenants.find((t) => t.tenantId === key || t.domains.includes(key));
}

/** Find the app registration of `appId` inside `tenantId`. */
export function findApp(apps: AppRegistration[], tenantId: string, appId: string): AppRegistration | undefined {
    const key = appId.trim().toLowerCase();
    return apps.find((a) => a.tenantId === tenantId && a.appId === key);
}
