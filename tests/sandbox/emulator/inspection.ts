/**
 * The inspection API under /_emulator/ (never part of the Web API): store state without secrets (a write-only
 * column shows as `<col>__set: boolean`), the request log, run-time config and reset.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults, Limits, Row, TableDef } from './contract';
import type { Engine } from './engine';
import { readBody, send } from './http-util';
import { SIGN_IN_PATH, signInPageHtml } from './signed-out';

/** Path prefix of the inspection API. */
export const INSPECTION_ROOT = '/_emulator/';

/** What GET /_emulator/ lists, so the address the sandbox prints leads somewhere. */
const INSPECTION_ENDPOINTS = [
    'GET state/<entity set> — the table as stored (write-only columns as <column>__set)',
    'GET requests — the request log',
    'GET config — faults, limits, time scale and user',
    'POST config — change them (JSON body with faults, limits, timeScale, userId)',
    'POST reset — the seeded state again',
];

/** What POST /_emulator/config accepts. */
export type EmulatorConfig = {
    faults?: Partial<Faults>;
    limits?: Partial<Limits>;
    timeScale?: number;
    userId?: string;
};

function sanitize(table: TableDef, row: Row): Row {
    const out: Row = { ...row };
    for (const c of table.columns) {
        if (!c.writeOnly) continue;
        const v = out[c.name];
        delete out[c.name];
        out[`${c.name}__set`] = v !== undefined && v !== null && v !== '';
    }
    return out;
}

function config(e: Engine): EmulatorConfig {
    return { faults: e.faults, limits: e.limits, timeScale: e.clock.scale(), userId: e.userId };
}

function applyConfig(e: Engine, body: string): EmulatorConfig {
    const c = (body ? JSON.parse(body) : {}) as EmulatorConfig;
    if (c.userId !== undefined) e.setUser(c.userId);
    if (c.faults) e.setFaults(c.faults);
    if (c.limits) e.setLimits(c.limits);
    if (c.timeScale !== undefined) e.clock.setScale(c.timeScale);
    return config(e);
}

async function route(e: Engine, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.slice(INSPECTION_ROOT.length);
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const state = /^state\/(\w+)$/.exec(path);
    if (state && method === 'GET') {
        const table = e.tables.get(state[1]);
        if (!table) return send(res, 404, {}, { error: `Unknown entity set '${state[1]}'.` });
        return send(
            res,
            200,
            {},
            { value: e.store.list(table.entitySet).map((r) => sanitize(table, r)) },
            'application/json',
        );
    }
    if (`${INSPECTION_ROOT}${path}` === SIGN_IN_PATH && method === 'GET')
        return send(res, 200, { 'Cache-Control': 'no-store' }, signInPageHtml(), 'text/html; charset=utf-8');
    if (path === '' && method === 'GET')
        return send(res, 200, {}, { endpoints: INSPECTION_ENDPOINTS }, 'application/json');
    if (path === 'requests' && method === 'GET') return send(res, 200, {}, { value: e.log }, 'application/json');
    if (path === 'config' && method === 'GET') return send(res, 200, {}, config(e), 'application/json');
    if (path === 'config' && method === 'POST') return send(res, 200, {}, applyConfig(e, body), 'application/json');
    if (path === 'reset' && method === 'POST') {
        e.reset(e.domain);
        return send(res, 204, {});
    }
    send(res, 404, {}, { error: `No inspection endpoint ${method} ${url.pathname}.` }, 'application/json');
}

/** Serves one /_emulator/ request; bad JSON or an unknown user answer 400. */
export async function serveInspection(e: Engine, req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
        await route(e, req, res);
    } catch (err) {
        send(res, 400, {}, { error: err instanceof Error ? err.message : String(err) }, 'application/json');
    }
}
