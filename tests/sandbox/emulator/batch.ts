/**
 * $batch wire format (dataverse.md §8): parse a multipart/mixed request (CRLF or LF) into parts and change
 * sets, and build the multipart/mixed response with parts in request order. Pure: no store, no HTTP.
 */
import { CODES, EmulatorError, odataError } from './errors';

/** One request inside a $batch. */
export type BatchPart = {
    method: string;
    url: string;
    headers: Record<string, string>;
    body: string;
    contentId?: string;
};
/** A top-level item: a lone part or an atomic change set. */
export type BatchItem = { kind: 'part'; part: BatchPart } | { kind: 'changeset'; parts: BatchPart[] };
/** One response part (status line, headers, JSON body). */
export type PartResponse = {
    status: number;
    headers: Record<string, string>;
    body?: unknown;
    contentType?: string;
    contentId?: string;
};
/** A top-level response item. */
export type BatchResponseItem =
    { kind: 'part'; response: PartResponse } | { kind: 'changeset'; responses: PartResponse[] };

/** Operations allowed in one $batch (dataverse.md §8). */
export const MAX_BATCH_OPERATIONS = 1000;

const REASONS: Record<number, string> = {
    200: 'OK',
    201: 'Created',
    204: 'No Content',
    304: 'Not Modified',
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    412: 'Precondition Failed',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
};

/** HTTP reason phrase for a status. */
export function reasonPhrase(status: number): string {
    return REASONS[status] ?? 'Unknown';
}

function badBatch(message: string): EmulatorError {
    return new EmulatorError(odataError(400, CODES.odataQuery, message));
}

/** The boundary parameter of a multipart Content-Type, or undefined. */
export function boundaryOf(contentType: string | undefined): string | undefined {
    const m = /boundary=("?)([^";]+)\1/i.exec(contentType ?? '');
    return m?.[2];
}

function splitParts(text: string, boundary: string): string[] {
    const segments = text.split(`--${boundary}`);
    const out: string[] = [];
    for (const seg of segments.slice(1)) {
        if (seg.startsWith('--')) return out;
        out.push(seg.replace(/^[ \t]*\n/, '').replace(/\n$/, ''));
    }
    throw badBatch(`The multipart body is missing the closing delimiter '--${boundary}--'.`);
}

function splitHead(block: string): { headers: Record<string, string>; rest: string; first?: string } {
    const idx = block.indexOf('\n\n');
    const head = idx < 0 ? block : block.slice(0, idx);
    const rest = idx < 0 ? '' : block.slice(idx + 2);
    const headers: Record<string, string> = {};
    for (const line of head.split('\n')) {
        const c = line.indexOf(':');
        if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
    }
    return { headers, rest };
}

function parseHttpPart(block: string): BatchPart {
    const outer = splitHead(block);
    if (!/^application\/http/i.test(outer.headers['content-type'] ?? ''))
        throw badBatch(
            `A batch part must have Content-Type application/http; got '${outer.headers['content-type'] ?? ''}'.`,
        );
    const nl = outer.rest.indexOf('\n');
    const requestLine = (nl < 0 ? outer.rest : outer.rest.slice(0, nl)).trim();
    const m = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/1\.1)?$/.exec(requestLine);
    if (!m) throw badBatch(`The request line '${requestLine}' of a batch part is not valid.`);
    const inner = splitHead(nl < 0 ? '' : outer.rest.slice(nl + 1));
    return {
        method: m[1],
        url: m[2],
        headers: inner.headers,
        body: inner.rest.trim(),
        contentId: outer.headers['content-id'],
    };
}

/** Parses a $batch body; throws EmulatorError (400) on a malformed body, a GET in a change set or > 1,000 ops. */
export function parseBatch(body: string, contentType: string | undefined): BatchItem[] {
    const boundary = boundaryOf(contentType);
    if (!boundary || !/^multipart\/mixed/i.test(contentType ?? ''))
        throw badBatch('The $batch request must have Content-Type multipart/mixed with a boundary.');
    const text = body.replace(/\r\n/g, '\n');
    const items: BatchItem[] = splitParts(text, boundary).map((block): BatchItem => {
        const { headers, rest } = splitHead(block);
        const inner = boundaryOf(headers['content-type']);
        if (!/^multipart\/mixed/i.test(headers['content-type'] ?? '') || !inner)
            return { kind: 'part', part: parseHttpPart(block) };
        const parts = splitParts(rest, inner).map(parseHttpPart);
        if (parts.some((p) => p.method === 'GET'))
            throw badBatch('A change set cannot contain a GET request; move it outside the change set.');
        return { kind: 'changeset', parts };
    });
    const count = countOperations(items);
    // (unconfirmed) exact wording; the limit itself is documented (dataverse.md §8).
    if (count > MAX_BATCH_OPERATIONS)
        throw badBatch(
            `The number of operations in a batch request (${count}) exceeds the maximum of ${MAX_BATCH_OPERATIONS}.`,
        );
    return items;
}

/** Number of operations in parsed items. */
export function countOperations(items: BatchItem[]): number {
    return items.reduce((n, i) => n + (i.kind === 'part' ? 1 : i.parts.length), 0);
}

function renderPart(r: PartResponse): string {
    const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
    if (r.contentId !== undefined) lines.push(`Content-ID: ${r.contentId}`);
    lines.push('', `HTTP/1.1 ${r.status} ${reasonPhrase(r.status)}`);
    const headers: Record<string, string> = { 'OData-Version': '4.0', ...r.headers };
    if (r.body !== undefined) headers['Content-Type'] = r.contentType ?? 'application/json; odata.metadata=minimal';
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    lines.push('', r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
    return lines.join('\r\n');
}

/** Builds the multipart/mixed response body (CRLF), parts in request order. */
export function buildBatchResponse(items: BatchResponseItem[], id: string): { contentType: string; body: string } {
    const boundary = `batchresponse_${id}`;
    const chunks = items.map((item, n) => {
        if (item.kind === 'part') return `--${boundary}\r\n${renderPart(item.response)}`;
        const cs = `changesetresponse_${id}_${n}`;
        const inner = item.responses.map((r) => `--${cs}\r\n${renderPart(r)}`).join('\r\n');
        return `--${boundary}\r\nContent-Type: multipart/mixed; boundary=${cs}\r\n\r\n${inner}\r\n--${cs}--`;
    });
    return {
        contentType: `multipart/mixed; boundary=${boundary}`,
        body: `${chunks.join('\r\n')}\r\n--${boundary}--\r\n`,
    };
}
