/**
 * Pure OData $batch builder and parser (dataverse.md §8). Parts are always top-level — never a change set —
 * so one refused mailbox cannot roll back the others (libraries.md §12.2). A failed part is a value.
 */

/** Maximum operations Dataverse accepts in one $batch (dataverse.md §8). */
export const MAX_BATCH_OPS = 1000;

const CRLF = '\r\n';

/** One operation inside a batch; `path` is relative to /api/data/v9.2/ or absolute. */
export type BatchOp = {
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    path: string;
    body?: unknown;
    ifMatch?: string;
    headers?: Record<string, string>;
};

/** The error carried by a failed part, shaped like DataverseError. */
export type BatchPartError = { status: number; code: string; message: string };

/** One answered part, in request order. */
export type BatchPart = {
    status: number;
    headers: Record<string, string>;
    body: unknown;
    error?: BatchPartError;
};

/** Options for buildBatch. */
export type BuildBatchOptions = { boundary: string; baseUrl: string };

function absoluteUrl(baseUrl: string, path: string): string {
    if (/^https?:\/\//i.test(path)) return path;
    return `${baseUrl.replace(/\/$/, '')}/api/data/v9.2/${path.replace(/^\//, '')}`;
}

function buildPart(op: BatchOp, baseUrl: string): string {
    const lines = [
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        '',
        `${op.method} ${absoluteUrl(baseUrl, op.path)} HTTP/1.1`,
    ];
    if (op.body !== undefined) lines.push('Content-Type: application/json; type=entry');
    if (op.ifMatch) lines.push(`If-Match: ${op.ifMatch}`);
    for (const [name, value] of Object.entries(op.headers ?? {})) lines.push(`${name}: ${value}`);
    lines.push('', op.body === undefined ? '' : JSON.stringify(op.body));
    return lines.join(CRLF);
}

/** Build a multipart/mixed $batch body with one top-level part per op, CRLF line ends. */
export function buildBatch(ops: readonly BatchOp[], options: BuildBatchOptions): string {
    if (ops.length > MAX_BATCH_OPS) throw new Error(`A $batch holds at most ${MAX_BATCH_OPS} operations`);
    const parts = ops.map((op) => `--${options.boundary}${CRLF}${buildPart(op, options.baseUrl)}${CRLF}`);
    return `${parts.join('')}--${options.boundary}--${CRLF}`;
}

/** Content-Type header value for a body built with `boundary`. */
export function batchContentType(boundary: string): string {
    return `multipart/mixed; boundary=${boundary}`;
}

/** Split ops into chunks of at most `size` (clamped to 1…1000). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
    const chunkLength = Math.max(1, Math.min(MAX_BATCH_OPS, Math.floor(size)));
    const chunks: T[][] = [];
    for (let start = 0; start < items.length; start += chunkLength)
        chunks.push(items.slice(start, start + chunkLength));
    return chunks;
}

/** The boundary parameter of a multipart Content-Type, or undefined. */
export function boundaryOf(contentType: string): string | undefined {
    const match = /boundary=("?)([^";]+)\1/i.exec(contentType);
    return match?.[2];
}

function escapeRegExp(value: string): string {
    return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function splitMultipart(body: string, boundary: string): string[] {
    const text = body.replace(/\r\n/g, '\n');
    const delimiter = new RegExp(`^--${escapeRegExp(boundary)}(--)?[ \\t]*$`, 'm');
    const pieces = text.split(delimiter);
    // split with a capture group interleaves '--' / undefined markers; keep text between delimiters only.
    const out: string[] = [];
    for (let i = 2; i < pieces.length; i += 2) {
        if (pieces[i - 1] === '--') break;
        out.push(pieces[i]);
    }
    return out;
}

function splitHead(block: string): { head: string; rest: string } {
    const trimmed = block.replace(/^\n/, '');
    const at = trimmed.indexOf('\n\n');
    if (at < 0) return { head: trimmed, rest: '' };
    return { head: trimmed.slice(0, at), rest: trimmed.slice(at + 2) };
}

function parseHeaders(head: string): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const line of head.split('\n')) {
        const at = line.indexOf(':');
        if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
    }
    return headers;
}

function parseJson(text: string): unknown {
    const trimmed = text.trim();
    if (!trimmed) return undefined;
    try {
        return JSON.parse(trimmed) as unknown;
    } catch {
        return trimmed;
    }
}

function errorOf(status: number, body: unknown): BatchPartError | undefined {
    if (status < 400 && status !== 0) return undefined;
    const err = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof err?.code === 'string' ? err.code : '';
    const message = typeof err?.message === 'string' ? err.message : `HTTP ${status}`;
    return { status, code, message };
}

function parseHttpPart(block: string): BatchPart {
    const outer = splitHead(block);
    const inner = splitHead(outer.rest);
    const [statusLine, ...headerLines] = inner.head.split('\n');
    const status = Number(/^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine ?? '')?.[1] ?? 0);
    const body = parseJson(inner.rest);
    const part: BatchPart = { status, headers: parseHeaders(headerLines.join('\n')), body };
    const error = errorOf(status, body);
    return error ? { ...part, error } : part;
}

function parseBlock(block: string): BatchPart[] {
    const { head, rest } = splitHead(block);
    const contentType = parseHeaders(head)['content-type'] ?? '';
    const nested = boundaryOf(contentType);
    if (nested && /multipart\/mixed/i.test(contentType)) return splitMultipart(rest, nested).flatMap(parseBlock);
    return [parseHttpPart(block)];
}

/** Parse a $batch response into parts in order; change set responses are flattened in place. */
export function parseBatchResponse(contentTypeHeader: string, body: string): BatchPart[] {
    const boundary = boundaryOf(contentTypeHeader);
    if (!boundary) throw new Error('The $batch response has no multipart boundary');
    return splitMultipart(body, boundary).flatMap(parseBlock);
}
