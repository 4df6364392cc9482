import { DataverseHttp } from '../../src/dataverse/http';
import {
    addNote,
    READINESS_SUBJECT,
    readReadinessDone,
    readSecretExpiry,
    RUN_NOTE_SUBJECT,
    saveReadinessDone,
    saveSecretExpiry,
    SECRET_EXPIRY_SUBJECT,
} from '../../src/dataverse/notes';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { PROFILE_IDS } from '../sandbox/domain/ids';

let sandbox: Sandbox;
let http: DataverseHttp;
beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, mailboxCount: 5 });
    http = new DataverseHttp(sandbox.url, (u, i) => fetch(u, i));
});
afterAll(() => sandbox.close());

const notes = () => sandbox.emulator.store.list('annotations');

describe('secret expiry note', () => {
    it('records, updates and clears the date in one note on the profile', async () => {
        const profile = PROFILE_IDS.commercial;
        expect(await readSecretExpiry(http, profile)).toBeNull();
        await saveSecretExpiry(http, profile, new Date(Date.UTC(2027, 4, 1)));
        expect(await readSecretExpiry(http, profile)).toEqual(new Date(Date.UTC(2027, 4, 1)));
        await saveSecretExpiry(http, profile, new Date(Date.UTC(2027, 10, 30)));
        expect(await readSecretExpiry(http, profile)).toEqual(new Date(Date.UTC(2027, 10, 30)));
        const expiryNotes = notes().filter((n) => n.subject === SECRET_EXPIRY_SUBJECT);
        expect(expiryNotes).toHaveLength(1);
        expect(expiryNotes[0]).toMatchObject({ notetext: '2027-11-30', _objectid_value: profile });
        await saveSecretExpiry(http, profile, null);
        expect(await readSecretExpiry(http, profile)).toBeNull();
    });

    it('keeps each profile’s date apart', async () => {
        await saveSecretExpiry(http, PROFILE_IDS.gcc, new Date(Date.UTC(2027, 0, 15)));
        expect(await readSecretExpiry(http, PROFILE_IDS.dod)).toBeNull();
        expect(await readSecretExpiry(http, PROFILE_IDS.gcc)).toEqual(new Date(Date.UTC(2027, 0, 15)));
    });
});

describe('readiness note', () => {
    it('keeps the items marked done in one note per profile, updated in place', async () => {
        const profile = PROFILE_IDS.commercial;
        expect(await readReadinessDone(http, profile)).toEqual([]);
        await saveReadinessDone(http, profile, new Set(['adminConsent', 'appRegistration']));
        expect(await readReadinessDone(http, profile)).toEqual(['appRegistration', 'adminConsent']);
        await saveReadinessDone(http, profile, new Set(['appRegistration']));
        expect(await readReadinessDone(http, profile)).toEqual(['appRegistration']);
        const readinessNotes = notes().filter((n) => n.subject === READINESS_SUBJECT);
        expect(readinessNotes).toHaveLength(1);
        expect(readinessNotes[0]).toMatchObject({ notetext: 'appRegistration', _objectid_value: profile });
        expect(await readReadinessDone(http, PROFILE_IDS.gcc)).toEqual([]);
    });
});

describe('addNote', () => {
    it('adds a run record to the profile as text', async () => {
        await addNote(http, PROFILE_IDS.commercial, RUN_NOTE_SUBJECT, 'Adele ran approve & test: 10 enabled, 2 failed');
        expect(notes().find((n) => n.subject === RUN_NOTE_SUBJECT)).toMatchObject({
            notetext: 'Adele ran approve & test: 10 enabled, 2 failed',
            _objectid_value: PROFILE_IDS.commercial,
        });
    });
});
