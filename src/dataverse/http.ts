import { batchContentType, buildBatch, parseBatchResponse, type BatchOp, type BatchPart } from '../core/batch';
import { RequestGate, type Clock, type Sleep } from '../core/scheduler/gate';
import type { Work } from '../core/scheduler/budget';
import { parseRetryAfter } from '../core/scheduler/retry-after';
import { classifyFailure, RESENDS } from '../core/run/transience';
import { bodyExcerpt, DataverseError, NETWORK_ERROR_STATUS, SessionExpiredError, ThrottleStallError } from './errors';
import { dopHint, isRedirect, readJson, toError } from './responses';

/** The fetch signature the client needs; injected so tests and the sandbox can supply their own. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Options for one Web API call. */
export type SendOptions = {
    method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    body?: unknown;
    ifMatch?: string;
    ifNoneMatch?: string;
    prefer?: string[];
    signal?: AbortSignal;
};

/** A JSON Web API response. */
export type JsonResponse<T> = { status: number; body: T; headers: Headers };

/** Options for getAll; `map` turns each row as its page arrives, so the raw pages need not all be kept. */
export type GetAllOptions<T, R = T> = {
    pageSize?: number;
    prefer?: string[];
    onPage?: (page: R[], total: number) => void;
    map?: (row: T) => R;
    signal?: AbortSignal;
};

/** Options for batch. */
export type BatchOptions = { continueOnError?: boolean; signal?: AbortSignal };

/** Injected collaborators; defaults use the browser clock, timers and crypto ids. */
export type HttpDeps = {
    now?: Clock;
    sleep?: Sleep;
    newId?: () => string;
    /** Bounded retries for 503 (with back-off). A 429 has no cap: it is an instruction to wait (dataverse.md §9). */
    maxRetries?: number;
    /** How long every answer may be a 429 before a request stops waiting (ThrottleStallError); default 30 minutes. */
    stallLimitMs?: number;
    /**
     * 429s sent again before the answer is returned; default unbounded. Only for a caller with its own schedule for
     * a 429 that is not service protection (the deploy CLI's customization lock, deploy.md §5).
     */
    maxThrottleRetries?: number;
    /** A gate shared with another client, so a 429 answered to either pauses both (the deploy CLI's publish client). */
    gate?: RequestGate;
};

/** Largest page Dataverse serves (dataverse.md §8). */
export const MAX_PAGE_SIZE = 5000;
const DEFAULT_MAX_RETRIES = 4;
const BACKOFF_503_MS = 1000;
/** Time without progress — nothing but 429s — after which a run pauses (issue 14): long enough for any storm we know. */
export const DEFAULT_STALL_LIMIT_MS = 30 * 60_000;

const BASE_HEADERS: Record<string, string> = {
    'OData-Version': '4.0',
    'OData-MaxVersion': '4.0',
    Accept: 'application/json',
    // Microsoft's own UCI script sends this on same-origin Web API calls (dataverse.md §10).
    'X-Requested-With': 'XMLHttpRequest',
};

function abortReason(signal: AbortSignal): Error {
    return signal.reason instanceof Error ? signal.reason : new Error('Aborted');
}

/** Sleep with setTimeout, rejecting when the signal aborts. */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(abortReason(signal));
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener(
            'abort',
            () => {
                clearTimeout(timer);
                reject(abortReason(signal));
            },
            { once: true },
        );
    });
}

/** The OData headers plus Content-Type, If-Match, If-None-Match and Prefer as the options ask. */
function requestHeaders(options: SendOptions): Record<string, string> {
    const headers: Record<string, string> = { ...BASE_HEADERS };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
    if (options.ifMatch) headers['If-Match'] = options.ifMatch;
    if (options.ifNoneMatch) headers['If-None-Match'] = options.ifNoneMatch;
    if (options.prefer?.length) headers.Prefer = options.prefer.join(',');
    return headers;
}

function jsonBody(options: SendOptions): string | undefined {
    return options.body === undefined ? undefined : JSON.stringify(options.body);
}

/** The one place that talks HTTP to the Dataverse Web API; every request goes through the shared gate. */
export class DataverseHttp {
    readonly gate: RequestGate;
    private readonly now: Clock;
    private readonly sleep: Sleep;
    private readonly newId: () => string;
    private readonly maxRetries: number;
    /** The configured time without progress, see stallDeadline. */
    readonly stallLimitMs: number;
    private readonly maxThrottleRetries: number;
    /** When the current unbroken run of 429 answers began; undefined while Dataverse lets requests through. */
    private throttledSinceMs: number | undefined;
    /** Server clock minus ours, from the last response's Date header (0 until one arrives). */
    private clockOffsetMs = 0;

    constructor(
        private readonly baseUrl: string,
        private readonly fetchFn: FetchLike,
        deps: HttpDeps = {},
    ) {
        this.now = deps.now ?? (() => Date.now());
        this.sleep = deps.sleep ?? realSleep;
        this.newId = deps.newId ?? (() => crypto.randomUUID());
        this.maxRetries = deps.maxRetries ?? DEFAULT_MAX_RETRIES;
        this.stallLimitMs = deps.stallLimitMs ?? DEFAULT_STALL_LIMIT_MS;
        this.maxThrottleRetries = deps.maxThrottleRetries ?? Number.POSITIVE_INFINITY;
        this.gate = deps.gate ?? new RequestGate({ now: this.now, sleep: this.sleep });
    }

    /** Absolute URL for a path relative to /api/data/v9.2/. */
    url(path: string): string {
        return path.startsWith('http') ? path : `${this.baseUrl.replace(/\/$/, '')}/api/data/v9.2/${path}`;
    }

    /**
     * Send one request; non-2xx answers, unreadable bodies and network failures throw DataverseError (401:
     * SessionExpiredError). A GET
     * is re-sent after a dropped connection (see read); a write never is, since it may have been applied.
     */
    send<T>(path: string, options: SendOptions = {}): Promise<JsonResponse<T>> {
        return (options.method ?? 'GET') === 'GET' ? this.read<T>(path, options) : this.sendOnce<T>(path, options);
    }

    private async sendOnce<T>(path: string, options: SendOptions): Promise<JsonResponse<T>> {
        const method = options.method ?? 'GET';
        const init = { method, headers: requestHeaders(options), body: jsonBody(options) };
        const work: Work = { kind: method === 'GET' ? 'read' : 'write', ops: 1 };
        const response = await this.dispatch(this.url(path), init, work, options.signal);
        if (!response.ok && response.status !== 304) throw await toError(response, this.now());
        return { status: response.status, body: await readJson<T>(response), headers: response.headers };
    }

    /** GET every page of a collection, following @odata.nextLink as-is with the same page size; a dropped page is re-read. */
    async getAll<T, R = T>(path: string, options: GetAllOptions<T, R> = {}): Promise<R[]> {
        const { pageSize = MAX_PAGE_SIZE, onPage, signal } = options;
        const map = options.map ?? ((row: T) => row as unknown as R);
        const prefer = [
            `odata.maxpagesize=${Math.max(1, Math.min(MAX_PAGE_SIZE, pageSize))}`,
            ...(options.prefer ?? []),
        ];
        const rows: R[] = [];
        let next: string | undefined = path;
        while (next) {
            const res: JsonResponse<{ value: T[]; '@odata.nextLink'?: string }> = await this.send(next, {
                prefer,
                signal,
            });
            const page = res.body.value.map(map);
            for (const row of page) rows.push(row);
            onPage?.(page, rows.length);
            next = res.body['@odata.nextLink'];
        }
        return rows;
    }

    /**
     * A GET is safe to repeat: after a dropped connection or a transient server error (core/run/transience.ts) it is
     * sent again with back-off, a bounded number of times.
     */
    private async read<T>(path: string, options: SendOptions): Promise<JsonResponse<T>> {
        for (let attempt = 0; ; attempt++) {
            try {
                return await this.sendOnce<T>(path, options);
            } catch (error) {
                if (attempt >= this.readResends(error) || options.signal?.aborted) throw error;
                await this.sleep(BACKOFF_503_MS * 2 ** attempt, options.signal);
            }
        }
    }

    /** How often a failed GET may be sent again; 429 and 503 were already waited out in dispatch. */
    private readResends(error: unknown): number {
        if (!(error instanceof DataverseError) || error.status === 429 || error.status === 503) return 0;
        if (error.status === NETWORK_ERROR_STATUS) return this.maxRetries;
        const transience = classifyFailure(error.status, error.code);
        return transience === 'transient' || transience === 'transientOnce' ? RESENDS[transience] : 0;
    }

    /** POST $batch with top-level parts; each part's answer (success or failure) comes back as a value, in order. */
    async batch(ops: readonly BatchOp[], options: BatchOptions = {}): Promise<BatchPart[]> {
        if (ops.length === 0) return [];
        const boundary = `batch_${this.newId()}`;
        const headers: Record<string, string> = { ...BASE_HEADERS, 'Content-Type': batchContentType(boundary) };
        if (options.continueOnError ?? true) headers.Prefer = 'odata.continue-on-error';
        const body = buildBatch(ops, { boundary, baseUrl: this.baseUrl });
        const work: Work = { kind: 'batch', ops: ops.length };
        const response = await this.dispatch(
            this.url('$batch'),
            { method: 'POST', headers, body },
            work,
            options.signal,
        );
        if (!response.ok) throw await toError(response, this.now());
        const contentType = response.headers.get('Content-Type') ?? '';
        const text = await response.text();
        if (!/^multipart\/mixed/i.test(contentType)) {
            // A sign-in page answered instead of Dataverse: nothing of the batch reached the server.
            const message = `HTTP ${response.status} with a body that is not a $batch answer: ${bodyExcerpt(text)}`;
            throw new SessionExpiredError(message);
        }
        const parts = parseBatchResponse(contentType, text);
        const deadline = this.pauseOnThrottledParts(parts) ? this.stallDeadline() : undefined;
        if (deadline !== undefined && this.now() >= deadline) {
            const error = parts[0].error;
            throw new ThrottleStallError(error?.code ?? '', error?.message ?? 'HTTP 429', this.throttledSinceMs ?? 0);
        }
        return parts;
    }

    /** Any answer but a 429 is progress; the first 429 after progress starts the stall clock. */
    private noteThrottled(throttled: boolean, nowMs: number): void {
        if (!throttled) this.throttledSinceMs = undefined;
        else this.throttledSinceMs ??= nowMs;
    }

    /**
     * A part answered 429 (when BATCH_429_WHOLE is false) or with a throttling code still pauses everyone; a batch
     * whose every part was throttled made no progress, as a whole-batch 429 would not have.
     */
    private pauseOnThrottledParts(parts: readonly BatchPart[]): boolean {
        const isThrottled = (part: BatchPart) => part.status === 429 || part.error?.code.startsWith('0x8007232');
        for (const part of parts.filter(isThrottled)) {
            const retryAfterMs = parseRetryAfter(part.headers['retry-after'] ?? null, this.now());
            this.gate.onResponse({ status: part.status, code: part.error?.code, retryAfterMs });
        }
        const allThrottled = parts.every(isThrottled);
        this.noteThrottled(allThrottled, this.now());
        return allThrottled;
    }

    /**
     * The server's "now", for comparing with server-written timestamps such as testmailboxaccesscompletedon. The
     * Date header has one-second resolution, so the estimate is floored to the second before it, never ahead.
     */
    serverNow(): number {
        return this.now() + this.clockOffsetMs;
    }

    /**
     * When waiting stops if Dataverse keeps answering 429: the start of the current run of 429s plus the stall limit;
     * undefined while requests get through.
     */
    stallDeadline(): number | undefined {
        return this.throttledSinceMs === undefined ? undefined : this.throttledSinceMs + this.stallLimitMs;
    }

    /** Measure time without progress afresh, e.g. when the admin resumes a run that paused for it. */
    resetStall(): void {
        this.throttledSinceMs = undefined;
    }

    /** Throw the refusal as a ThrottleStallError once the stall limit has passed without progress. */
    private throwIfStalled(refusal: DataverseError): void {
        const deadline = this.stallDeadline();
        if (deadline === undefined || this.now() < deadline) return;
        throw new ThrottleStallError(refusal.code, refusal.message, this.throttledSinceMs ?? 0, refusal.retryAfterMs);
    }

    /**
     * One request through the gate. A 429 is sent again after its Retry-After (the gate waits) with no cap, until the
     * stall limit passes without progress — checked on the 429 and again after the wait, before sending, so requests
     * still waiting stop at once; a 503 is retried with back-off a bounded number of times.
     */
    private async dispatch(url: string, init: RequestInit, work: Work, signal?: AbortSignal): Promise<Response> {
        let refusal: DataverseError | undefined;
        const beforeSend = () => refusal && this.throwIfStalled(refusal);
        let throttled = 0;
        let busy = 0;
        for (;;) {
            const response = await this.once(url, init, work, signal, beforeSend);
            if (response.status === 429 && throttled < this.maxThrottleRetries) {
                throttled += 1;
                refusal = await toError(response, this.now());
                this.throwIfStalled(refusal);
                continue;
            }
            if (response.status !== 503 || busy >= this.maxRetries) return response;
            await response.text().catch(() => '');
            await this.sleep(BACKOFF_503_MS * 2 ** busy, signal);
            busy += 1;
        }
    }

    /**
     * One request through the gate. It is charged to the execution budget with the duration observed up to its
     * headers (the most the server can have spent), a refused one (429) with nothing: the server adds no time for it.
     */
    private async once(
        url: string,
        init: RequestInit,
        work: Work,
        signal?: AbortSignal,
        beforeSend?: () => void,
    ): Promise<Response> {
        const release = await this.gate.acquire(signal, work);
        try {
            beforeSend?.();
        } catch (error) {
            release();
            throw error;
        }
        const startedMs = this.now();
        let chargedMs = 0;
        try {
            const response = await this.fetchFn(url, {
                ...init,
                credentials: 'same-origin',
                redirect: 'manual',
                signal,
            });
            if (response.status !== 429) chargedMs = this.now() - startedMs;
            if (isRedirect(response)) {
                const location = response.headers.get('Location');
                throw new SessionExpiredError(`HTTP ${response.status} redirect${location ? ` to ${location}` : ''}`);
            }
            this.observe(response, url.endsWith('/$batch'));
            return response;
        } catch (error) {
            if (error instanceof SessionExpiredError) throw error;
            // Whether the server worked on a dropped request is unknown: charge what it may have spent.
            chargedMs = this.now() - startedMs;
            if (signal?.aborted) throw error;
            this.gate.onResponse({ status: NETWORK_ERROR_STATUS });
            throw new DataverseError(NETWORK_ERROR_STATUS, 'NetworkError', 'The request did not reach Dataverse.');
        } finally {
            release(chargedMs);
        }
    }

    /** Learn from an answer: the server's clock (Date), and for the gate Retry-After and x-ms-dop-hint. */
    private observe(response: Response, isBatch: boolean): void {
        const nowMs = this.now();
        const serverDate = Date.parse(response.headers.get('Date') ?? '');
        if (!Number.isNaN(serverDate)) this.clockOffsetMs = serverDate - 1000 - nowMs;
        // A $batch answered 200 made progress only if one of its parts did: pauseOnThrottledParts decides.
        if (!isBatch || !response.ok) this.noteThrottled(response.status === 429, nowMs);
        this.gate.onResponse({
            status: response.status,
            retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), nowMs),
            dopHint: dopHint(response.headers),
        });
    }
}
