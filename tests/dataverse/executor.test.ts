/**
 * runBulk against the sandbox: the emulator started in-process with the seeded server-side-sync domain, whose
 * Test & Enable runs asynchronously and writes statuses and alerts. Time runs SCALE times faster on both sides.
 * Every assertion is on what the server received or ended with, or on the ledger the run leaves.
 */
import type { BatchOp, BatchPart } from '../../src/core/batch';
import type { CauseCode } from '../../src/core/credentials/causes';
import { RunLedger, type LedgerSummary } from '../../src/core/run/ledger';
import { planRun } from '../../src/core/run/planner';
import type { MailboxRow, RunMode } from '../../src/core/run/types';
import { testPatchFor } from '../../src/core/test-and-enable';
import { SessionExpiredError } from '../../src/dataverse/errors';
import { runBulk, type ExecutorDeps } from '../../src/dataverse/executor';
import { DataverseHttp, realSleep, type FetchLike } from '../../src/dataverse/http';
import { listMailboxes } from '../../src/dataverse/mailboxes';
import { createRunGateway, type RunGateway } from '../../src/dataverse/run-gateway';
import type { Row } from '../sandbox/emulator/contract';
import { PROFILE_IDS, USER_IDS } from '../sandbox/domain/ids';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { approvalsSent, mailboxOf, parseBody, recordRequests, testsSent, type SentRequest } from './sent-requests';

const SCALE = 200;
const PROFILE = PROFILE_IDS.commercial;

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, timeScale: SCALE, testDelayMs: 20_000, mailboxCount: 40 });
});
afterAll(() => sandbox.close());

type Client = { http: DataverseHttp; sent: SentRequest[]; gateway: RunGateway; fetch: FetchLike };

/**
 * A fresh copy of the seeded scenario, signed in as `userId`, and a client whose requests are recorded; `send`
 * stands between the client and the server, `beforeSend` sees each request as it leaves.
 */
function clientFor(
    userId: string = USER_IDS.approver,
    send?: FetchLike,
    beforeSend?: (request: SentRequest) => void,
): Client {
    sandbox.setScenario({ profileId: PROFILE, userId, fault: 'none' });
    const recorder = recordRequests(send, beforeSend);
    const http = new DataverseHttp(sandbox.url, recorder.fetch);
    return { http, sent: recorder.sent, gateway: createRunGateway(http, PROFILE), fetch: recorder.fetch };
}

/** The same gateway with no room in the request window: every chunk goes as a $batch. */
function batchesOnly(gateway: RunGateway): RunGateway {
    const capacity = {
        get limit() {
            return gateway.capacity.limit;
        },
        get batchSize() {
            return gateway.capacity.batchSize;
        },
        requestsLeft: () => 0,
    };
    return { ...gateway, capacity };
}

/** The mailbox ids a request writes to: the parts of a $batch body, or the one in a lone write's URL. */
function mailboxesWritten(url: string, init: RequestInit): string[] {
    const body = typeof init.body === 'string' ? init.body : '';
    return [...`${url}\n${body}`.matchAll(/mailboxes\(([0-9a-f-]{36})\)/g)].map((match) => match[1]);
}

/** Executor dependencies on a virtual clock that runs at the emulator's pace. */
function depsFor(gateway: RunGateway, extra: Partial<ExecutorDeps> = {}): ExecutorDeps {
    let virtual = Date.now();
    return {
        gateway,
        now: () => virtual,
        sleep: async (ms, signal) => {
            await realSleep(ms / SCALE, signal);
            virtual += ms;
        },
        ...extra,
    };
}

async function planFor(client: Client, mode: RunMode = 'approveAndTest') {
    const rows = await listMailboxes(client.http, PROFILE);
    client.sent.length = 0;
    const plan = planRun(rows, { canApprove: true, requireApproval: true, mode }, new Date(client.http.serverNow()));
    return { rows, plan };
}

const stored = (id: string): Row => sandbox.emulator.store.get('mailboxes', id) as Row;
const sorted = (ids: readonly string[]): string[] => [...ids].map((id) => id.toLowerCase()).sort();
const approvedBefore = (rows: readonly MailboxRow[]): string[] =>
    rows.filter((row) => row.emailrouteraccessapproval === 1).map((row) => row.mailboxid);

/** The newest alert the server wrote about a mailbox since `sinceIso`. */
function latestAlertText(id: string, sinceIso: string): string | undefined {
    const alert = sandbox.emulator.store
        .list('tracelogs')
        .filter((row) => row._regardingobjectid_value === id && String(row.modifiedon) > sinceIso)
        .sort((a, b) => String(b.modifiedon).localeCompare(String(a.modifiedon)))[0];
    // The failure keeps the alert's message and its details (error code line, activity, exception).
    return alert ? [alert.text, alert.errordetails].filter(Boolean).join('\n') : undefined;
}

/** The cause each of the domain's failure outcomes must decode to (issue 14 item 7: by the alert's error code). */
const OUTCOME_CAUSES: Record<string, CauseCode> = {
    badSecret: 'secretInvalid',
    expiredSecret: 'secretExpired',
    missingSecret: 'secretMissing',
    unknownTenant: 'tenantNotFound',
    appNotFound: 'appNotInTenant',
    noConsent: 'ewsTokenNoPermissions',
    aapDenied: 'ewsAccessDenied',
    ewsBlocked: 'ewsForbidden',
    mailboxNotFound: 'ewsNoMailbox',
    notLicensed: 'mailboxNotEnabledForRest',
    ownerDisabled: 'ownerDisabled',
    transient: 'ewsServerBusy',
    notApproved: 'mailboxNotApproved',
};

/** The invariants every run keeps: every selected mailbox is settled, nothing is left in progress. */
function expectSettled(summary: LedgerSummary, selected: number): void {
    expect(summary).toMatchObject({ selected, pending: 0, sent: 0, confirmed: 0, testing: 0, inFlight: 0 });
    expect(summary.succeeded + summary.failed + summary.retrying + summary.skipped).toBe(selected);
}

describe('runBulk', () => {
    it('approves and tests each planned mailbox once and settles each as the server ended it', async () => {
        const client = clientFor();
        const { rows, plan } = await planFor(client);
        const reports: LedgerSummary[] = [];
        const ledger = await runBulk(plan, depsFor(client.gateway, { onProgress: (summary) => reports.push(summary) }));

        expectSettled(ledger.summary(), rows.length);
        expect(reports[reports.length - 1]).toEqual(ledger.summary());
        const planned = plan.items.filter((item) => item.approve).map((item) => item.mailboxId);
        expect(planned.length).toBeGreaterThan(0);
        expect(sorted(approvalsSent(client.sent))).toEqual(sorted(planned));
        const tested = plan.items.filter((item) => item.test).map((item) => item.mailboxId);
        expect(sorted(testsSent(client.sent).map((part) => mailboxOf(part) ?? ''))).toEqual(sorted(tested));
        for (const part of testsSent(client.sent)) {
            expect(parseBody(part)).toEqual(testPatchFor(new Date(plan.createdAt)));
            expect(part.headers['if-match']).toBe('*');
        }
        for (const entry of ledger.all()) {
            const row = stored(entry.mailboxId);
            const outcome = sandbox.domain.outcomeOf(entry.mailboxId, sandbox.emulator.store);
            if (entry.state === 'succeeded')
                expect([entry.mailboxId, row.mailboxstatus, outcome]).toEqual([entry.mailboxId, 1, 'success']);
            if (entry.state !== 'failed') continue;
            expect([entry.mailboxId, row.mailboxstatus]).toEqual([entry.mailboxId, 2]);
            expect(entry.detail).toBe(latestAlertText(entry.mailboxId, plan.createdAt));
            expect([outcome, entry.cause]).toEqual([outcome, OUTCOME_CAUSES[outcome]]);
        }
        expect(ledger.summary().failed).toBeGreaterThan(0);
    });

    it('settles a test Dynamics is retrying after a warning as retrying, not failed', async () => {
        const client = clientFor();
        sandbox.setScenario({ fault: 'transient-test-failures' });
        const { plan } = await planFor(client, 'testOnly');
        const ledger = await runBulk(plan, depsFor(client.gateway));

        expectSettled(ledger.summary(), plan.items.length);
        const store = sandbox.emulator.store;
        const retrying = ledger.all().filter((entry) => entry.state === 'retrying');
        expect(retrying.length).toBeGreaterThan(0);
        for (const entry of retrying) {
            // The server still has the test scheduled after a failed attempt, and its alert is a warning.
            const row = stored(entry.mailboxId);
            expect([entry.mailboxId, row.mailboxstatus, row.testemailconfigurationscheduled]).toEqual([
                entry.mailboxId,
                2,
                true,
            ]);
            expect(['transient', 'transientRecovers']).toContain(sandbox.domain.outcomeOf(entry.mailboxId, store));
            expect(entry.cause).toBe('ewsServerBusy');
        }
        // No failure is one Dynamics is still retrying.
        for (const entry of ledger.all().filter((e) => e.state === 'failed'))
            expect(stored(entry.mailboxId).testemailconfigurationscheduled).not.toBe(true);
    });

    it.each([
        ['alerts-refused-403', 'alertsNoPermission', '0x80040220'],
        ['alerts-refused-400', 'alertsQueryRefused', '0x80060888'],
    ] as const)(
        'finishes the run when reading alerts is refused (%s): failures say the cause is not available',
        async (fault, cause, code) => {
            const client = clientFor();
            sandbox.setScenario({ fault });
            const { rows, plan } = await planFor(client, 'testOnly');
            const ledger = await runBulk(plan, depsFor(client.gateway));

            expectSettled(ledger.summary(), rows.length);
            const failed = ledger.all().filter((entry) => entry.state === 'failed');
            expect(failed.length).toBeGreaterThan(0);
            for (const entry of failed) {
                expect(stored(entry.mailboxId).mailboxstatus).toBe(2);
                expect([entry.mailboxId, entry.cause]).toEqual([entry.mailboxId, cause]);
                // The detail keeps the mailbox's status and the server's refusal, which names what was missing.
                expect(entry.detail).toContain(code);
            }
            const alertReads = client.sent.filter((request) => request.url.includes('/tracelogs'));
            expect(alertReads.length).toBeGreaterThan(0);
        },
    );

    it('never has more requests open than the gate allows at that moment, and sends none inside a Retry-After', async () => {
        const open = { count: 0 };
        const moments: Array<{ open: number; limit: number; insideRetryAfter: boolean }> = [];
        // Until when the client has been told to wait: the latest 429 answer's arrival plus its Retry-After.
        let waitUntil = 0;
        let throttled = 0;
        const gate = { limit: (): number => 0 };
        const client = clientFor(
            USER_IDS.approver,
            async (url, init) => {
                try {
                    const response = await fetch(url, init);
                    if (response.status === 429) {
                        throttled += 1;
                        const seconds = Number(response.headers.get('Retry-After'));
                        waitUntil = Math.max(waitUntil, Date.now() + seconds * 1000);
                    }
                    return response;
                } finally {
                    open.count -= 1;
                }
            },
            () => {
                open.count += 1;
                moments.push({ open: open.count, limit: gate.limit(), insideRetryAfter: Date.now() < waitUntil });
            },
        );
        gate.limit = () => client.http.gate.limit;
        // Two requests at a time, as Dataverse's concurrency limit would say under load: the gate starts at 4, so
        // the server answers 429 (0x80072326, Retry-After 1 s) and the gate must lower its limit during the run.
        sandbox.emulator.setLimits({ maxConcurrent: 2 });
        const { rows, plan } = await planFor(client);
        const ledger = await runBulk(plan, depsFor(client.gateway));

        expectSettled(ledger.summary(), rows.length);
        expect(throttled).toBeGreaterThan(0);
        expect(moments.filter((moment) => moment.open > moment.limit)).toEqual([]);
        // The gate changed its limit during the run, so "at that moment" was tested, not one value.
        expect(new Set(moments.map((moment) => moment.limit)).size).toBeGreaterThan(1);
        // Requests already on the wire when a 429 arrives cannot be recalled; none may leave after it inside its wait.
        expect(moments.filter((moment) => moment.insideRetryAfter)).toEqual([]);
    });

    it('approves one mailbox first and, refused for lack of the admin role, sends nothing else', async () => {
        const client = clientFor(USER_IDS.sysAdminNotApprover);
        const { rows, plan } = await planFor(client);
        const ledger = await runBulk(plan, depsFor(client.gateway));

        expectSettled(ledger.summary(), rows.length);
        const planned = plan.items.filter((item) => item.approve).map((item) => item.mailboxId);
        expect(planned.length).toBeGreaterThan(1);
        // The canary: the first mailbox to approve, alone in its batch; nothing else was written, not even a test.
        const writes = client.sent.filter((request) => request.method !== 'GET');
        expect(writes).toHaveLength(1);
        expect(approvalsSent(client.sent)).toEqual([planned[0]]);
        expect(testsSent(client.sent)).toEqual([]);
        const refused = ledger.failuresByCause().get('approvalRefused') ?? [];
        expect(refused.map((entry) => entry.mailboxId)).toEqual([planned[0]]);
        expect(refused[0].detail).toContain('should be a global administrator');
        // Every other mailbox of the plan is skipped with the reason, not failed and not left in progress.
        const others = ledger
            .all()
            .filter(
                (entry) =>
                    entry.mailboxId !== planned[0] &&
                    !plan.items.find((item) => item.mailboxId === entry.mailboxId)?.skip,
            );
        expect(others.length).toBeGreaterThan(0);
        expect(others.every((entry) => entry.state === 'skipped' && entry.reason === 'approvalRefused')).toBe(true);
        for (const id of planned) expect(stored(id).emailrouteraccessapproval).not.toBe(1);
    });

    it('approves the rest in parallel once the canary approval is applied', async () => {
        const client = clientFor(USER_IDS.approver);
        const { plan } = await planFor(client);
        const ledger = await runBulk(plan, depsFor(client.gateway));

        const planned = plan.items.filter((item) => item.approve).map((item) => item.mailboxId);
        expect(planned.length).toBeGreaterThan(2);
        // The first write is the canary alone; the later ones carry every other approval.
        const writes = client.sent.filter((request) => request.method !== 'GET');
        expect(approvalsSent([writes[0]])).toEqual([planned[0]]);
        expect(approvalsSent(writes.slice(1)).length).toBe(planned.length - 1);
        expect(ledger.summary().skipped).toBe(plan.items.filter((item) => item.skip).length);
        for (const id of planned) expect(stored(id).emailrouteraccessapproval).toBe(1);
    });

    it('records approvals the server accepted but did not apply (the silent no-op) after re-reading them', async () => {
        const client = clientFor(USER_IDS.silentApprover);
        const { rows, plan } = await planFor(client);
        const ledger = await runBulk(plan, depsFor(client.gateway));

        expectSettled(ledger.summary(), rows.length);
        const planned = plan.items.filter((item) => item.approve).map((item) => item.mailboxId);
        expect(planned.length).toBeGreaterThan(0);
        const notApplied = ledger.failuresByCause().get('approvalNotApplied') ?? [];
        expect(sorted(notApplied.map((entry) => entry.mailboxId))).toEqual(sorted(planned));
        expect(sorted(approvalsSent(client.sent))).toEqual(sorted(planned));
    });

    it('re-reads approvals whose answer was lost on the way back and never sends them again', async () => {
        let lost: string[] = [];
        const client = clientFor(USER_IDS.approver, async (url, init) => {
            const response = await fetch(url, init);
            const body = typeof init.body === 'string' ? init.body : '';
            if (lost.length === 0 && body.includes('emailrouteraccessapproval')) {
                lost = mailboxesWritten(url, init);
                await response.text();
                throw new TypeError('fetch failed'); // applied on the server, answer never arrived
            }
            return response;
        });
        const { rows, plan } = await planFor(client);
        const ledger = await runBulk(plan, depsFor(client.gateway));

        expectSettled(ledger.summary(), rows.length);
        expect(lost.length).toBeGreaterThan(0);
        const approvals = approvalsSent(client.sent);
        expect(approvals).toHaveLength(new Set(approvals).size);
        for (const id of lost) {
            expect(stored(id).emailrouteraccessapproval).toBe(1);
            expect(ledger.get(id)?.approvalConfirmed).toBe(true);
        }
    });

    it('sends an approval again, once, when its request never reached the server', async () => {
        let dropped: string[] = [];
        const client = clientFor(USER_IDS.approver, (url, init) => {
            const body = typeof init.body === 'string' ? init.body : '';
            if (dropped.length === 0 && body.includes('emailrouteraccessapproval')) {
                dropped = mailboxesWritten(url, init);
                return Promise.reject(new TypeError('fetch failed'));
            }
            return fetch(url, init);
        });
        const { rows, plan } = await planFor(client);
        const ledger = await runBulk(plan, depsFor(client.gateway));

        expectSettled(ledger.summary(), rows.length);
        expect(dropped.length).toBeGreaterThan(0);
        const approvals = approvalsSent(client.sent);
        for (const id of dropped) {
            expect(approvals.filter((sent) => sent === id)).toHaveLength(2);
            expect(stored(id).emailrouteraccessapproval).toBe(1);
        }
    });

    it('sends a part the server did not process (a per-part 429) again in a later round', async () => {
        const client = clientFor();
        const { rows, plan } = await planFor(client);
        let skipped: string | undefined;
        const gateway: RunGateway = {
            ...batchesOnly(client.gateway),
            batch: async (ops) => {
                if (skipped !== undefined || ops.length < 2) return client.gateway.batch(ops);
                // The first part never ran: answer it 429 as Dataverse does inside a batch, send only the rest.
                skipped = /mailboxes\(([0-9a-f-]{36})\)/.exec(ops[0].path)?.[1];
                const rest = await client.gateway.batch(ops.slice(1));
                return [{ status: 429, headers: { 'retry-after': '1' }, body: undefined }, ...rest];
            },
        };
        const ledger = await runBulk(plan, depsFor(gateway));

        expectSettled(ledger.summary(), rows.length);
        expect(skipped).toBeDefined();
        const sentTo = client.sent.flatMap((request) => request.parts).filter((part) => mailboxOf(part) === skipped);
        expect(sentTo.length).toBeGreaterThan(0);
        expect(ledger.get(skipped as string)?.state).not.toBe('pending');
        expect(['succeeded', 'failed']).toContain(ledger.get(skipped as string)?.state);
    });

    it('re-sends parts a transient SQL error (0x80044150) refused and settles every mailbox on its own merits', async () => {
        const client = clientFor();
        const { rows, plan } = await planFor(client);
        const refused = new Set<string>();
        const note = (op: BatchOp, part: BatchPart): void => {
            if (part.error?.code === '0x80044150') refused.add(/mailboxes\(([0-9a-f-]{36})\)/.exec(op.path)![1]);
        };
        // Writes go as a $batch or one per request (while the request window has room): watch both.
        const gateway: RunGateway = {
            ...client.gateway,
            batch: async (ops) => {
                const parts = await client.gateway.batch(ops);
                parts.forEach((part, i) => note(ops[i], part));
                return parts;
            },
            write: async (op) => {
                const part = await client.gateway.write(op);
                note(op, part);
                return part;
            },
        };
        sandbox.emulator.setFaults({ batchPartSqlErrorRate: 0.3, batchPartSqlError: 'generic' });
        const ledger = await runBulk(plan, depsFor(gateway)).finally(() =>
            sandbox.emulator.setFaults({ batchPartSqlErrorRate: 0 }),
        );

        expectSettled(ledger.summary(), rows.length);
        expect(refused.size).toBeGreaterThan(3);
        // Each refused mailbox was sent again and ended as the server ended it, not as "an error not recognised".
        for (const id of refused) expect([id, ledger.get(id)?.cause]).not.toEqual([id, 'unknown']);
        expect(ledger.all().filter((entry) => entry.cause === 'serverTransient').length).toBeLessThan(refused.size);
        const planned = plan.items.filter((item) => item.approve).map((item) => item.mailboxId);
        for (const id of planned) expect([id, stored(id).emailrouteraccessapproval]).toEqual([id, 1]);
    });

    it('records a part that keeps failing transiently as such after three re-sends, re-reading before each', async () => {
        const client = clientFor();
        const { plan } = await planFor(client);
        const target = plan.items.find((item) => item.approve)!.mailboxId;
        const message = ' Sql error: SQL timeout expired. CRM ErrorCode: -2147204783';
        const timeout: BatchPart = {
            status: 500,
            headers: {},
            body: undefined,
            error: { status: 500, code: '0x80044151', message },
        };
        const gateway: RunGateway = {
            ...client.gateway,
            batch: async (ops) => {
                const parts = await client.gateway.batch(ops.filter((op) => !op.path.includes(target)));
                const index = ops.findIndex((op) => op.path.includes(target));
                if (index < 0) return parts;
                return [...parts.slice(0, index), timeout, ...parts.slice(index)];
            },
            write: async (op) => (op.path.includes(target) ? timeout : client.gateway.write(op)),
        };
        const reads: string[][] = [];
        gateway.readApprovals = (ids) => (reads.push([...ids]), client.gateway.readApprovals(ids));
        const slept: number[] = [];
        const deps = depsFor(gateway);
        const sleep = deps.sleep;
        const ledger = await runBulk(plan, { ...deps, sleep: (ms, signal) => (slept.push(ms), sleep(ms, signal)) });

        expect(ledger.get(target)).toMatchObject({ state: 'failed', cause: 'serverTransient' });
        expect(ledger.get(target)?.detail).toContain('0x80044151');
        // Sent once and re-sent three times, each answer re-read before the next send; backing off 2, 4 and 8 s.
        expect(reads.filter((ids) => ids.includes(target))).toHaveLength(4);
        expect(slept.slice(0, 3)).toEqual([2000, 4000, 8000]);
        expect(stored(target).emailrouteraccessapproval).not.toBe(1);
    });

    it('stops on session expiry and resumes from the stored ledger without approving twice', async () => {
        let expired = false;
        const client = clientFor(USER_IDS.approver, undefined, (request) => {
            if (expired || !request.parts.some((part) => 'testemailconfigurationscheduled' in parseBody(part))) return;
            expired = true;
            sandbox.emulator.setFaults({ sessionExpired: true });
        });
        const { rows, plan } = await planFor(client);
        const ledger = RunLedger.fromPlan(plan);
        await expect(runBulk(ledger, depsFor(client.gateway))).rejects.toBeInstanceOf(SessionExpiredError);
        const saved = ledger.serialise();
        expect(saved).not.toMatch(/secret|token|cookie/i);

        sandbox.emulator.setFaults({ sessionExpired: false });
        // After a reload: a new client, the same server, the run read back from storage.
        const reloaded = createRunGateway(new DataverseHttp(sandbox.url, client.fetch), PROFILE);
        const resumed = await runBulk(RunLedger.deserialise(saved), depsFor(reloaded));
        expectSettled(resumed.summary(), rows.length);
        expect(resumed.summary().succeeded).toBeGreaterThan(0);
        // Approvals refused with 401 were never processed and went again; none reached the server twice.
        const processed = approvalsSent(client.sent.filter((request) => request.status !== 401));
        expect(processed).toHaveLength(new Set(processed).size);
        expect(client.sent.some((request) => request.status === 401)).toBe(true);
        for (const id of plan.items.filter((item) => item.approve).map((item) => item.mailboxId))
            expect(stored(id).emailrouteraccessapproval).toBe(1);
    });

    it('cancels: unsent work is skipped as cancelled, what was in flight is accounted', async () => {
        const controller = new AbortController();
        const client = clientFor(USER_IDS.approver, undefined, (request) => {
            if (request.parts.length > 0) controller.abort();
        });
        const { rows, plan } = await planFor(client);
        const ledger = await runBulk(plan, depsFor(client.gateway, { signal: controller.signal }));

        expectSettled(ledger.summary(), rows.length);
        const skipped = ledger.all().filter((entry) => entry.state === 'skipped' && entry.reason === 'cancelled');
        expect(skipped.length).toBeGreaterThan(0);
        // A cancelled mailbox either had nothing sent, or was on the wire at the cancel and says what happened to it.
        const touched = new Set([
            ...approvalsSent(client.sent),
            ...testsSent(client.sent).map((part) => mailboxOf(part) ?? ''),
        ]);
        const untouched = skipped.filter((entry) => !touched.has(entry.mailboxId.toLowerCase()));
        expect(untouched.length).toBeGreaterThan(0);
        expect(untouched.filter((entry) => entry.detail !== undefined)).toEqual([]);
        for (const entry of skipped.filter((candidate) => touched.has(candidate.mailboxId.toLowerCase())))
            expect(['approved', 'Test & Enable was queued; the result was not watched.']).toContain(entry.detail);
    });

    it('times out the tests whose results never come, after polling with back-off', async () => {
        const client = clientFor();
        const { rows, plan } = await planFor(client);
        let polls = 0;
        const gateway: RunGateway = {
            ...client.gateway,
            readTestResults: () => {
                polls += 1;
                return Promise.resolve([]); // the server has not finished any test yet
            },
        };
        const ledger = await runBulk(
            plan,
            depsFor(gateway, { pollScheduleMs: [15_000, 60_000], pollTimeoutMs: 600_000 }),
        );

        expectSettled(ledger.summary(), rows.length);
        const tested = plan.items.filter((item) => item.test).length;
        expect(ledger.failuresByCause().get('testTimedOut')?.length).toBe(tested);
        expect(polls).toBeGreaterThan(2);
        expect(polls).toBeLessThan(15);
    });

    it('tests only the already-approved mailboxes in test-only mode and approves none', async () => {
        const client = clientFor();
        const { rows, plan } = await planFor(client, 'testOnly');
        const ledger = await runBulk(plan, depsFor(client.gateway));

        expectSettled(ledger.summary(), rows.length);
        expect(approvalsSent(client.sent)).toEqual([]);
        const tested = testsSent(client.sent).map((part) => mailboxOf(part) ?? '');
        expect(tested.length).toBeGreaterThan(0);
        const eligible = new Set(plan.items.filter((item) => item.test).map((item) => item.mailboxId.toLowerCase()));
        expect(sorted(tested)).toEqual(sorted([...eligible]));
        for (const id of tested) expect(approvedBefore(rows).map((approved) => approved.toLowerCase())).toContain(id);
    });
});
