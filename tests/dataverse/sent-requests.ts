/**
 * What the client sent: a fetch that passes every request on to the real server (the emulator) and keeps a copy,
 * with each $batch split into its parts by the emulator's own parser and each write sent on its own request kept as
 * its one part. Tests assert on what the server received.
 */
import type { FetchLike } from '../../src/dataverse/http';
import { parseBatch, type BatchPart } from '../sandbox/emulator/batch';

/**
 * One request as it left the client; `parts` are the write operations it carries: a $batch's parts, a lone write
 * itself, none for a read; `status` is the answer's, once one arrived (none for a connection that dropped).
 */
export type SentRequest = {
    method: string;
    url: string;
    /** Header names in lower case. */
    headers: Record<string, string>;
    body: string;
    parts: BatchPart[];
    status?: number;
};

/** The fetch to give the client, and what it sent. */
export type RequestRecorder = { fetch: FetchLike; sent: SentRequest[] };

function headersOf(init: RequestInit): Record<string, string> {
    const headers = (init.headers ?? {}) as Record<string, string>;
    return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** Record every request, let `beforeSend` see it, then hand it to `send` (the real fetch unless a test wraps it). */
export function recordRequests(
    send: FetchLike = (url, init) => fetch(url, init),
    beforeSend: (request: SentRequest) => void = () => undefined,
): RequestRecorder {
    const sent: SentRequest[] = [];
    const recordingFetch: FetchLike = (url, init) => {
        const body = typeof init.body === 'string' ? init.body : '';
        const headers = headersOf(init);
        const method = init.method ?? 'GET';
        const isBatch = url.endsWith('/$batch');
        const parts = isBatch
            ? parseBatch(body, headers['content-type']).flatMap((item) =>
                  item.kind === 'part' ? [item.part] : item.parts,
              )
            : method === 'GET'
              ? []
              : [{ method, url, headers, body }];
        const request: SentRequest = { method, url, headers, body, parts };
        sent.push(request);
        beforeSend(request);
        return send(url, init).then((response) => {
            request.status = response.status;
            return response;
        });
    };
    return { fetch: recordingFetch, sent };
}

/** Every write operation sent, in $batch parts or alone, in order. */
export function sentParts(sent: readonly SentRequest[]): BatchPart[] {
    return sent.flatMap((request) => request.parts);
}

/** The mailbox id a request or $batch part addresses (lower case), or undefined. */
export function mailboxOf(request: { url: string }): string | undefined {
    return /mailboxes\(([0-9a-f-]{36})\)/i.exec(request.url)?.[1].toLowerCase();
}

/** Ids of the mailboxes each approval PATCH was sent to, one entry per PATCH (duplicates kept). */
export function approvalsSent(sent: readonly SentRequest[]): string[] {
    return sentParts(sent)
        .filter((part) => part.method === 'PATCH' && 'emailrouteraccessapproval' in parseBody(part))
        .map((part) => mailboxOf(part) ?? '');
}

/** The Test & Enable PATCHes sent, one entry per PATCH. */
export function testsSent(sent: readonly SentRequest[]): BatchPart[] {
    return sentParts(sent).filter(
        (part) => part.method === 'PATCH' && 'testemailconfigurationscheduled' in parseBody(part),
    );
}

/** The JSON body of a part. */
export function parseBody(part: BatchPart): Record<string, unknown> {
    return part.body ? (JSON.parse(part.body) as Record<string, unknown>) : {};
}
