/**
 * Counts, per write (mailbox and body), how often the client sent it and how often the server refused it with 429,
 * to check the rule "every refused part is re-sent exactly once" (issue 17) on what really left the client.
 */
import type { FetchLike } from '../src/dataverse/http';
import { parseBatch } from '../tests/sandbox/emulator/batch';

/** What the tally found. */
export type WriteTally = {
    /** Writes (parts or lone writes) answered 429, counted per refusal. */
    refusedWrites: number;
    /** True when every write that was ever refused was sent exactly once more than it was refused. */
    refusedWritesResentOnce: boolean;
};

/** The keys of the writes a request carries: a $batch's parts, or the request itself; none for a read. */
function writesOf(url: string, init: RequestInit): string[] {
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? init.body : '';
    if (method === 'GET') return [];
    if (!url.endsWith('/$batch')) return [`${method} ${url} ${body}`];
    const contentType = new Headers(init.headers).get('content-type') ?? undefined;
    return parseBatch(body, contentType)
        .flatMap((item) => (item.kind === 'part' ? [item.part] : item.parts))
        .map((part) => `${part.method} ${part.url} ${part.body}`);
}

/** Wrap `fetch`; `tally()` reads the counts so far. */
export function tallyWrites(fetch: FetchLike): { fetch: FetchLike; tally(): WriteTally } {
    const sends = new Map<string, number>();
    const refusals = new Map<string, number>();
    const counted: FetchLike = async (url, init) => {
        const writes = writesOf(url, init);
        for (const write of writes) sends.set(write, (sends.get(write) ?? 0) + 1);
        const response = await fetch(url, init);
        if (response.status === 429) for (const write of writes) refusals.set(write, (refusals.get(write) ?? 0) + 1);
        return response;
    };
    return {
        fetch: counted,
        tally: () => ({
            refusedWrites: [...refusals.values()].reduce((sum, n) => sum + n, 0),
            refusedWritesResentOnce: [...refusals].every(([write, refused]) => sends.get(write) === refused + 1),
        }),
    };
}
