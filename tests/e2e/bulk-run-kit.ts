/**
 * Helpers for the bulk approve + Test & Enable browser tests (issue 6): drive the Mailboxes area like an admin,
 * read the run's numbers off the page, and look at the other side — the emulator's store, its request log, the
 * $batch parts the page sent and the approvals the emulated Dataverse applied.
 */
import Papa from 'papaparse';
import type { Locator, Page, Request } from 'playwright-core';
import type { Row, WriteContext } from '../sandbox/emulator/contract';
import type { Sandbox } from '../sandbox/server';
import { USER_IDS } from '../sandbox/domain/ids';
import { applyScenario, type E2E } from './harness';

/** en-US grouping: the sandbox's English user's number format (context.formatting.formatInteger). */
export const fmt = (n: number): string => n.toLocaleString('en-US');

/** The control's root on the form. */
export const controlOf = (page: Page): Locator => page.locator('#control-root');

/** Rows of an entity set from the inspection API (store state, secrets masked). */
export async function emulatorRows(sandbox: Sandbox, entitySet: string): Promise<Row[]> {
    const res = await fetch(new URL(`/_emulator/state/${entitySet}`, sandbox.url));
    if (res.status !== 200) throw new Error(`state/${entitySet} answered ${res.status}`);
    return ((await res.json()) as { value: Row[] }).value;
}

/** The mailboxes of one profile as the emulator holds them. */
export async function profileMailboxes(sandbox: Sandbox, profileId: string): Promise<Row[]> {
    return (await emulatorRows(sandbox, 'mailboxes')).filter((m) => m._emailserverprofile_value === profileId);
}

/** Active mailboxes with a direction on server-side sync: what a run tests (the planner skips the rest). */
export function onServerSideSync(m: Row): boolean {
    return (
        m.statecode === 0 &&
        (m.incomingemaildeliverymethod === 2 || m.outgoingemaildeliverymethod === 2 || m.actdeliverymethod === 1)
    );
}

/** Sorted lower-case ids of mailbox rows (to compare with what the page sent). */
export function idsOf(rows: Row[]): string[] {
    return rows.map((m) => String(m.mailboxid).toLowerCase()).sort();
}

/** Change faults / limits at run time through the inspection API (no page reload, the run keeps going). */
export async function setEmulatorConfig(sandbox: Sandbox, config: Record<string, unknown>): Promise<void> {
    const res = await fetch(new URL('/_emulator/config', sandbox.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(config),
    });
    if (res.status !== 200) throw new Error(`config answered ${res.status}: ${await res.text()}`);
}

/** Emulated time as the ISO string Dataverse writes (seconds precision). */
export function emulatedIso(sandbox: Sandbox): string {
    return `${new Date(sandbox.emulator.now()).toISOString().slice(0, 19)}Z`;
}

// ---------------------------------------------------------------------------------------------------------------
// What the page sent: the parts of every $batch and every write sent on its own (a "batch" of one), with the
// answers they got.

/** One mailbox PATCH the page sent: a part of a $batch, or a request of its own. */
export type SentPart = {
    mailboxId: string;
    approve: boolean;
    test: boolean;
    /** The part's If-Match header ('' when none). */
    ifMatch: string;
    /** Sequence number of the request that carried it (in sending order). */
    batch: number;
};

const WRITE_URL = /\/mailboxes\(([0-9a-f-]{36})\)$/i;

/** A mailbox PATCH sent on its own request, as the one part of its "batch". */
export function parseWriteRequest(url: string, body: string, ifMatch: string, seq: number): SentPart[] {
    const match = WRITE_URL.exec(url);
    if (!match) return [];
    return [
        {
            mailboxId: match[1].toLowerCase(),
            ifMatch,
            approve: /"emailrouteraccessapproval"\s*:\s*1\b/.test(body),
            test: /"testemailconfigurationscheduled"\s*:\s*true/.test(body),
            batch: seq,
        },
    ];
}

/** True when the server took the request carrying writes: 200 for a $batch, 204 (any 2xx) for a write sent alone. */
export function wasAccepted(record: { status?: number }): boolean {
    return record.status !== undefined && record.status >= 200 && record.status < 300;
}

/** One request carrying writes: a $batch, or a write alone (`lone`, whose one part has the request's status). */
type BatchRecord = { seq: number; parts: SentPart[]; lone: boolean; status?: number; partStatuses?: number[] };

const PART_LINE = /^PATCH \S*\/mailboxes\(([0-9a-f-]{36})\) HTTP\/1\.1$/i;

/** Split a multipart $batch request body into its mailbox PATCH parts. */
export function parseBatchRequest(body: string, seq: number): SentPart[] {
    const parts: SentPart[] = [];
    const lines = body.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        const match = PART_LINE.exec(lines[i]);
        if (!match) continue;
        // Headers follow until a blank line, then the JSON body on one line.
        let j = i + 1;
        let ifMatch = '';
        for (; j < lines.length && lines[j] !== ''; j++) {
            const header = /^If-Match:\s*(.*)$/i.exec(lines[j]);
            if (header) ifMatch = header[1].trim();
        }
        const json = lines[j + 1] ?? '';
        parts.push({
            mailboxId: match[1].toLowerCase(),
            ifMatch,
            approve: /"emailrouteraccessapproval"\s*:\s*1\b/.test(json),
            test: /"testemailconfigurationscheduled"\s*:\s*true/.test(json),
            batch: seq,
        });
    }
    return parts;
}

/** Status codes of the parts of a $batch response, in order. */
export function parseBatchResponseStatuses(body: string): number[] {
    return [...body.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));
}

/** Path prefix of every Dataverse Web API request. */
export const WEB_API_PATH = '/api/data/v9.2/';

/** One Web API request the page sent, with its answer; times are the browser's wall clock (ms). */
export type Exchange = {
    method: string;
    url: string;
    sentAt: number;
    /** 0 = no answer (dropped connection or aborted by a reload). */
    status?: number;
};

/** Records every Web API request the page sends (and, for $batch and lone writes, its parts and their answers). */
export class BatchRecorder {
    private readonly records = new Map<Request, BatchRecord>();
    private readonly exchanges = new Map<Request, Exchange>();
    private seq = 0;
    private readonly pending = new Set<Promise<void>>();

    constructor(page: Page) {
        page.on('request', (req) => {
            if (!req.url().includes(WEB_API_PATH)) return;
            this.exchanges.set(req, { method: req.method(), url: req.url(), sentAt: Date.now() });
            const body = req.postData() ?? '';
            const isBatch = req.method() === 'POST' && req.url().includes('/$batch');
            const parts = isBatch
                ? parseBatchRequest(body, this.seq)
                : req.method() === 'PATCH'
                  ? parseWriteRequest(req.url(), body, req.headers()['if-match'] ?? '', this.seq)
                  : [];
            if (parts.length === 0 && !isBatch) return;
            this.records.set(req, { seq: this.seq, parts, lone: !isBatch });
            this.seq += 1;
        });
        page.on('requestfinished', (req) => this.track(req, true));
        page.on('requestfailed', (req) => this.track(req, false));
    }

    private track(req: Request, finished: boolean): void {
        const exchange = this.exchanges.get(req);
        if (!exchange) return;
        const done = (async () => {
            const timing = req.timing();
            // startTime is the request's wall-clock start, when the browser knows it.
            if (timing.startTime > 0) exchange.sentAt = timing.startTime;
            const res = finished ? await req.response() : null;
            exchange.status = res?.status() ?? 0;
            const record = this.records.get(req);
            if (!record) return;
            record.status = exchange.status;
            if (record.lone) {
                record.partStatuses = exchange.status ? [exchange.status] : [];
                return;
            }
            const text = res ? await res.text().catch(() => '') : '';
            record.partStatuses = text ? parseBatchResponseStatuses(text) : [];
        })().catch(() => undefined);
        this.pending.add(done);
        void done.finally(() => this.pending.delete(done));
    }

    /** Forget everything recorded so far. */
    clear(): void {
        this.records.clear();
        this.exchanges.clear();
    }

    /** Wait (at most `timeoutMs`) until the answers of finished requests have been read. */
    async settle(timeoutMs = 5_000): Promise<void> {
        let timer: NodeJS.Timeout | undefined;
        const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
        await Promise.race([Promise.all([...this.pending]), limit]);
        clearTimeout(timer);
    }

    /** Every Web API request, in sending order. */
    all(): Exchange[] {
        return [...this.exchanges.values()].sort((a, b) => a.sentAt - b.sentAt);
    }

    /** Every batch in sending order. */
    batches(): BatchRecord[] {
        return [...this.records.values()].sort((a, b) => a.seq - b.seq);
    }

    /** Every PATCH part sent, in order. */
    parts(): SentPart[] {
        return this.batches().flatMap((b) => b.parts);
    }

    /** Ids (lower case) of the mailboxes whose approval / test was sent, with how often. */
    counts(kind: 'approve' | 'test'): Map<string, number> {
        const counts = new Map<string, number>();
        for (const p of this.parts()) if (p[kind]) counts.set(p.mailboxId, (counts.get(p.mailboxId) ?? 0) + 1);
        return counts;
    }

    /** Part statuses (>= 400) answered inside batches or to lone writes, with how often. */
    failedPartStatuses(): number[] {
        return this.batches().flatMap((b) => (b.partStatuses ?? []).filter((s) => s >= 400));
    }
}

// ---------------------------------------------------------------------------------------------------------------
// What the emulated Dataverse applied.

/**
 * Count the approvals the emulated Dataverse actually applied, per mailbox (lower-case id). The domain's afterWrite
 * runs only for writes that were applied (not refused, not silently ignored), so this is the server's own truth,
 * including writes whose answer never reached the page. Call again after every scenario change (new domain).
 */
export function watchAppliedApprovals(sandbox: Sandbox): Map<string, number> {
    const applied = new Map<string, number>();
    const domain = sandbox.domain;
    const original = domain.afterWrite.bind(domain);
    domain.afterWrite = (ctx: WriteContext, store) => {
        if (ctx.table.entitySet === 'mailboxes' && ctx.patch.emailrouteraccessapproval === 1) {
            const id = ctx.id.toLowerCase();
            applied.set(id, (applied.get(id) ?? 0) + 1);
        }
        original(ctx, store);
    };
    return applied;
}

/** Mailboxes counted more than once. */
export function twice(counts: Map<string, number>): string[] {
    return [...counts].filter(([, n]) => n > 1).map(([id]) => id);
}

// ---------------------------------------------------------------------------------------------------------------
// The page.

/** The run's final numbers as the summary line shows them (retrying: tests Dynamics makes again by itself). */
export type RunSummaryText = {
    enabled: number;
    failed: number;
    retrying: number;
    skipped: number;
    causes: string;
    line: string;
};

const num = (s: string | undefined): number => Number((s ?? '').replace(/[^\d]/g, ''));

/** Parse "12 enabled · 3 failed (2 × …, 1 × …) · 2 retrying — Dynamics tries again · 5 skipped (4 …, 1 …)". */
export function parseSummaryLine(line: string): RunSummaryText {
    const m =
        /^([\d,]+) enabled · ([\d,]+) failed(?: \((.*)\))?(?: · ([\d,]+) retrying — Dynamics tries again)? · ([\d,]+) skipped(?: \(.*\))?$/.exec(
            line.trim(),
        );
    if (!m) throw new Error(`not a run summary: ${line}`);
    const [enabled, failed, retrying, skipped] = [m[1], m[2], m[4], m[5]].map(num);
    return { enabled, failed, retrying, skipped, causes: m[3] ?? '', line: line.trim() };
}

/** Numbers the progress area showed at one moment. */
export type ProgressSample = {
    done: number;
    selected: number;
    succeeded: number;
    failed: number;
    skipped: number;
    waiting: number;
};

/**
 * Watch the control's live text from inside the page (MutationObserver): every distinct run progress reading and
 * whether given phrases ever appeared (e.g. the throttling countdown, which may last a second).
 */
export async function watchPage(page: Page, phrases: string[]): Promise<void> {
    await page.evaluate((wanted) => {
        const w = window as unknown as { __runWatch?: { seen: string[]; progress: string[]; stop: () => void } };
        w.__runWatch?.stop();
        const state = { seen: [] as string[], progress: [] as string[], stop: () => undefined as void };
        const root = document.getElementById('control-root') ?? document.body;
        const check = (): void => {
            const text = root.textContent ?? '';
            for (const p of wanted) if (!state.seen.includes(p) && text.includes(p)) state.seen.push(p);
            const done = /([\d,]+) of ([\d,]+) done/.exec(text);
            const counts =
                /([\d,]+) succeeded · ([\d,]+) failed · ([\d,]+) skipped · ([\d,]+) waiting on the server/.exec(text);
            if (done && counts) {
                const sample = `${done[1]}|${done[2]}|${counts[1]}|${counts[2]}|${counts[3]}|${counts[4]}`;
                if (state.progress[state.progress.length - 1] !== sample) state.progress.push(sample);
            }
        };
        const observer = new MutationObserver(check);
        observer.observe(root, { subtree: true, childList: true, characterData: true });
        state.stop = () => observer.disconnect();
        w.__runWatch = state;
        check();
    }, phrases);
}

/** What watchPage saw. */
export async function watched(page: Page): Promise<{ seen: string[]; progress: ProgressSample[] }> {
    const raw = await page.evaluate(() => {
        const w = window as unknown as { __runWatch?: { seen: string[]; progress: string[] } };
        return { seen: w.__runWatch?.seen ?? [], progress: w.__runWatch?.progress ?? [] };
    });
    const progress = raw.progress.map((s) => {
        const [done, selected, succeeded, failed, skipped, waiting] = s.split('|').map(num);
        return { done, selected, succeeded, failed, skipped, waiting };
    });
    return { seen: raw.seen, progress };
}

/** Open the Mailboxes tab and wait until all `total` rows are loaded and the commands are usable. */
export async function openMailboxes(page: Page, total: number): Promise<void> {
    const control = controlOf(page);
    await control.getByRole('tab', { name: 'Mailboxes' }).click();
    await control.getByText(`${fmt(total)} mailboxes · `).waitFor({ timeout: 90_000 });
    await control
        .getByText(/^Loading( [\d,]+ of [\d,]+|… [\d,]+ so far| the latest alerts…)$/)
        .waitFor({ state: 'detached', timeout: 90_000 });
}

/** Select every shown mailbox, pick the command, and return the confirmation's question; Start if asked. */
export async function askForRun(page: Page, command: 'Approve & test' | 'Test only', total: number): Promise<string> {
    const control = controlOf(page);
    await control.getByRole('button', { name: `Select all ${fmt(total)} shown` }).click();
    await control.getByText(`${fmt(total)} selected`).waitFor();
    await control.getByRole('menuitem', { name: command }).click();
    // Fluent renders dialogs in a layer at the end of the page, outside the control's root.
    // Its outer element has no box of its own, so wait for its Start button rather than the dialog.
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Start' }).waitFor();
    return (await dialog.textContent()) ?? '';
}

/** Press Start in the open confirmation dialog. */
export async function confirmStart(page: Page): Promise<void> {
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Start' }).click();
    await dialog.getByRole('button', { name: 'Start' }).waitFor({ state: 'detached' });
}

/** The notice a reloaded page shows of the run the reload interrupted, before any area is opened. */
export const INTERRUPTED_NOTICE = /^A run was interrupted — ([\d,]+) of ([\d,]+) done\.$/;

/**
 * Wait for the notice of an interrupted run and choose Resume in it; returns the notice's numbers (done, in the run).
 * Resume opens Mailboxes, which says it resumed the run.
 */
export async function resumeInterrupted(page: Page, timeout = 60_000): Promise<{ done: number; total: number }> {
    const control = controlOf(page);
    const notice = control.getByText(INTERRUPTED_NOTICE);
    await notice.waitFor({ timeout });
    const [, done, total] = INTERRUPTED_NOTICE.exec((await notice.textContent()) ?? '') ?? [];
    // Resume is disabled while Dataverse still holds the page's requests (a Retry-After kept across the reload).
    await control.getByRole('button', { name: 'Resume' }).click({ timeout });
    await control.getByText('Resumed the run that was in progress when this page was last open.').waitFor({ timeout });
    return { done: Number(done.replace(/,/g, '')), total: Number(total.replace(/,/g, '')) };
}

/** The notice of a run that stopped on an unexpected error. */
export const RUN_STOPPED = 'The run stopped because of an unexpected error.';

/** Wait for "Run finished." and read the summary line; a run that stopped on an unexpected error fails at once. */
export async function waitFinished(page: Page, timeout = 120_000): Promise<RunSummaryText> {
    const control = controlOf(page);
    const status = control.getByRole('status').filter({ hasText: 'Run finished.' });
    const stopped = control.getByText(RUN_STOPPED, { exact: false });
    try {
        await status.or(stopped).first().waitFor({ timeout });
    } catch (error) {
        // Say where the run stood, so a slow machine is told apart from a run that stopped moving.
        const progress = await control
            .getByText(/ done$|waiting on the server/)
            .allTextContents()
            .catch(() => []);
        throw new Error(
            `${(error as Error).message}\nThe run's progress then: ${progress.join(' · ') || 'none shown'}`,
        );
    }
    if (await stopped.count()) throw new Error(`the run stopped: ${await stopped.first().textContent()}`);
    const line = await status.locator(':scope > *').nth(1).textContent();
    return parseSummaryLine(line ?? '');
}

/** The counts per cause in "Failures by cause" ("31 consent missing", each a button), summed. */
export async function failureGroupTotal(page: Page): Promise<number> {
    const section = controlOf(page).getByRole('region', { name: 'Failures by cause' });
    if ((await section.count()) === 0) return 0;
    const items = await section.getByRole('listitem').getByRole('button', { expanded: false }).allTextContents();
    return items.reduce((n, t) => n + num(/([\d,]+) /.exec(t)?.[1]), 0);
}

/**
 * The head record of the run ledger this browser keeps in IndexedDB for resume-after-reload (src/pcf/ledger-store.ts),
 * as JSON; null when there is none (the run settled). The database is only opened when it exists, so looking does not
 * create it.
 */
export async function storedLedger(page: Page, profileId: string): Promise<string | null> {
    return page.evaluate(async (name) => {
        if (!(await indexedDB.databases()).some((db) => db.name === name)) return null;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const request = indexedDB.open(name);
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
        });
        try {
            const head = await new Promise<unknown>((resolve, reject) => {
                const request = db.transaction('ledger').objectStore('ledger').get('head');
                request.onsuccess = () => resolve(request.result);
                request.onerror = () => reject(request.error);
            });
            return head === undefined ? null : JSON.stringify(head);
        } finally {
            db.close();
        }
    }, `esp-bulk-run-${profileId}`);
}

/** Everything a finished run must satisfy on the page: the numbers add up and nothing is left in progress. */
export async function expectSettledRun(
    page: Page,
    profileId: string,
    selected: number,
    timeout?: number,
): Promise<RunSummaryText> {
    const summary = await waitFinished(page, timeout);
    expect(summary.enabled + summary.failed + summary.retrying + summary.skipped).toBe(selected);
    expect(await failureGroupTotal(page)).toBe(summary.failed);
    // No progress bar or Cancel left behind, no "waiting on the server", nothing stored to resume.
    const control = controlOf(page);
    await expect(control.getByRole('button', { name: 'Cancel' }).count()).resolves.toBe(0);
    await expect(control.getByText('waiting on the server').count()).resolves.toBe(0);
    await expect(storedLedger(page, profileId)).resolves.toBeNull();
    return summary;
}

/** Every progress reading that was shown adds up: succeeded + failed + skipped = done, done + waiting ≤ selected. */
export function expectConsistentProgress(samples: ProgressSample[], selected: number): void {
    expect(samples.length).toBeGreaterThan(0);
    for (const s of samples) {
        expect(s.selected).toBe(selected);
        expect(s.done).toBeLessThanOrEqual(selected);
        expect(s.succeeded + s.failed + s.skipped).toBe(s.done);
        expect(s.done + s.waiting).toBeLessThanOrEqual(selected);
    }
}

/** Shorthand for tests: the E2E handle or a clear error. */
export function need(e2e: E2E | undefined): E2E {
    if (!e2e) throw new Error('the browser did not start');
    return e2e;
}

// ---------------------------------------------------------------------------------------------------------------
// CSV export.

/** The export's header row for an English user: the list's column names (src/pcf/mailbox-csv.ts). */
export const CSV_HEADER = [
    'Mailbox ID',
    'Name',
    'Email address',
    'Type',
    'Approval',
    'Incoming',
    'Outgoing',
    'Appointments, contacts, tasks',
    'Status',
    'Last test',
    'Latest alert',
    'Run result',
    'Cause',
    'What to do',
    'Code for support',
    'Original text',
];

/** Short names for the CSV's columns in tests, in CSV_HEADER's order. */
export const CSV_KEYS = [
    'mailboxid',
    'name',
    'emailaddress',
    'type',
    'approval',
    'incoming',
    'outgoing',
    'act',
    'status',
    'lastTest',
    'latestAlert',
    'runResult',
    'cause',
    'fix',
    'code',
    'originalText',
] as const;

/** The English labels of the run result column and of the status columns. */
export const CSV_LABEL = {
    succeeded: 'Enabled',
    failed: 'Failed',
    retrying: 'Retrying — Dynamics tries again',
    skipped: 'Skipped',
    success: 'Success',
    failure: 'Failure',
    approval: { 0: 'Not requested', 1: 'Approved', 2: 'Pending approval', 3: 'Rejected' } as Record<string, string>,
};

/** Data rows of a parsed CSV as records keyed by CSV_KEYS. */
export function csvRecords(rows: string[][]): Record<(typeof CSV_KEYS)[number], string>[] {
    return rows.map(
        (r) => Object.fromEntries(CSV_KEYS.map((key, i) => [key, r[i]])) as Record<(typeof CSV_KEYS)[number], string>,
    );
}

/** Click something that downloads a file and return the file's name and text (decoded as UTF-8, BOM kept). */
export async function downloadCsv(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    // TextDecoder with ignoreBOM keeps the BOM so the test can see it.
    const text = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(Buffer.concat(chunks));
    return { name: download.suggestedFilename(), text };
}

/** RFC 4180 parse (papaparse, no type guessing): every cell stays the exact string that was written. */
export function parseCsv(text: string): string[][] {
    const result = Papa.parse<string[]>(text, { header: false, dynamicTyping: false, skipEmptyLines: true });
    if (result.errors.length > 0) throw new Error(`CSV errors: ${JSON.stringify(result.errors.slice(0, 3))}`);
    return result.data;
}

/** Poll a node-side condition (e.g. on the BatchRecorder) every 25 ms until it holds. */
export async function waitUntil(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
}

/** A run about to start: the rows before it, what it should approve and test, and who watches it. */
export type PreparedRun = {
    before: Row[];
    toApprove: Row[];
    toTest: Row[];
    applied: Map<string, number>;
    startedAt: string;
};

/**
 * Switch the scenario with the panel (approver, no fault, unless `change` says otherwise), watch applied approvals
 * and the page's requests afresh, open the list and the confirmation for Approve & test over all `count` mailboxes,
 * and check that it asks about exactly the mailboxes to approve and to test.
 */
export async function prepareApproveAndTest(
    on: { page: Page; sandbox: Sandbox; recorder: BatchRecorder; profileId: string },
    change: Parameters<typeof applyScenario>[1],
    count: number,
): Promise<PreparedRun> {
    await applyScenario(on.page, { profileId: on.profileId, userId: USER_IDS.approver, fault: 'none', ...change });
    const applied = watchAppliedApprovals(on.sandbox);
    on.recorder.clear();
    await openMailboxes(on.page, count);
    const before = await profileMailboxes(on.sandbox, on.profileId);
    const toApprove = before.filter((m) => m.emailrouteraccessapproval !== 1 && onServerSideSync(m));
    const toTest = before.filter(onServerSideSync);
    const question = await askForRun(on.page, 'Approve & test', count);
    expect(question).toContain(`Approve ${fmt(toApprove.length)} and test ${fmt(toTest.length)} mailboxes?`);
    return { before, toApprove, toTest, applied, startedAt: emulatedIso(on.sandbox) };
}

/** One Web API call as the page's own script saw it (performance clock, ms). */
export type ScriptFetch = {
    url: string;
    /** When the script called fetch. */
    calledAt: number;
    /** When the answer was handed to the script; undefined while pending or when none came. */
    deliveredAt?: number;
    status?: number;
    retryAfterS?: number;
};

/**
 * Wrap the page's fetch to log, for each Web API call, when the script called it and when the script received its
 * answer. The control calls the global fetch for every request, and the wrapper's callback runs before the
 * control's own continuation, so "the script had been told" is exact — no allowance for delivery lag is needed.
 */
export async function watchFetch(page: Page): Promise<void> {
    await page.evaluate((webApiPath) => {
        const w = window as unknown as { __fetchLog?: ScriptFetch[]; __realFetch?: typeof fetch };
        w.__fetchLog = [];
        const real = w.__realFetch ?? window.fetch.bind(window);
        w.__realFetch = real;
        window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
            const url = String(input instanceof Request ? input.url : input);
            const promise = real(input, init);
            if (!url.includes(webApiPath)) return promise;
            const entry: ScriptFetch = { url, calledAt: performance.now() };
            w.__fetchLog?.push(entry);
            promise
                .then((res) => {
                    entry.deliveredAt = performance.now();
                    entry.status = res.status;
                    const retryAfter = Number(res.headers.get('Retry-After'));
                    if (Number.isFinite(retryAfter) && retryAfter > 0) entry.retryAfterS = retryAfter;
                    return res;
                })
                .catch(() => undefined);
            return promise;
        };
    }, WEB_API_PATH);
}

const CLOCK_ROUNDING_MS = 2;

/** Calls the page's script made after it had received a 429 and before that answer's Retry-After was over. */
export async function sentAfterTold429(page: Page): Promise<{ call: ScriptFetch; told: ScriptFetch }[]> {
    const log = await page.evaluate(() => (window as unknown as { __fetchLog?: ScriptFetch[] }).__fetchLog ?? []);
    const out: { call: ScriptFetch; told: ScriptFetch }[] = [];
    for (const told of log) {
        if (told.status !== 429 || told.deliveredAt === undefined) continue;
        // The client's clock is Date.now (whole ms), this log's is performance.now: allow that rounding, nothing more.
        const until = told.deliveredAt + (told.retryAfterS ?? 0) * 1000 - CLOCK_ROUNDING_MS;
        for (const call of log) if (call.calledAt > told.deliveredAt && call.calledAt < until) out.push({ call, told });
    }
    return out;
}
