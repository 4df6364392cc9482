/**
 * A tiny Dataverse stand-in on 127.0.0.1:0 for the HTTP-boundary tests of src/dataverse (not the full emulator).
 * Time is virtual and shared with the client (VirtualClock), so Retry-After windows are checked without waiting.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Shared virtual time: sleep() jumps forward instead of waiting. */
export class VirtualClock {
    time = 0;
    readonly now = (): number => this.time;
    readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
        if (signal?.aborted) return Promise.reject(new Error('Aborted'));
        this.time += Math.max(0, ms);
        return Promise.resolve();
    };
}

/** One request as the server saw it. */
export type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string; at: number };

/** A sub-request inside a $batch. */
export type SubRequest = { method: string; url: string; headers: Record<string, string>; body: string };

/** What a handler answers; `drop` destroys the socket. */
export type Reply = { status: number; headers?: Record<string, string>; body?: string } | 'drop';

/** Intercepts a request before the default handler; return undefined to pass. */
export type Fault = (req: Seen) => Reply | undefined;

/** Mailbox state held by the fake. */
export type FakeMailbox = {
    mailboxid: string;
    name: string;
    emailrouteraccessapproval: number;
    testemailconfigurationscheduled: boolean;
    mailboxstatus: number;
    testmailboxaccesscompletedon: string | null;
};

/** Split a $batch request body into sub-requests. */
export function parseBatchRequest(contentType: string, body: string): SubRequest[] {
    const boundary = /boundary=([^;]+)/.exec(contentType)?.[1] ?? '';
    const blocks = body.split(`--${boundary}`).slice(1, -1);
    return blocks.map((block) => {
        const inner = block.slice(block.indexOf('\r\n\r\n') + 4);
        const at = inner.indexOf('\r\n\r\n');
        const head = inner.slice(0, at).split('\r\n');
        const [method, url] = head[0].split(' ');
        const headers: Record<string, string> = {};
        for (const line of head.slice(1))
            headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
        return { method, url, headers, body: inner.slice(at + 4).replace(/\r\n$/, '') };
    });
}

/** Render $batch response parts. */
export function batchResponse(
    parts: Array<{ status: number; body?: string; headers?: Record<string, string> }>,
): Reply {
    const boundary = 'batchresponse_fake';
    const text = parts
        .map((p) => {
            const extra = Object.entries(p.headers ?? {})
                .map(([k, v]) => `${k}: ${v}\r\n`)
                .join('');
            const type = p.body ? 'Content-Type: application/json; odata.metadata=minimal\r\n' : '';
            return `--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 ${p.status} X\r\n${type}${extra}\r\n${p.body ?? ''}\r\n`;
        })
        .join('');
    return {
        status: 200,
        headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}` },
        body: `${text}--${boundary}--\r\n`,
    };
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(value),
});

/** The fake server: records requests, applies faults, and models mailbox approve / Test & Enable. */
export class FakeDataverse {
    readonly seen: Seen[] = [];
    readonly faults: Fault[] = [];
    readonly mailboxes = new Map<string, FakeMailbox>();
    /** Approval PATCHes applied to a mailbox that was already approved (must stay empty). */
    readonly doubleApprovals: string[] = [];
    readonly refuse = new Set<string>();
    readonly silentNoop = new Set<string>();
    readonly failTest = new Set<string>();
    /** Requests that arrived inside a Retry-After window the server announced. */
    readonly insideWindow: Seen[] = [];
    throttledUntil = 0;
    /** Real delay before each answer, so overlapping requests become visible. */
    delayMs = 0;
    /** Highest number of requests open at the same time. */
    peakConcurrent = 0;
    private open = 0;
    baseUrl = '';
    private server?: http.Server;

    constructor(readonly clock: VirtualClock) {}

    async start(): Promise<string> {
        this.server = http.createServer((req, res) => this.onRequest(req, res));
        await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
        this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        return this.baseUrl;
    }

    async stop(): Promise<void> {
        this.server?.closeAllConnections();
        await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    }

    /** Answer 429 with Retry-After once (or `times`), and watch that nothing arrives inside the window. */
    throttleNext(retryAfterSeconds: number, times = 1, match: (s: Seen) => boolean = () => true): void {
        let left = times;
        this.faults.push((s) => {
            if (left <= 0 || !match(s)) return undefined;
            left -= 1;
            this.throttledUntil = this.clock.now() + retryAfterSeconds * 1000;
            return json(
                429,
                { error: { code: '0x80072322', message: 'Number of requests exceeded' } },
                { 'Retry-After': String(retryAfterSeconds) },
            );
        });
    }

    private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
        let body = '';
        this.open += 1;
        this.peakConcurrent = Math.max(this.peakConcurrent, this.open);
        res.on('close', () => (this.open -= 1));
        req.setEncoding('utf8');
        req.on('data', (c: string) => (body += c));
        req.on('end', () => {
            const seen: Seen = {
                method: req.method ?? '',
                url: req.url ?? '',
                headers: req.headers,
                body,
                at: this.clock.now(),
            };
            this.seen.push(seen);
            if (seen.at < this.throttledUntil) this.insideWindow.push(seen);
            const reply = this.faults.map((f) => f(seen)).find((r) => r !== undefined) ?? this.handle(seen);
            if (reply === 'drop') {
                req.socket.destroy();
                return;
            }
            const answer = (): void => {
                res.writeHead(reply.status, reply.headers ?? {});
                res.end(reply.body ?? '');
            };
            if (this.delayMs > 0) setTimeout(answer, this.delayMs);
            else answer();
        });
    }

    private handle(seen: Seen): Reply {
        if (seen.url.endsWith('/$batch')) return this.handleBatch(seen);
        if (seen.method === 'GET' && seen.url.includes('/mailboxes?')) return this.listMailboxes(seen);
        if (seen.method === 'GET' && seen.url.includes('/tracelogs?')) return this.listAlerts();
        return json(404, { error: { code: '0x80060888', message: 'Not found' } });
    }

    private handleBatch(seen: Seen): Reply {
        const subs = parseBatchRequest(String(seen.headers['content-type']), seen.body);
        return batchResponse(subs.map((s) => this.applyPatch(s)));
    }

    /** PATCH mailboxes(<id>): approve or Test & Enable. */
    applyPatch(sub: SubRequest): { status: number; body?: string } {
        const id = /mailboxes\(([^)]+)\)/.exec(sub.url)?.[1] ?? '';
        const mailbox = this.mailboxes.get(id);
        if (!mailbox)
            return { status: 404, body: JSON.stringify({ error: { code: '0x80040217', message: 'Does Not Exist' } }) };
        const patch = JSON.parse(sub.body) as Record<string, unknown>;
        if (patch.emailrouteraccessapproval === 1) {
            if (this.refuse.has(id)) {
                return {
                    status: 403,
                    body: JSON.stringify({
                        error: { code: '0x80040256', message: 'should be a global administrator' },
                    }),
                };
            }
            if (mailbox.emailrouteraccessapproval === 1) this.doubleApprovals.push(id);
            if (!this.silentNoop.has(id)) mailbox.emailrouteraccessapproval = 1;
        }
        if (patch.testemailconfigurationscheduled === true) mailbox.testemailconfigurationscheduled = true;
        return { status: 204 };
    }

    private listMailboxes(seen: Seen): Reply {
        const url = new URL(seen.url, this.baseUrl);
        const filter = url.searchParams.get('$filter') ?? '';
        if (filter.includes('testmailboxaccesscompletedon gt')) this.completeTests();
        const ids = [...filter.matchAll(/mailboxid eq ([0-9a-f-]{36})/g)].map((m) => m[1]);
        let rows = [...this.mailboxes.values()];
        if (ids.length) rows = rows.filter((m) => ids.includes(m.mailboxid));
        if (filter.includes('testmailboxaccesscompletedon gt'))
            rows = rows.filter((m) => m.testmailboxaccesscompletedon);
        const value = rows.map((m) => ({
            ...m,
            _emailserverprofile_value: PROFILE_ID,
            statecode: 0,
            incomingemaildeliverymethod: 2,
        }));
        return json(200, { value });
    }

    /** Every scheduled test finishes on the next result poll. */
    private completeTests(): void {
        for (const m of this.mailboxes.values()) {
            if (!m.testemailconfigurationscheduled) continue;
            m.testemailconfigurationscheduled = false;
            m.mailboxstatus = this.failTest.has(m.mailboxid) ? 2 : 1;
            m.testmailboxaccesscompletedon = new Date(Date.UTC(2026, 10, 23, 13)).toISOString();
        }
    }

    private listAlerts(): Reply {
        const value = [...this.failTest].map((id) => ({
            level: 3,
            tracecode: 1,
            text: `Mailbox ${id} could not connect`,
            errordetails: null,
            modifiedon: '2026-11-23T13:00:00Z',
            _regardingobjectid_value: id,
        }));
        return json(200, { value });
    }
}

/** Profile id used by the fake. */
export const PROFILE_ID = 'aaaaaaaa-0000-0000-0000-000000000001';

/** Mailbox id n. */
export function mailboxId(n: number): string {
    return `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
}

/** Add n pending mailboxes. */
export function seed(fake: FakeDataverse, n: number): string[] {
    const ids = Array.from({ length: n }, (_, i) => mailboxId(i + 1));
    for (const id of ids) {
        fake.mailboxes.set(id, {
            mailboxid: id,
            name: `Mailbox ${id.slice(-4)}`,
            emailrouteraccessapproval: 2,
            testemailconfigurationscheduled: false,
            mailboxstatus: 0,
            testmailboxaccesscompletedon: null,
        });
    }
    return ids;
}
