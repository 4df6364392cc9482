import { DataverseHttp } from '../../src/dataverse/http';
import { LAST_TEST_SUBJECT, readLastTest, readProfileVersion, saveLastTest } from '../../src/dataverse/last-test';
import { saveClientSecret } from '../../src/dataverse/profile';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { startSandbox, type Sandbox } from '../sandbox/server';

let sandbox: Sandbox;
let http: DataverseHttp;
beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, mailboxCount: 5 });
    http = new DataverseHttp(sandbox.url, (u, i) => fetch(u, i));
});
afterAll(() => sandbox.close());

const AT = '2026-11-23T10:00:00.000Z';

describe('the last connection test note', () => {
    it('keeps one record per profile and reads it back', async () => {
        const profile = PROFILE_IDS.gcc;
        expect(await readLastTest(http, profile)).toBeUndefined();
        const version = await readProfileVersion(http, profile);
        await saveLastTest(http, profile, { result: 'failed', at: AT, profileVersion: version });
        await saveLastTest(http, profile, { result: 'succeeded', at: AT, profileVersion: version });
        expect(await readLastTest(http, profile)).toEqual({ result: 'succeeded', at: AT, profileVersion: version });
        const notes = sandbox.emulator.store
            .list('annotations')
            .filter((n) => n.subject === LAST_TEST_SUBJECT && n._objectid_value === profile);
        expect(notes).toHaveLength(1);
        expect(await readLastTest(http, PROFILE_IDS.dod)).toBeUndefined();
    });
});

describe('readProfileVersion', () => {
    it('is the profile’s ETag, which a new secret changes and a note does not', async () => {
        const profile = PROFILE_IDS.noConsent;
        const before = await readProfileVersion(http, profile);
        expect(before).toMatch(/^W\/"\d+"$/);
        await saveLastTest(http, profile, { result: 'succeeded', at: AT, profileVersion: before });
        expect(await readProfileVersion(http, profile)).toBe(before);
        await saveClientSecret(http, profile, `Ab18Q~${'z'.repeat(34)}`);
        expect(await readProfileVersion(http, profile)).not.toBe(before);
    });
});
