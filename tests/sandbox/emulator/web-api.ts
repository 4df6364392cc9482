/**
 * The Web API request pipeline (dataverse.md §8–9): tick the domain, 401 on an expired session, parse $batch,
 * service protection (429), faults (drop, 503, latency), hold the response for the simulated execution time
 * (cost / timeScale real ms, so concurrency behaves as on the real service), execute, respond and log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildBatchResponse, countOperations, parseBatch, type BatchItem } from './batch';
import { runBatch } from './batch-run';
import type { Engine } from './engine';
import { MAX_LOG } from './engine';
import { CODES, EmulatorError, odataError } from './errors';
import { delay, flatHeaders, readBody, send } from './http-util';
import { parsePrefer } from './prefer';
import { executeOperation, operationKind } from './router';
import type { OpEnv, OpRequest, OpResult } from './types';
import type { EmulatorUser } from './contract';

/** Service root path of the Web API. */
export const ROOT = '/api/data/v9.2/';

type Reply = { status: number; headers: Record<string, string>; body?: unknown; contentType?: string };

function costOf(e: Engine, method: string, items: BatchItem[] | undefined): number {
    const c = e.limits.costMs;
    if (!items) return c[operationKind(method)];
    let total = 0;
    for (const item of items) {
        const parts = item.kind === 'part' ? [item.part] : item.parts;
        for (const p of parts) total += c[operationKind(p.method)] + c.batchPart;
    }
    return total;
}

function sessionExpired(): Reply {
    // (unconfirmed) body text; the WWW-Authenticate challenge is what clients key on.
    const r = odataError(401, CODES.unauthenticated, 'The user session has expired. Sign in again to continue.');
    return {
        ...r,
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="The session has expired"' },
    };
}

function env(e: Engine, serviceRoot: string, user: EmulatorUser): OpEnv {
    return {
        domain: e.domain,
        store: e.store,
        tables: e.tables,
        user,
        nowMs: e.clock.now(),
        serviceRoot,
        random: e.random,
        faults: e.faults,
        pages: e.pages,
        extension: e.extension,
    };
}

function execute(
    e: Engine,
    op: OpRequest,
    serviceRoot: string,
    items: BatchItem[] | undefined,
    user: EmulatorUser,
): Reply {
    e.tick();
    const opEnv = env(e, serviceRoot, user);
    if (!items) return executeOperation(opEnv, op);
    const continueOnError = parsePrefer(op.headers.prefer).continueOnError;
    const responses = runBatch(
        {
            execute: (part) => executeOperation({ ...opEnv, nowMs: e.clock.now() }, part),
            store: e.store,
            continueOnError,
            partFails: () => e.faults.batchPartFailureRate > 0 && e.random() < e.faults.batchPartFailureRate,
            rootPath: ROOT,
        },
        items,
    );
    const id = Math.floor(e.random() * 2 ** 32)
        .toString(16)
        .padStart(8, '0');
    const built = buildBatchResponse(responses, id);
    // Microsoft Learn "Execute batch operations using the Web API" (handling errors): a batch that stopped at a
    // failed part answers 400 with the parts so far; with continue-on-error it answers 200 (dataverse.md §8).
    const stopped = !continueOnError && responses.some((r) => r.kind === 'part' && r.response.status >= 400);
    const headers: Record<string, string> = continueOnError ? { 'Preference-Applied': 'odata.continue-on-error' } : {};
    return { status: stopped ? 400 : 200, headers, body: built.body, contentType: built.contentType };
}

function parseItems(op: OpRequest): BatchItem[] | OpResult | undefined {
    if (op.path !== '$batch') return undefined;
    if (op.method !== 'POST')
        return odataError(405, CODES.odataQuery, `The HTTP method '${op.method}' is not allowed for $batch.`);
    try {
        return parseBatch(op.body, op.headers['content-type']);
    } catch (err) {
        if (err instanceof EmulatorError) return err.result;
        throw err;
    }
}

/** Serves one Web API request; resolves when the response is written (or the socket destroyed). */
export async function serveWebApi(e: Engine, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedMs = e.clock.now();
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const serviceRoot = `http://${req.headers.host ?? '127.0.0.1'}${ROOT}`;
    const op: OpRequest = {
        method: req.method ?? 'GET',
        path: url.pathname.slice(ROOT.length),
        query: url.searchParams,
        headers: flatHeaders(req),
        body,
    };
    e.tick();
    // An extension (the deployment stand-in) may answer first (401 challenge, bearer checks, one-shot faults) or say
    // which user a bearer token stands for; without one, requests run as the sandbox's signed-in user.
    const admission = e.extension?.admit?.(req, op, e.clock.now());
    const user = admission?.user ?? e.user();
    const userId = user.systemuserid;
    const insideRetryAfter = e.protection.insideRetryAfter(userId, e.clock.now());
    const parsed = parseItems(op);
    const items = Array.isArray(parsed) ? parsed : undefined;
    const entry = {
        method: op.method,
        path: url.pathname + url.search,
        startedMs,
        operations: items ? countOperations(items) : 1,
        insideRetryAfter,
    };
    const finish = (r: Reply) => {
        const headers = { 'OData-Version': '4.0', ...e.protection.headers(userId, e.clock.now()), ...r.headers };
        send(res, r.status, headers, r.body, r.contentType);
        e.log.push({ ...entry, status: r.status, endedMs: e.clock.now() });
        if (e.log.length > MAX_LOG) e.log.splice(0, e.log.length - MAX_LOG);
    };
    if (admission?.drop) {
        req.socket.destroy();
        e.log.push({ ...entry, status: 0, endedMs: e.clock.now() });
        return;
    }
    if (admission?.reply) return finish(admission.reply);
    if (e.faults.sessionExpired) return finish(sessionExpired());
    const refused = e.protection.admit(userId, e.clock.now(), costOf(e, op.method, items));
    if (refused) return finish(refused);
    try {
        await delay(e.faults.latencyMs);
        if (e.faults.dropConnectionRate > 0 && e.random() < e.faults.dropConnectionRate) {
            req.socket.destroy();
            e.log.push({ ...entry, status: 0, endedMs: e.clock.now() });
            return;
        }
        if (e.faults.error503Rate > 0 && e.random() < e.faults.error503Rate)
            return finish(
                odataError(503, CODES.unexpected, 'The service is temporarily unavailable. Try again later.'),
            );
        if (parsed !== undefined && !Array.isArray(parsed)) return finish(parsed);
        await delay(e.clock.toRealMs(costOf(e, op.method, items)));
        finish(execute(e, op, serviceRoot, items, user));
    } catch (err) {
        finish(
            odataError(
                500,
                CODES.unexpected,
                `An unexpected error occurred: ${err instanceof Error ? err.message : String(err)}`,
            ),
        );
    } finally {
        e.protection.release(userId);
    }
}
