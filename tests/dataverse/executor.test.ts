import { RunLedger } from '../../src/core/run/ledger';
import { planRun } from '../../src/core/run/planner';
import { SessionExpiredError } from '../../src/dataverse/errors';
import { DataverseHttp } from '../../src/dataverse/http';
import { runBulk, type ExecutorDeps } from '../../src/dataverse/executor';
import { listMailboxes } from '../../src/dataverse/mailboxes';
import { createRunGateway } from '../../src/dataverse/run-gateway';
import {
    FakeDataverse,
    PROFILE_ID,
    VirtualClock,
    batchResponse,
    mailboxId,
    parseBatchRequest,
    seed,
} from './fake-server';

const NOW = new Date('2026-11-23T12:00:00.000Z');
let clock: VirtualClock;
let fake: FakeDataverse;
let http: DataverseHttp;

beforeEach(async () => {
    clock = new VirtualClock();
    fake = new FakeDataverse(clock);
    http = new DataverseHttp(await fake.start(), (u, i) => fetch(u, i), { now: clock.now, sleep: clock.sleep });
});
afterEach(() => fake.stop());

function deps(extra: Partial<ExecutorDeps> = {}): ExecutorDeps {
    return { gateway: createRunGateway(http, PROFILE_ID), now: clock.now, sleep: clock.sleep, ...extra };
}

async function plan(): Promise<ReturnType<typeof planRun>> {
    const rows = await listMailboxes(http, PROFILE_ID);
    fake.seen.length = 0;
    return planRun(rows, { canApprove: true, requireApproval: true, mode: 'approveAndTest' }, NOW);
}

/** The invariants every run must keep, faults or not. */
function expectSettled(ledger: RunLedger, selected: number): void {
    const s = ledger.summary();
    expect(s.succeeded + s.failed + s.skipped).toBe(selected);
    expect(s.selected).toBe(selected);
    expect([s.pending, s.sent, s.confirmed, s.testing, s.inFlight]).toEqual([0, 0, 0, 0, 0]);
    expect(fake.doubleApprovals).toEqual([]);
}

const isBatch = (s: { url: string }): boolean => s.url.endsWith('/$batch');
const subRequests = (): ReturnType<typeof parseBatchRequest> =>
    fake.seen.filter(isBatch).flatMap((s) => parseBatchRequest(String(s.headers['content-type']), s.body));

describe('runBulk', () => {
    it('approves, confirms, tests and reports success for every mailbox', async () => {
        seed(fake, 30);
        fake.delayMs = 5;
        const progress: number[] = [];
        const ledger = await runBulk(await plan(), deps({ onProgress: (s) => progress.push(s.succeeded) }));
        expectSettled(ledger, 30);
        expect(ledger.summary().succeeded).toBe(30);
        const subs = subRequests();
        expect(subs.filter((s) => s.body.includes('emailrouteraccessapproval'))).toHaveLength(30);
        const tests = subs.filter((s) => s.body.includes('testemailconfigurationscheduled'));
        expect(tests).toHaveLength(30);
        expect(JSON.parse(tests[0].body)).toEqual({
            testemailconfigurationscheduled: true,
            postponetestemailconfigurationuntil: NOW.toISOString(),
        });
        expect(tests.every((s) => s.headers['if-match'] === '*')).toBe(true);
        expect(progress[progress.length - 1]).toBe(30);
        // 50 workers, but the gate starts at 4 and grows by one per round of successes.
        expect(fake.peakConcurrent).toBeGreaterThan(1);
        expect(fake.peakConcurrent).toBeLessThanOrEqual(http.gate.limit);
    });

    it('accounts refusals, silent no-ops, failed tests, throttling and a dropped connection', async () => {
        const ids = seed(fake, 40);
        fake.refuse.add(ids[1]);
        fake.silentNoop.add(ids[2]);
        fake.failTest.add(ids[3]);
        fake.mailboxes.get(ids[4])!.emailrouteraccessapproval = 1;
        const p = await plan();
        fake.throttleNext(10, 1, isBatch);
        let dropped = false;
        fake.faults.push((s) =>
            isBatch(s) && s.body.includes(ids[39]) && !dropped ? ((dropped = true), 'drop') : undefined,
        );
        const ledger = await runBulk(p, deps());
        expectSettled(ledger, 40);
        expect(fake.insideWindow).toEqual([]);
        const causes = Object.fromEntries(
            [...ledger.failuresByCause()].map(([c, e]) => [c, e.map((x) => x.mailboxId)]),
        );
        expect(causes.approvalRefused).toEqual([ids[1]]);
        expect(causes.approvalNotApplied).toEqual([ids[2]]);
        expect(causes.unknown).toEqual([ids[3]]);
        expect(ledger.get(ids[3])?.detail).toBe(`Mailbox ${ids[3]} could not connect`);
        expect(dropped).toBe(true);
        expect(fake.seen.filter(isBatch).length).toBeGreaterThan(2);
        // The dropped batch was re-read, found unapplied and sent again.
        expect(ledger.get(ids[39])?.state).toBe('succeeded');
        expect(Object.keys(causes).sort()).toEqual(['approvalNotApplied', 'approvalRefused', 'unknown']);
        expect(ledger.get(ids[4])?.state).toBe('succeeded');
        expect(
            subRequests().filter((s) => s.url.includes(ids[4]) && s.body.includes('emailrouteraccessapproval')),
        ).toEqual([]);
    });

    it('resends parts answered 429 inside a batch in a later round', async () => {
        const ids = seed(fake, 3);
        let once = true;
        fake.faults.push((s) => {
            if (!isBatch(s) || !once) return undefined;
            once = false;
            const subs = parseBatchRequest(String(s.headers['content-type']), s.body);
            return batchResponse(
                subs.map((sub) =>
                    sub.url.includes(ids[0]) ? { status: 429, headers: { 'Retry-After': '3' } } : fake.applyPatch(sub),
                ),
            );
        });
        const ledger = await runBulk(await plan(), deps());
        expectSettled(ledger, 3);
        expect(ledger.summary().succeeded).toBe(3);
        expect(fake.insideWindow).toEqual([]);
    });

    it('stops on session expiry and resumes from the serialised ledger', async () => {
        seed(fake, 12);
        const p = await plan();
        let expired = false;
        fake.faults.push((s) =>
            isBatch(s) && s.body.includes('testemailconfigurationscheduled') && !expired
                ? ((expired = true), { status: 401 })
                : undefined,
        );
        const ledger = RunLedger.fromPlan(p);
        await expect(runBulk(ledger, deps())).rejects.toBeInstanceOf(SessionExpiredError);
        const saved = ledger.serialise();
        expect(saved).not.toMatch(/secret|token|cookie/i);
        const resumed = await runBulk(RunLedger.deserialise(saved), deps());
        expectSettled(resumed, 12);
        expect(resumed.summary().succeeded).toBe(12);
    });

    it('cancels: unsent work is skipped, in-flight work is accounted, nothing stays in progress', async () => {
        seed(fake, 100);
        const controller = new AbortController();
        fake.faults.push((s) => {
            if (isBatch(s)) controller.abort();
            return undefined;
        });
        const ledger = await runBulk(await plan(), deps({ signal: controller.signal }));
        expectSettled(ledger, 100);
        const s = ledger.summary();
        expect(s.skipped).toBeGreaterThan(0);
        expect(
            ledger
                .all()
                .filter((e) => e.state === 'skipped')
                .every((e) => e.reason === 'cancelled'),
        ).toBe(true);
    });

    it('times out mailboxes whose test never reports', async () => {
        seed(fake, 2);
        fake.faults.push((s) =>
            s.url.includes('testmailboxaccesscompletedon%20gt')
                ? { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"value":[]}' }
                : undefined,
        );
        const ledger = await runBulk(await plan(), deps({ pollScheduleMs: [15_000, 60_000], pollTimeoutMs: 600_000 }));
        expectSettled(ledger, 2);
        expect([...ledger.failuresByCause().keys()]).toEqual(['testTimedOut']);
        const polls = fake.seen.filter((x) => x.url.includes('testmailboxaccesscompletedon%20gt'));
        expect(polls.length).toBeGreaterThan(2);
        expect(polls.length).toBeLessThan(15);
    });

    it('tests only already-approved mailboxes in test-only mode', async () => {
        const ids = seed(fake, 3);
        fake.mailboxes.get(ids[0])!.emailrouteraccessapproval = 1;
        const rows = await listMailboxes(http, PROFILE_ID);
        const p = planRun(rows, { canApprove: true, requireApproval: true, mode: 'testOnly' }, NOW);
        const ledger = await runBulk(p, deps());
        expectSettled(ledger, 3);
        expect(ledger.summary()).toMatchObject({ succeeded: 1, skipped: 2 });
        expect(mailboxId(1)).toBe(ids[0]);
    });
});
