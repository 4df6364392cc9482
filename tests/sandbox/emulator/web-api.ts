/**
 * The Web API request pipeline (dataverse.md §8–9): tick the domain, 401 on an expired session, parse $batch,
 * service protection (429), faults (drop, 503, latency), hold the response for the simulated execution time
 * (cost / timeScale real ms, so concurrency behaves as on the real service), execute, respond and log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildBatchResponse, countOperations, parseBatch, type BatchItem } from './batch';
import { runBatch } from './batch-run';
import type { RequestLogEntry } from './contract';
import type { Engine } from './engine';
import { MAX_LOG } from './engine';
import { CODES, EmulatorError, odataError, sqlError } from './errors';
import { delay, flatHeaders, readBody, send } from './http-util';
import { parsePrefer } from './prefer';
import { executeOperation } from './router';
import { requestCost } from './cost';
import { noteAnsweredWrite, stormRefusal } from './timed-faults';
import { signedOutReply } from './signed-out';
import type { OpEnv, OpRequest, OpResult } from './types';
import type { EmulatorUser } from './contract';

/** Service root path of the Web API. */
export const ROOT = '/api/data/v9.2/';

type Reply = { status: number; headers: Record<string, string>; body?: unknown; contentType?: string };

function sessionExpired(): Reply {
    // (unconfirmed) body text; the WWW-Authenticate challenge is what clients key on.
    const r = odataError(401, CODES.unauthenticated, 'The user session has expired. Sign in again to continue.');
    return {
        ...r,
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="The session has expired"' },
    };
}

/**
 * The injected failure of one operation — a $batch part or a write sent alone: the generic 500, or a transient SQL
 * error (issue 14), else undefined.
 */
function partFault(e: Engine): OpResult | undefined {
    const f = e.faults;
    if (f.batchPartFailureRate > 0 && e.random() < f.batchPartFailureRate)
        return odataError(500, CODES.unexpected, 'An unexpected error occurred.');
    if (f.batchPartSqlErrorRate > 0 && e.random() < f.batchPartSqlErrorRate) return sqlError(f.batchPartSqlError);
    return undefined;
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
            partFault: () => partFault(e),
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
    const entry: Omit<RequestLogEntry, 'status' | 'endedMs'> = {
        method: op.method,
        path: url.pathname + url.search,
        startedMs,
        operations: items ? countOperations(items) : 1,
        insideRetryAfter,
        costMs: 0,
    };
    const finish = (r: Reply) => {
        const headers = { 'OData-Version': '4.0', ...e.protection.headers(userId, e.clock.now()), ...r.headers };
        send(res, r.status, headers, r.body, r.contentType);
        const retryAfterS = Number(r.headers['Retry-After']);
        e.log.push({
            ...entry,
            status: r.status,
            endedMs: e.clock.now(),
            ...(retryAfterS > 0 ? { retryAfterS } : {}),
        });
        if (e.log.length > MAX_LOG) e.log.splice(0, e.log.length - MAX_LOG);
    };
    if (admission?.drop) {
        req.socket.destroy();
        e.log.push({ ...entry, status: 0, endedMs: e.clock.now() });
        return;
    }
    if (admission?.reply) return finish(admission.reply);
    const signIn = signedOutReply(e, e.clock.now(), `http://${req.headers.host ?? '127.0.0.1'}/`);
    if (signIn) {
        res.writeHead(signIn.status, { ...signIn.headers, 'Content-Length': String(Buffer.byteLength(signIn.body)) });
        res.end(signIn.body);
        e.log.push({ ...entry, status: signIn.status, endedMs: e.clock.now(), signedOut: true });
        return;
    }
    if (e.faults.sessionExpired) return finish(sessionExpired());
    const storm = stormRefusal(e, userId, e.clock.now());
    if (storm) return finish(storm);
    const cost = requestCost(e.limits.costMs, op.method, items, e.costRandom);
    const refused = e.protection.admit(userId, e.clock.now(), cost);
    if (refused) return finish(refused);
    entry.costMs = cost;
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
        await delay(e.clock.toRealMs(cost));
        // A write sent on its own meets the same per-operation faults as a $batch part (a client may send either).
        const loneFault = !items && op.method !== 'GET' ? partFault(e) : undefined;
        finish(loneFault ?? execute(e, op, serviceRoot, items, user));
        noteAnsweredWrite(e, op.method);
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
