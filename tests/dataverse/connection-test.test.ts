import { DataverseHttp, realSleep } from '../../src/dataverse/http';
import { runConnectionTest, type ConnectionTestProgress } from '../../src/dataverse/connection-test';
import { CANARY_CANDIDATES, listCanaryCandidates, listMailboxes } from '../../src/dataverse/mailboxes';
import { canaryProblem } from '../../src/core/connection-test/canary';
import { pickCanary } from '../../src/core/connection-test/canary';
import { testPatchFor } from '../../src/core/test-and-enable';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { mailboxOf, recordRequests } from './sent-requests';

// The connection test against the real emulator and seeded domain: the canary's Test & Enable runs
// asynchronously on the "server" and the client follows it with its poll schedule, all 200x faster.
const SCALE = 200;

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, timeScale: SCALE, testDelayMs: 20_000, mailboxCount: 12 });
});
afterAll(() => sandbox.close());

/** Client-side time runs at the emulator's pace: each sleep advances a virtual clock by the full delay. */
function scaledDeps(http: DataverseHttp) {
    let virtual = Date.now();
    return {
        http,
        now: () => virtual,
        sleep: async (ms: number, signal?: AbortSignal) => {
            await realSleep(ms / SCALE, signal);
            virtual += ms;
        },
    };
}

async function testProfile(profileId: string) {
    await sandbox.setScenario({ profileId });
    const recorder = recordRequests();
    const http = new DataverseHttp(sandbox.url, recorder.fetch);
    const canary = pickCanary(await listMailboxes(http, profileId), profileId);
    if (!canary) throw new Error('the seed has no canary');
    recorder.sent.length = 0;
    const progress: ConnectionTestProgress[] = [];
    const verdict = await runConnectionTest(scaledDeps(http), canary.mailboxid, (p) => progress.push(p));
    return { verdict, progress, canary, sent: recorder.sent };
}

describe('runConnectionTest', () => {
    it('passes on a healthy cross-tenant profile, stepping queued → running → done', async () => {
        const { verdict, progress, canary } = await testProfile(PROFILE_IDS.commercial);
        expect(verdict.kind).toBe('succeeded');
        expect(progress[0].step).toBe('queued');
        expect(progress.some((p) => p.step === 'running')).toBe(true);
        expect(progress[progress.length - 1].step).toBe('done');
        const row = sandbox.emulator.store.get('mailboxes', canary.mailboxid);
        expect(row).toMatchObject({ mailboxstatus: 1, testemailconfigurationscheduled: false });
    });

    it.each([
        [PROFILE_IDS.gccHighExpiredSecret, 'secretExpired'],
        [PROFILE_IDS.badSecret, 'secretInvalid'],
        [PROFILE_IDS.unknownTenant, 'tenantNotFound'],
        [PROFILE_IDS.appNotFound, 'appNotInTenant'],
        [PROFILE_IDS.noConsent, 'ewsTokenNoPermissions'],
    ])('decodes the seeded failure of profile %s as %s, from the alert the server wrote', async (profileId, cause) => {
        const { verdict, canary } = await testProfile(profileId);
        expect(verdict.kind).toBe('failed');
        if (verdict.kind !== 'failed') return;
        expect(verdict.failures[0].cause).toBe(cause);
        const alert = sandbox.emulator.store
            .list('tracelogs')
            .filter((row) => row._regardingobjectid_value === canary.mailboxid)
            .sort((a, b) => String(b.modifiedon).localeCompare(String(a.modifiedon)))[0];
        expect(verdict.failures[0].raw).toBe(`${String(alert.text)}\n${String(alert.errordetails)}`.trim());
    });

    it('schedules Test & Enable once, on the canary only, with If-Match: * and the one Test & Enable body', async () => {
        const { canary, sent, progress } = await testProfile(PROFILE_IDS.commercial);
        const tests = sent.filter((request) => request.method === 'PATCH');
        expect(tests.map((request) => mailboxOf(request))).toEqual([canary.mailboxid]);
        expect(tests[0].headers['if-match']).toBe('*');
        expect(JSON.parse(tests[0].body)).toEqual(testPatchFor(new Date(progress[0].startedAtIso)));
        expect(sent.filter((request) => request.url.endsWith('/$batch'))).toEqual([]); // one PATCH of its own
        // No request asks for the secret column, in any position of $select.
        const selects = sent.map((request) => (new URL(request.url).searchParams.get('$select') ?? '').split(','));
        expect(selects.length).toBeGreaterThan(2);
        expect(selects.filter((columns) => columns.includes('oauthclientsecret'))).toEqual([]);
    });
});

describe('listCanaryCandidates', () => {
    it('reads one small page of eligible mailboxes only, not the whole list', async () => {
        await sandbox.setScenario({ profileId: PROFILE_IDS.commercial, mailboxCount: 400 });
        const http = new DataverseHttp(sandbox.url, (u, i) => fetch(u, i));
        const before = sandbox.emulator.requestLog().length;
        const candidates = await listCanaryCandidates(http, PROFILE_IDS.commercial);
        expect(sandbox.emulator.requestLog().length - before).toBe(1);
        expect(candidates.length).toBeGreaterThan(0);
        expect(candidates.length).toBeLessThanOrEqual(CANARY_CANDIDATES);
        expect(candidates.filter((r) => canaryProblem(r, PROFILE_IDS.commercial))).toEqual([]);
        const all = await listMailboxes(http, PROFILE_IDS.commercial);
        const eligible = all.filter((r) => !canaryProblem(r, PROFILE_IDS.commercial));
        expect(candidates.length).toBe(Math.min(eligible.length, CANARY_CANDIDATES));
    });
});

describe('DataverseHttp.serverNow', () => {
    it('follows the server clock from the Date header, floored to the second before', async () => {
        const serverDate = 'Mon, 23 Nov 2026 09:00:05 GMT';
        const http = new DataverseHttp(
            'https://org.example',
            async () => new Response('{}', { status: 200, headers: { Date: serverDate } }),
            {
                now: () => Date.UTC(2026, 10, 23, 12, 0, 0),
            },
        );
        expect(http.serverNow()).toBe(Date.UTC(2026, 10, 23, 12, 0, 0));
        await http.send('WhoAmI');
        expect(http.serverNow()).toBe(Date.UTC(2026, 10, 23, 9, 0, 4));
    });
});
