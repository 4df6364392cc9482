/**
 * A recorded exchange for the HTTP client's own tests: each test writes down what "Dataverse" answered, in order,
 * and every request the client sent is kept with the virtual time it left at. It models no Dataverse behaviour —
 * no tables, filters or paging; tests of that run against the emulator (tests/sandbox/emulator/test-server.ts).
 * Time is virtual and shared with the client, so Retry-After windows and back-off are checked without waiting.
 */
import type { FetchLike } from '../../src/dataverse/http';

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

/** One request as the client sent it. */
export type SentRequest = {
    method: string;
    url: string;
    headers: Record<string, string>;
    body: string;
    at: number;
    /** How the client asked fetch to treat a redirect. */
    redirect?: RequestRedirect;
};

/** What the server answered; 'drop' is a connection that died without an answer (fetch rejects). */
export type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'drop';

/** A JSON answer. */
export function jsonAnswer(status: number, value: unknown, headers: Record<string, string> = {}): Answer {
    return {
        status,
        headers: { 'Content-Type': 'application/json; odata.metadata=minimal', ...headers },
        body: JSON.stringify(value),
    };
}

/** A Dataverse error answer: {"error":{"code","message"}}. */
export function errorAnswer(
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
): Answer {
    return jsonAnswer(status, { error: { code, message } }, headers);
}

/** A $batch answer with one part per entry, as Dataverse writes it (multipart/mixed, one application/http each). */
export function batchAnswer(
    parts: Array<{ status: number; body?: unknown; headers?: Record<string, string> }>,
): Answer {
    const boundary = 'batchresponse_0c2f6a1e';
    const text = parts
        .map((part) => {
            const headers = Object.entries(part.headers ?? {}).map(([name, value]) => `${name}: ${value}\r\n`);
            if (part.body !== undefined) headers.unshift('Content-Type: application/json; odata.metadata=minimal\r\n');
            const body = part.body === undefined ? '' : JSON.stringify(part.body);
            return (
                `--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n` +
                `HTTP/1.1 ${part.status} Status\r\n${headers.join('')}\r\n${body}\r\n`
            );
        })
        .join('');
    return {
        status: 200,
        headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}` },
        body: `${text}--${boundary}--\r\n`,
    };
}

/**
 * A fetch that answers from a script and records every request. A request with no answer left is recorded in
 * `unscripted` and rejected; `unused` holds answers no request took. Tests check both are empty (every expected
 * call happened, and no other).
 */
export class ScriptedFetch {
    readonly sent: SentRequest[] = [];
    readonly unscripted: string[] = [];
    private readonly script: Answer[] = [];

    constructor(private readonly clock: VirtualClock) {}

    /** Queue answers, used one per request in the order the requests arrive. */
    answer(...answers: Answer[]): void {
        this.script.push(...answers);
    }

    /** Answers no request has taken yet. */
    unused(): Answer[] {
        return [...this.script];
    }

    readonly fetch: FetchLike = (url, init) => {
        const headers = Object.fromEntries(
            Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
        );
        const method = init.method ?? 'GET';
        this.sent.push({
            method,
            url,
            headers,
            body: typeof init.body === 'string' ? init.body : '',
            at: this.clock.now(),
            redirect: init.redirect,
        });
        const next = this.script.shift();
        if (next === undefined) {
            this.unscripted.push(`${method} ${url}`);
            return Promise.reject(new Error(`No answer scripted for ${method} ${url}`));
        }
        if (next === 'drop') return Promise.reject(new TypeError('fetch failed'));
        const empty = next.status === 204 || next.status === 304;
        return Promise.resolve(
            new Response(empty ? null : (next.body ?? ''), { status: next.status, headers: next.headers }),
        );
    };
}
