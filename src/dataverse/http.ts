import { DataverseError, NETWORK_ERROR_STATUS } from './errors';

/** The fetch signature the client needs; injected so tests and the sandbox can supply their own. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Options for one Web API call. */
export type SendOptions = {
    method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    body?: unknown;
    ifMatch?: string;
    prefer?: string[];
    signal?: AbortSignal;
};

/** A JSON Web API response. */
export type JsonResponse<T> = { status: number; body: T; headers: Headers };

const BASE_HEADERS: Record<string, string> = {
    'OData-Version': '4.0',
    'OData-MaxVersion': '4.0',
    Accept: 'application/json',
    // Microsoft's own UCI script sends this on same-origin Web API calls (dataverse.md §10).
    'X-Requested-With': 'XMLHttpRequest',
};

/** Parse Retry-After (delta seconds or HTTP-date, RFC 9110 §10.2.3) into milliseconds from `nowMs`. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
    if (value === null || value.trim() === '') return undefined;
    const seconds = Number(value);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

async function toError(response: Response): Promise<DataverseError> {
    let code = '';
    let message = `HTTP ${response.status}`;
    try {
        const body = (await response.json()) as { error?: { code?: string; message?: string } };
        code = body.error?.code ?? '';
        message = body.error?.message ?? message;
    } catch {
        // Non-JSON error bodies (gateway pages) keep the status text.
    }
    return new DataverseError(response.status, code, message, parseRetryAfter(response.headers.get('Retry-After'), Date.now()));
}

/** The one place that talks HTTP to the Dataverse Web API. */
export class DataverseHttp {
    constructor(
        private readonly baseUrl: string,
        private readonly fetchFn: FetchLike,
    ) {}

    /** Absolute URL for a path relative to /api/data/v9.2/. */
    url(path: string): string {
        return path.startsWith('http') ? path : `${this.baseUrl.replace(/\/$/, '')}/api/data/v9.2/${path}`;
    }

    /** Send one request; non-2xx answers and network failures throw DataverseError. */
    async send<T>(path: string, options: SendOptions = {}): Promise<JsonResponse<T>> {
        const headers: Record<string, string> = { ...BASE_HEADERS };
        if (options.body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
        if (options.ifMatch) headers['If-Match'] = options.ifMatch;
        if (options.prefer?.length) headers.Prefer = options.prefer.join(',');
        let response: Response;
        try {
            response = await this.fetchFn(this.url(path), {
                method: options.method ?? 'GET',
                headers,
                body: options.body === undefined ? undefined : JSON.stringify(options.body),
                credentials: 'same-origin',
                signal: options.signal,
            });
        } catch (e) {
            if (options.signal?.aborted) throw e;
            throw new DataverseError(NETWORK_ERROR_STATUS, 'NetworkError', 'The request did not reach Dataverse.');
        }
        if (!response.ok) throw await toError(response);
        const text = response.status === 204 ? '' : await response.text();
        return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
    }
}
