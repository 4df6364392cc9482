/**
 * Executes parsed $batch items (dataverse.md §8): parts in order; a change set is atomic (rolled back on the
 * first failure, answered by that failure alone, as Dataverse does); without `Prefer: odata.continue-on-error`
 * the batch stops at the first failed item, with it every item runs and carries its own status.
 */
import type { BatchItem, BatchPart, BatchResponseItem, PartResponse } from './batch';
import type { EngineStore } from './store';
import type { OpRequest, OpResult } from './types';

/** What running a batch needs from the emulator. */
export type BatchRunner = {
    execute(op: OpRequest): OpResult;
    store: EngineStore;
    continueOnError: boolean;
    /** Fault injection: the answer of a part that fails without running, or undefined to run it. */
    partFault(): OpResult | undefined;
    /** Service root path, to turn absolute/relative part URLs into operation paths. */
    rootPath: string;
};

/** Turns a part URL (absolute, /api/data/v9.2/…, relative or `$n`) into an operation. */
export function toOperation(part: BatchPart, rootPath: string, refs: Map<string, string>): OpRequest {
    let url = part.url;
    const ref = /^\$(\w+)(.*)$/.exec(url);
    if (ref && refs.has(ref[1])) url = `${refs.get(ref[1])}${ref[2]}`;
    const parsed = new URL(url, `http://batch.invalid${rootPath}`);
    const path = parsed.pathname.startsWith(rootPath)
        ? parsed.pathname.slice(rootPath.length)
        : parsed.pathname.replace(/^\//, '');
    return { method: part.method, path, query: parsed.searchParams, headers: part.headers, body: part.body };
}

function runPart(r: BatchRunner, part: BatchPart, refs: Map<string, string>): PartResponse {
    const result = r.partFault() ?? r.execute(toOperation(part, r.rootPath, refs));
    if (part.contentId !== undefined && result.headers['OData-EntityId'])
        refs.set(part.contentId, result.headers['OData-EntityId']);
    return { ...result, contentId: part.contentId };
}

function runChangeset(r: BatchRunner, parts: BatchPart[]): BatchResponseItem {
    const refs = new Map<string, string>();
    const responses: PartResponse[] = [];
    r.store.begin();
    for (const part of parts) {
        const response = runPart(r, part, refs);
        if (response.status >= 400) {
            r.store.rollback();
            return { kind: 'part', response };
        }
        responses.push(response);
    }
    r.store.commit();
    return { kind: 'changeset', responses };
}

function failed(item: BatchResponseItem): boolean {
    return item.kind === 'part' && item.response.status >= 400;
}

/** Runs the items; returns response items in request order. */
export function runBatch(r: BatchRunner, items: BatchItem[]): BatchResponseItem[] {
    const out: BatchResponseItem[] = [];
    for (const item of items) {
        const response: BatchResponseItem =
            item.kind === 'part'
                ? { kind: 'part', response: runPart(r, item.part, new Map()) }
                : runChangeset(r, item.parts);
        out.push(response);
        if (failed(response) && !r.continueOnError) break;
    }
    return out;
}
