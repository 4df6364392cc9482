import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { BulkRunController, type BulkRunState } from '../../src/pcf/bulk-run';
import { LedgerNotStoredError, openLedgerStore, type LedgerStore } from '../../src/pcf/ledger-store';
import { DataverseHttp, realSleep, type FetchLike } from '../../src/dataverse/http';
import { listMailboxes } from '../../src/dataverse/mailboxes';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { keepRetryAfterAcrossReloads } from '../../src/pcf/retry-after-store';
import { approvalsSent, recordRequests, testsSent, mailboxOf } from '../dataverse/sent-requests';

// The run controller against the seeded sandbox, time scaled so Test & Enable completes in moments.
const SCALE = 200;

class MemoryStorage {
    readonly items = new Map<string, string>();
    getItem = (k: string) => this.items.get(k) ?? null;
    setItem = (k: string, v: string) => void this.items.set(k, v);
    removeItem = (k: string) => void this.items.delete(k);
}

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, timeScale: SCALE, testDelayMs: 20_000, mailboxCount: 150 });
});
afterAll(() => sandbox.close());
// A fresh browser database per test; a "reload" opens the same one again.
beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
});

/** Whether this browser keeps an unfinished run of the profile. */
async function hasStoredRun(): Promise<boolean> {
    return (await openLedgerStore(PROFILE_IDS.commercial)?.load()) !== undefined;
}

type Fetch = FetchLike;

function controllerFor(
    storage: MemoryStorage,
    states: BulkRunState[],
    fetchFn: Fetch = (u, i) => fetch(u, i),
    stallLimitMs?: number,
    /** null: a browser without IndexedDB. */
    ledgerStore: LedgerStore | null | undefined = openLedgerStore(PROFILE_IDS.commercial),
) {
    const http = new DataverseHttp(sandbox.url, fetchFn, { stallLimitMs });
    // As createServices does for the page: one session storage for the run and the Retry-After.
    keepRetryAfterAcrossReloads(http.gate, storage);
    let virtual = Date.now();
    const controller = new BulkRunController({
        http,
        profileId: PROFILE_IDS.commercial,
        ledgerStore: ledgerStore ?? undefined,
        now: () => virtual,
        sleep: async (ms, signal) => {
            await realSleep(ms / SCALE, signal);
            virtual += ms;
        },
        onChange: (s) => states.push(s),
    });
    return { http, controller };
}

describe('BulkRunController', () => {
    it('has nothing to resume when no unfinished run is stored, and sends nothing', async () => {
        const states: BulkRunState[] = [];
        const { controller } = controllerFor(new MemoryStorage(), states);
        const before = sandbox.emulator.requestLog().length;
        await controller.resumeStored();
        expect(states).toEqual([]);
        expect(sandbox.emulator.requestLog().length).toBe(before);
    });

    it('approves and tests every selected mailbox once, and accounts for each as the server ended it', async () => {
        await sandbox.setScenario({ profileId: PROFILE_IDS.commercial });
        const storage = new MemoryStorage();
        const states: BulkRunState[] = [];
        const recorder = recordRequests();
        const { http, controller } = controllerFor(storage, states, recorder.fetch);
        const rows = await listMailboxes(http, PROFILE_IDS.commercial);
        recorder.sent.length = 0;
        await controller.start(rows, 'approveAndTest', true, true);
        const last = states[states.length - 1];
        expect(last.status).toBe('finished');
        const s = last.view!.summary;
        expect(s.succeeded + s.failed + s.skipped).toBe(rows.length);
        expect(s.settled).toBe(true);
        expect(s.succeeded).toBeGreaterThan(0);
        // What the server received: one approval for each mailbox not yet approved, none for an approved one.
        const approved = rows.filter((r) => r.emailrouteraccessapproval === 1).map((r) => r.mailboxid);
        const notApproved = rows.filter((r) => r.emailrouteraccessapproval !== 1 && r.statecode === 0);
        const approvals = approvalsSent(recorder.sent);
        expect(approvals.length).toBeGreaterThan(0);
        expect(approvals).toHaveLength(new Set(approvals).size);
        expect(approvals.filter((id) => approved.includes(id))).toEqual([]);
        expect(approvals.every((id) => notApproved.some((r) => r.mailboxid === id))).toBe(true);
        // Every failure is grouped under a decoded cause, and each failed test failed on the server.
        const groups = last.view!.groups;
        expect(groups.reduce((sum, g) => sum + g.entries.length, 0)).toBe(s.failed);
        expect(groups.map((g) => g.decoded.cause)).not.toContain('unknown');
        const tested = new Set(testsSent(recorder.sent).map((part) => mailboxOf(part)));
        for (const entry of groups.flatMap((g) => g.entries).filter((e) => tested.has(e.mailboxId))) {
            const status = sandbox.emulator.store.get('mailboxes', entry.mailboxId)?.mailboxstatus;
            expect([entry.mailboxId, status]).toEqual([entry.mailboxId, 2]);
        }
        // A finished run leaves nothing to resume.
        expect(await hasStoredRun()).toBe(false);
    });

    it('says why each mailbox of a cancelled run was skipped, for the summary', async () => {
        await sandbox.setScenario({ profileId: PROFILE_IDS.commercial });
        const states: BulkRunState[] = [];
        const { http, controller } = controllerFor(new MemoryStorage(), states);
        const rows = await listMailboxes(http, PROFILE_IDS.commercial);
        // Cancel once Test & Enable is queued for some mailboxes, as an admin does while tests wait on the server.
        const cancelOnceTesting = (state: BulkRunState) => {
            if ((state.view?.summary.testing ?? 0) > 0) controller.cancel();
        };
        const run = controller.start(rows, 'approveAndTest', true, true);
        const watch = setInterval(() => cancelOnceTesting(controller.current()), 5);
        await run.finally(() => clearInterval(watch));
        const view = states[states.length - 1].view!;
        expect(view.summary.settled).toBe(true);
        expect(view.summary.skipped).toBeGreaterThan(0);
        // Every skipped mailbox is counted under a reason, and the tests left to Dynamics say so.
        expect(view.skips.reduce((sum, skip) => sum + skip.count, 0)).toBe(view.summary.skipped);
        expect(view.skips.map((skip) => skip.reason)).toContain('cancelledNotWatched');
    });

    it.each([
        [
            'a write the database refuses',
            {
                load: async () => undefined,
                save: () => Promise.reject(new LedgerNotStoredError('quota')),
                clear: async () => undefined,
            },
        ],
        ['no IndexedDB', null],
    ] as const)('approves nothing and says why when the run cannot be stored (%s)', async (_, store) => {
        await sandbox.setScenario({ profileId: PROFILE_IDS.commercial });
        const states: BulkRunState[] = [];
        const recorder = recordRequests();
        const { http, controller } = controllerFor(new MemoryStorage(), states, recorder.fetch, undefined, store);
        const rows = await listMailboxes(http, PROFILE_IDS.commercial);
        await controller.start(rows, 'approveAndTest', true, true);
        const last = states[states.length - 1];
        expect(last).toMatchObject({ status: 'failed', notStored: true });
        expect(approvalsSent(recorder.sent)).toEqual([]);
        // Nothing is left looking as if it were on its way to the server.
        expect(last.view!.summary).toMatchObject({ sent: 0, inFlight: 0 });
    });

    it('runs Test only without a store, telling the page that a reload will not resume it', async () => {
        await sandbox.setScenario({ profileId: PROFILE_IDS.commercial });
        const states: BulkRunState[] = [];
        const recorder = recordRequests();
        const { http, controller } = controllerFor(new MemoryStorage(), states, recorder.fetch, undefined, null);
        const rows = await listMailboxes(http, PROFILE_IDS.commercial);
        await controller.start(rows, 'testOnly', true, true);
        const last = states[states.length - 1];
        expect(last).toMatchObject({ status: 'finished', notStored: true });
        expect(testsSent(recorder.sent).length).toBeGreaterThan(0);
        expect(approvalsSent(recorder.sent)).toEqual([]);
    });

    it('pauses on an expired session, keeps the run for a reload, and resumes it to the end', async () => {
        await sandbox.setScenario({ profileId: PROFILE_IDS.commercial });
        const storage = new MemoryStorage();
        const states: BulkRunState[] = [];
        const { http, controller } = controllerFor(storage, states);
        const rows = await listMailboxes(http, PROFILE_IDS.commercial);
        sandbox.emulator.setFaults({ sessionExpired: true });
        await controller.start(rows, 'approveAndTest', true, true);
        expect(states[states.length - 1]).toMatchObject({ status: 'paused', pause: { reason: 'signedOut' } });
        expect(await hasStoredRun()).toBe(true);

        sandbox.emulator.setFaults({ sessionExpired: false });
        const fresh: BulkRunState[] = [];
        const { controller: reloaded } = controllerFor(storage, fresh);
        await reloaded.resumeStored();
        const last = fresh[fresh.length - 1];
        expect(last.status).toBe('finished');
        expect(last.resumed).toBe(true);
        const s = last.view!.summary;
        expect(s.succeeded + s.failed + s.skipped).toBe(rows.length);
    });

    it.each(['page', 'redirect'] as const)(
        'pauses, not fails, when API calls get the sign-in %s, and Resume approves nothing twice',
        async (form) => {
            await sandbox.setScenario({ profileId: PROFILE_IDS.commercial });
            const storage = new MemoryStorage();
            const states: BulkRunState[] = [];
            const { http, controller } = controllerFor(storage, states);
            const rows = await listMailboxes(http, PROFILE_IDS.commercial);
            // What the server applied: the domain's afterWrite runs for applied writes only.
            const applied: string[] = [];
            const afterWrite = sandbox.domain.afterWrite.bind(sandbox.domain);
            sandbox.domain.afterWrite = (ctx, store) => {
                if (ctx.patch.emailrouteraccessapproval === 1) applied.push(ctx.id.toLowerCase());
                afterWrite(ctx, store);
            };
            const signedOut = { form, durationMs: 3_600_000, startOn: 'afterFirstWrite' as const };
            sandbox.emulator.setFaults({ signedOut });
            await controller.start(rows, 'approveAndTest', true, true);
            expect(states[states.length - 1]).toMatchObject({ status: 'paused', pause: { reason: 'signedOut' } });
            expect(sandbox.emulator.requestLog().some((entry) => entry.signedOut)).toBe(true);

            sandbox.emulator.setFaults({ signedOut: null });
            await controller.resume();
            const last = states[states.length - 1];
            expect(last.status).toBe('finished');
            const s = last.view!.summary;
            expect(s.succeeded + s.failed + s.skipped).toBe(rows.length);
            expect(applied.length).toBeGreaterThan(0);
            expect(applied.length).toBe(new Set(applied).size);
        },
    );

    it('pauses, not fails, when Dataverse lets nothing through for the stall limit, and Resume finishes the run', async () => {
        await sandbox.setScenario({ profileId: PROFILE_IDS.commercial });
        const storage = new MemoryStorage();
        const states: BulkRunState[] = [];
        let storming = true;
        const { http, controller } = controllerFor(
            storage,
            states,
            async (url, init) => {
                // Every write is refused, sent alone or in a $batch; reads get through.
                if (!storming || (init?.method ?? 'GET') === 'GET') return fetch(url, init);
                const body = JSON.stringify({ error: { code: '0x80072321', message: 'Combined execution time…' } });
                return new Response(body, { status: 429, headers: { 'Retry-After': '1' } });
            },
            500,
        );
        const rows = await listMailboxes(http, PROFILE_IDS.commercial);
        await controller.start(rows, 'approveAndTest', true, true);
        const paused = states[states.length - 1];
        expect(paused).toMatchObject({ status: 'paused', pause: { reason: 'stalled', limitMs: 500 } });
        expect(paused.view?.summary.settled).toBe(false);
        expect(await hasStoredRun()).toBe(true);

        storming = false;
        await controller.resume();
        const last = states[states.length - 1];
        expect(last.status).toBe('finished');
        const s = last.view!.summary;
        expect(s.succeeded + s.failed + s.skipped).toBe(rows.length);
        expect(last.view!.groups.map((g) => g.decoded.cause)).not.toContain('throttled');
    });

    it('keeps the Retry-After for the session, and after a reload sends nothing before it ends', async () => {
        await sandbox.setScenario({ profileId: PROFILE_IDS.commercial });
        const storage = new MemoryStorage();
        let throttledAt = 0;
        // The first page: its first write ($batch or one sent alone) is answered 429 with Retry-After 2 s, then the
        // page goes away (a reload while the run waits); its later requests never get an answer.
        const { http, controller } = controllerFor(storage, [], async (url, init) => {
            if ((init?.method ?? 'GET') === 'GET') return fetch(url, init);
            if (throttledAt) return new Promise<Response>(() => undefined);
            throttledAt = Date.now();
            const body = JSON.stringify({ error: { code: '0x80072322', message: 'Number of requests exceeded' } });
            return new Response(body, { status: 429, headers: { 'Retry-After': '2' } });
        });
        const rows = await listMailboxes(http, PROFILE_IDS.commercial);
        void controller.start(rows, 'approveAndTest', true, true);
        for (let i = 0; i < 200 && !http.gate.isPaused(); i++) await realSleep(10);
        expect(http.gate.isPaused()).toBe(true);

        const sentAt: number[] = [];
        const { controller: reloaded } = controllerFor(storage, [], (url, init) => {
            sentAt.push(Date.now());
            return fetch(url, init);
        });
        await reloaded.resumeStored();
        expect(sentAt.length).toBeGreaterThan(0);
        expect(Math.min(...sentAt)).toBeGreaterThanOrEqual(throttledAt + 2000);
        expect(await hasStoredRun()).toBe(false);
    });

    it('tells the page about a 429 pause as it starts, while nothing else is moving', async () => {
        await sandbox.setScenario({ profileId: PROFILE_IDS.commercial });
        // Every state the page is told, with the (real) time it was told: the client's gate runs on real time here.
        const told: Array<{ state: BulkRunState; at: number }> = [];
        const states = {
            push: (state: BulkRunState) => told.push({ state, at: Date.now() }),
        } as unknown as BulkRunState[];
        let refused = false;
        const { http, controller } = controllerFor(new MemoryStorage(), states, async (url, init) => {
            if (!refused && init?.method !== 'GET') {
                // The run's only write is refused; nothing can progress until its Retry-After (1 s) is over.
                refused = true;
                const body = JSON.stringify({ error: { code: '0x80072322', message: 'Too many requests.' } });
                const headers = { 'Retry-After': '1', 'Content-Type': 'application/json' };
                return new Response(body, { status: 429, headers });
            }
            return fetch(url, init);
        });
        const rows = await listMailboxes(http, PROFILE_IDS.commercial);
        await controller.start(rows.slice(0, 1), 'approveAndTest', true, true);
        expect(refused).toBe(true);
        // The countdown reached the page during the pause, not only once traffic moved again.
        const paused = told.filter((t) => t.state.throttledUntilMs !== undefined);
        expect(paused.length).toBeGreaterThan(0);
        expect(paused[0].at).toBeLessThan(paused[0].state.throttledUntilMs!);
        expect(told[told.length - 1].state.status).toBe('finished');
    });
});
