import 'fake-indexeddb/auto';
import { RunLedger } from '../../src/core/run/ledger';
import { planRun } from '../../src/core/run/planner';
import { DataverseHttp, realSleep } from '../../src/dataverse/http';
import { listMailboxes } from '../../src/dataverse/mailboxes';
import { RUN_NOTE_SUBJECT } from '../../src/dataverse/notes';
import { openLedgerStore } from '../../src/pcf/ledger-store';
import { createMailboxActions } from '../../src/pcf/mailbox-actions';
import type { LoadProgress, RunStateView } from '../../src/ui/actions';
import type { StringKey } from '../../src/ui/strings';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { startSandbox, type Sandbox } from '../sandbox/server';

// The Mailboxes actions against the seeded sandbox, time scaled so Test & Enable completes in moments.
const SCALE = 200;
const TEMPLATES: Partial<Record<StringKey, string>> = {
    RunNote_Header: '{0} ran "{1}" on {2} mailboxes. Started {3}, finished {4}.',
    RunNote_Header_One: '{0} ran "{1}" on {2} mailbox. Started {3}, finished {4}.',
    RunNote_Counts: 'Result: {0} enabled, {1} failed, {2} skipped.',
    RunNote_Failures: 'Failures by cause: {0}',
    Run_CauseCount: '{0} {1}',
    Mailboxes_Command_ApproveAndTest: 'Approve & test',
};
const getString = (key: StringKey) => TEMPLATES[key] ?? `[[${key}]]`;

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, timeScale: SCALE, testDelayMs: 20_000, mailboxCount: 30 });
});
afterAll(() => sandbox.close());

function actionsFor() {
    const http = new DataverseHttp(sandbox.url, (u, i) => fetch(u, i));
    let virtual = Date.now();
    // The run's ledger in an in-memory IndexedDB: approvals leave only once it is stored.
    const browser = {
        ledgerStore: openLedgerStore,
        copyText: async () => undefined,
        openUrl: () => undefined,
        download: () => undefined,
    };
    return createMailboxActions(
        http,
        PROFILE_IDS.commercial,
        { userId: 'user-1', userName: 'Dana Admin', getString, locale: 'en-US' },
        browser,
        {
            now: () => virtual,
            sleep: async (ms, signal) => {
                await realSleep(ms / SCALE, signal);
                virtual += ms;
            },
        },
    );
}

async function notes(): Promise<Record<string, unknown>[]> {
    const res = await fetch(new URL('/_emulator/state/annotations', sandbox.url));
    const body = (await res.json()) as Record<string, unknown>[] | { value: Record<string, unknown>[] };
    return (Array.isArray(body) ? body : body.value).filter((n) => n.subject === RUN_NOTE_SUBJECT);
}

describe('Mailboxes actions: the run note', () => {
    it('refuses to record a note before any run finished and writes nothing', async () => {
        const actions = actionsFor();
        await expect(actions.addRunNote()).rejects.toThrow('No finished run to record');
        expect(await notes()).toEqual([]);
    });

    it('records who ran what on the profile, with the counts of the finished run', async () => {
        const actions = actionsFor();
        const views = await actions.load(() => undefined, new AbortController().signal);
        const finished = new Promise<RunStateView>((resolve) => {
            actions.subscribe((s) => s.status === 'finished' && resolve(s));
        });
        actions.start({ ids: views.map((v) => v.id), mode: 'approveAndTest', canApprove: true });
        const run = await finished;
        await actions.addRunNote();
        const added = await notes();
        expect(added).toHaveLength(1);
        expect(added[0]._objectid_value).toBe(PROFILE_IDS.commercial);
        const text = String(added[0].notetext);
        const s = run.summary!;
        expect(text).toContain(`Dana Admin ran "Approve & test" on ${views.length} mailboxes.`);
        expect(text).toContain(`Result: ${s.succeeded} enabled, ${s.failed} failed, ${s.skipped} skipped.`);
        if (s.failed > 0) expect(text).toContain('Failures by cause: ');
        expect(s.succeeded + s.failed + s.skipped).toBe(views.length);
    });

    it('speaks of a run on one mailbox in the singular', async () => {
        const actions = actionsFor();
        const [first] = await actions.load(() => undefined, new AbortController().signal);
        const finished = new Promise<RunStateView>((resolve) => {
            actions.subscribe((s) => s.status === 'finished' && resolve(s));
        });
        actions.start({ ids: [first.id], mode: 'approveAndTest', canApprove: true });
        await finished;
        const before = (await notes()).length;
        await actions.addRunNote();
        const added = (await notes()).slice(before);
        expect(added).toHaveLength(1);
        expect(String(added[0].notetext)).toContain('Dana Admin ran "Approve & test" on 1 mailbox.');
    });
});

describe('Mailboxes actions: loading the list', () => {
    it('reports each page of rows, then once that every row is in and the alerts are read', async () => {
        const heard: LoadProgress[] = [];
        const views = await actionsFor().load((progress) => heard.push(progress), new AbortController().signal);
        const stages = heard.map((p) => p.stage);
        expect(stages.at(-1)).toBe('alerts');
        expect(stages.indexOf('alerts')).toBe(stages.length - 1);
        expect(heard.at(-1)?.loaded).toBe(views.length);
        const pages = heard.flatMap((p) => (p.stage === 'rows' ? [p.rowsSoFar] : []));
        expect(pages.at(-1)?.map((v) => v.id)).toEqual(views.map((v) => v.id));
    });
});

describe("Mailboxes actions: the organisation's approval switches", () => {
    afterAll(() => sandbox.setScenario({ requireApproval: { users: true, queues: true } }));

    it('reads the switches, tests unapproved mailboxes of a kind that needs no approval, and asks for none', async () => {
        sandbox.setScenario({ requireApproval: { users: false, queues: true } });
        const actions = actionsFor();
        const views = await actions.load(() => undefined, new AbortController().signal);
        const unapproved = views.filter((v) => v.approval !== 1);
        const users = unapproved.filter((v) => v.ownerType === 'user');
        const queues = unapproved.filter((v) => v.ownerType === 'queue');
        expect(users.length).toBeGreaterThan(0);
        expect(users.every((v) => v.approvalRequired === false)).toBe(true);
        expect(queues.every((v) => v.approvalRequired === true)).toBe(true);

        // "Test only" over the unapproved user mailboxes: every one is tested, none skipped as "not approved".
        const ids = users.map((v) => v.id);
        expect(actions.preview({ ids, mode: 'testOnly', canApprove: false })).toMatchObject({ approve: 0, skip: 0 });
        const finished = new Promise<RunStateView>((resolve) => {
            actions.subscribe((s) => s.status === 'finished' && resolve(s));
        });
        actions.start({ ids, mode: 'testOnly', canApprove: false });
        const run = await finished;
        expect(run.summary).toMatchObject({ selected: ids.length, skipped: 0 });
        expect(run.failures.map((f) => f.cause)).not.toContain('mailboxNotApproved');
    });
});

describe('Mailboxes actions: a run a reload left unfinished', () => {
    it('tells its counts and forgets it on Discard, without a request to Dataverse', async () => {
        // As a reload leaves it: planned and stored, nothing of it settled but the mailboxes the plan skips.
        const http = new DataverseHttp(sandbox.url, (u, i) => fetch(u, i));
        const rows = await listMailboxes(http, PROFILE_IDS.commercial);
        const plan = planRun(rows, { canApprove: true, requireApproval: true, mode: 'approveAndTest' }, new Date());
        await openLedgerStore(PROFILE_IDS.commercial)!.save(RunLedger.fromPlan(plan));
        const sent = sandbox.emulator.requestLog().length;

        const actions = actionsFor();
        const stored = await actions.readStoredRun();
        expect(stored).toMatchObject({ selected: rows.length, succeeded: 0, settled: false });
        await actions.discardStoredRun();
        await expect(actions.readStoredRun()).resolves.toBeUndefined();
        await expect(openLedgerStore(PROFILE_IDS.commercial)!.load()).resolves.toBeUndefined();
        expect(sandbox.emulator.requestLog().length).toBe(sent);
    });

    it('is replaced by a new run started instead of it, as the confirmation says', async () => {
        const http = new DataverseHttp(sandbox.url, (u, i) => fetch(u, i));
        const rows = await listMailboxes(http, PROFILE_IDS.commercial);
        const plan = planRun(rows, { canApprove: true, requireApproval: true, mode: 'approveAndTest' }, new Date());
        const store = openLedgerStore(PROFILE_IDS.commercial)!;
        await store.save(RunLedger.fromPlan(plan));

        const actions = actionsFor();
        await expect(actions.readStoredRun()).resolves.toMatchObject({ selected: rows.length });
        const [first] = await actions.load(() => undefined, new AbortController().signal);
        // The new run pauses (signed out), so it stays stored: what the store holds then is the new run alone.
        sandbox.emulator.setFaults({ sessionExpired: true });
        const paused = new Promise<void>((resolve) => actions.subscribe((s) => s.status === 'paused' && resolve()));
        actions.start({ ids: [first.id], mode: 'testOnly', canApprove: false });
        await paused;
        sandbox.emulator.setFaults({ sessionExpired: false });
        const kept = await store.load();
        expect(kept?.all().map((entry) => entry.mailboxId)).toEqual([first.id]);
        await expect(actions.readStoredRun()).resolves.toMatchObject({ selected: 1 });
        await store.clear();
    });
});
