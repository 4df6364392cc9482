/**
 * The people and the application the Entra stand-in knows (documented in tests/sandbox/emulator/README.md). Each
 * person's object id is the azureactivedirectoryobjectid of a systemuser, except the outsider, who has none in this
 * environment and so meets 403 0x80072560 (deploy.md §2).
 */
import { USER_IDS } from '../domain/ids';

/** A person who can sign in. */
export type Person = { upn: string; name: string; oid: string; systemuserid?: string };

/** The seeded people. */
export const PEOPLE: Person[] = [
    {
        upn: 'avery@woodgrovebank.com',
        name: 'Avery Approver',
        oid: 'd1000000-0000-4000-8000-000000000001',
        systemuserid: USER_IDS.approver,
    },
    {
        upn: 'bo@woodgrovebank.com',
        name: 'Bo Basic',
        oid: 'd1000000-0000-4000-8000-000000000004',
        systemuserid: USER_IDS.basicUser,
    },
    { upn: 'olive@woodgrovebank.com', name: 'Olive Outsider', oid: 'd1000000-0000-4000-8000-0000000000ff' },
];

/** The default person the device-code and browser stand-ins sign in as: the admin. */
export const DEFAULT_SIGNIN_UPN = PEOPLE[0].upn;

/** The seeded application for client credentials; its application user is the sandbox's service principal. */
export const APPLICATION = {
    clientId: '0ae3c1d6-7f1e-4b8a-9c2d-3e4f5a6b7c8d',
    /** Sandbox-only secret, published in the README on purpose: it opens nothing but this emulator. */
    clientSecret: 'sandbox-client-secret-not-for-production',
    oid: 'd2000000-0000-4000-8000-000000000001',
    systemuserid: USER_IDS.silentApprover,
};

/** The person with a UPN (case-insensitive). */
export function personByUpn(upn: string): Person | undefined {
    return PEOPLE.find((p) => p.upn.toLowerCase() === upn.toLowerCase());
}

/** The systemuser an object id acts as, if it has one in this environment. */
export function systemUserOfOid(oid: string): string | undefined {
    if (oid === APPLICATION.oid) return APPLICATION.systemuserid;
    return PEOPLE.find((p) => p.oid === oid)?.systemuserid;
}
