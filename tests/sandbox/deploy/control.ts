/**
 * The switches under /_emulator/deploy/ (never part of the Web API; documented in tests/sandbox/emulator/README.md),
 * the host's GET /_sandbox/form, and /control/… served from the last imported zip. The Entra stand-in's own paths
 * (/_entra/…) are passed to it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import type { Row, Store } from '../emulator/contract';
import { CONTROL_NAME, STOCK_INFORMATION_FORM_ID } from './constants';
import type { EntraConfig } from './entra';
import { FORM_VARIANTS, findPlacement, formRows, type FormVariant } from './forms';
import { DEFAULT_SWITCHES, NO_LOCK, type DeployState, type FaultRule, type Switches } from './state';
import { DEPLOY_TABLES, seedRows, type DeploymentMode } from './tables';

/** Path prefix of the switches. */
export const DEPLOY_CONTROL_ROOT = '/_emulator/deploy/';

const TYPES: Record<string, string> = {
    '.js': 'text/javascript; charset=utf-8',
    '.xml': 'application/xml; charset=utf-8',
    '.resx': 'application/xml; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
            try {
                const text = Buffer.concat(chunks).toString('utf8');
                resolve((text ? JSON.parse(text) : {}) as Record<string, unknown>);
            } catch (e) {
                reject(new Error(`invalid JSON: ${(e as Error).message}`));
            }
        });
        req.on('error', reject);
    });
}

function replaceRows(store: Store, set: string, key: string, rows: Row[]): void {
    for (const r of store.list(set)) store.remove(set, String(r[key]));
    for (const r of rows) store.upsert(set, String(r[key]), r);
}

/** Re-seed the deployment tables for a mode (POST /_emulator/deploy/reset). */
export function resetDeployment(s: DeployState, store: Store, mode: DeploymentMode): void {
    s.mode = mode;
    s.formVariant = mode === 'fresh' ? 'stock' : 'placed';
    s.switches = { ...DEFAULT_SWITCHES };
    s.lock = { ...NO_LOCK };
    s.faults = [];
    s.staged.clear();
    s.runs = [];
    s.imported.clear();
    const rows = seedRows(mode, s.formVariant, s.controlVersion);
    for (const t of DEPLOY_TABLES) replaceRows(store, t.entitySet, t.primaryKey, rows[t.entitySet] ?? []);
}

function setSwitches(s: DeployState, body: Record<string, unknown>): Switches {
    const next = { ...s.switches, ...body } as Switches;
    if (!['none', 'reported', 'silent'].includes(next.componentFailure))
        throw new Error('componentFailure must be none, reported or silent');
    if (!['names', 'numbers'].includes(next.stageEnums)) throw new Error('stageEnums must be names or numbers');
    for (const k of Object.keys(body)) if (!(k in DEFAULT_SWITCHES)) throw new Error(`unknown switch ${k}`);
    s.switches = next;
    return next;
}

function editPublishedForm(store: Store, formid: string): Row {
    const form = store.get('systemforms', formid);
    if (!form) throw new Error(`no systemform ${formid}`);
    // Someone renamed a label in the classic editor and published: the form's hash and ETag change.
    const formxml = String(form.formxml).replace(/description="Name"/, 'description="Profile name"');
    return store.upsert('systemforms', formid, {
        formxml:
            formxml === form.formxml ? formxml.replace('<form>', '<form headerdensity="HighWithControls">') : formxml,
    });
}

type Handler = (s: DeployState, body: Record<string, unknown>, store: Store) => unknown;

const POSTS: Record<string, Handler> = {
    'signin-user': (s, body) => {
        s.entra.setSigninUser(String(body.upn ?? ''));
        return { upn: s.entra.signinUser() };
    },
    entra: (s, body) => s.entra.configure(body as EntraConfig),
    failures: (s, body) => setSwitches(s, body),
    lock: (s, body) => {
        const seconds = Number(body.seconds ?? 0);
        if (!(seconds >= 0)) throw new Error('seconds must be ≥ 0');
        s.lock = {
            untilMs: s.now() + seconds * 1000,
            operation: String(body.operation ?? 'Import'),
            reply: body.reply === 'error' ? 'error' : 'throttle',
        };
        return { seconds, lock: s.lock };
    },
    forms: (s, body, store) => {
        const variant = String(body.variant ?? '') as FormVariant;
        if (!FORM_VARIANTS.includes(variant)) throw new Error(`variant must be one of ${FORM_VARIANTS.join(', ')}`);
        s.formVariant = variant;
        replaceRows(store, 'systemforms', 'formid', formRows(variant));
        return { variant };
    },
    'forms/edit': (_s, body, store) => {
        const row = editPublishedForm(store, String(body.formid ?? STOCK_INFORMATION_FORM_ID));
        return { formid: row.formid };
    },
    solution: (_s, body, store) => {
        const uniqueName = String(body.uniqueName ?? 'EmailServerProfileAssistant');
        const existing = store.list('solutions').find((r) => r.uniquename === uniqueName);
        const id = String(existing?.solutionid ?? 'a1000000-0000-4000-8000-0000000000aa');
        if (body.remove === true) {
            store.remove('solutions', id);
            return { removed: uniqueName };
        }
        return store.upsert('solutions', id, {
            uniquename: uniqueName,
            friendlyname: String(body.friendlyName ?? 'Email Server Profile Assistant'),
            version: String(body.version ?? '0.0.1.0'),
            ismanaged: body.managed === true,
            isvisible: true,
            installedon: '2026-11-01T09:00:00Z',
        });
    },
    faults: (s, body) => {
        const rules = (body.rules ?? []) as FaultRule[];
        for (const r of rules)
            if (typeof r.match !== 'string' || ![401, 429, 503, 'drop'].includes(r.reply))
                throw new Error('each rule needs match and reply 401, 429, 503 or "drop"');
        s.faults = [...s.faults, ...rules.map((r) => ({ ...r, seen: 0 }))];
        return { faults: s.faults };
    },
    reset: (s, body, store) => {
        const mode = (body.mode ?? s.mode) as DeploymentMode;
        if (mode !== 'placed' && mode !== 'fresh') throw new Error('mode must be placed or fresh');
        resetDeployment(s, store, mode);
        return { mode };
    },
};

/** The published main form the host renders and where it places the control (GET /_sandbox/form). */
export function formForHost(state: DeployState, store: Store): Record<string, unknown> {
    const forms = store
        .list('systemforms')
        .filter((f) => f.objecttypecode === 'emailserverprofile' && f.type === 2 && f.formactivationstate === 1);
    const form = forms.find((f) => f.formid === STOCK_INFORMATION_FORM_ID) ?? forms[0];
    const placement = form ? findPlacement(String(form.formxml ?? '')) : undefined;
    const control = store.list('customcontrols').find((c) => c.name === CONTROL_NAME);
    return {
        formId: form?.formid ?? null,
        formName: form?.name ?? null,
        placement: placement && control ? placement : null,
        control: control
            ? {
                  name: CONTROL_NAME,
                  version: control.version,
                  source: state.imported.has(CONTROL_NAME) ? 'solution' : 'build',
              }
            : null,
    };
}

function stateOf(s: DeployState, store: Store): Record<string, unknown> {
    return {
        mode: s.mode,
        formVariant: s.formVariant,
        switches: s.switches,
        lock: s.lock,
        faults: s.faults,
        signinUser: s.entra.signinUser(),
        imports: s.runs.map((r) => ({
            asyncOperationId: r.asyncId,
            importJobId: r.jobId,
            solution: r.pkg.uniqueName,
            version: r.pkg.version,
            done: r.done,
            statuscode: r.outcome.statuscode,
        })),
        tokenRequests: s.entra.requests(),
        form: formForHost(s, store),
    };
}

async function serveSwitch(
    s: DeployState,
    req: IncomingMessage,
    res: ServerResponse,
    store: Store,
    path: string,
): Promise<void> {
    if (req.method === 'GET' && path === 'state') return sendJson(res, 200, stateOf(s, store));
    const handler = POSTS[path];
    if (req.method !== 'POST' || !handler)
        return sendJson(res, 404, { error: `No deploy switch ${req.method ?? ''} ${path}` });
    try {
        sendJson(res, 200, handler(s, await readJson(req), store));
    } catch (e) {
        sendJson(res, 400, { error: (e as Error).message });
    }
}

function serveImportedFile(s: DeployState, res: ServerResponse, rel: string): boolean {
    const control = s.imported.get(CONTROL_NAME);
    if (!control) return false;
    const bytes = control.files.get(rel);
    if (!bytes) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`${rel} is not in the imported solution`);
        return true;
    }
    res.writeHead(200, {
        'Content-Type': TYPES[extname(rel).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': bytes.length,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
    });
    res.end(Buffer.from(bytes));
    return true;
}

/** Serve the stand-in's own paths; false for anything else. */
export function serveControl(s: DeployState, req: IncomingMessage, res: ServerResponse, store: Store): boolean {
    if (s.entra.handle(req, res)) return true;
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    if (path.startsWith(DEPLOY_CONTROL_ROOT)) {
        serveSwitch(s, req, res, store, path.slice(DEPLOY_CONTROL_ROOT.length)).catch((e: Error) =>
            sendJson(res, 500, { error: e.message }),
        );
        return true;
    }
    if (path === '/_sandbox/form' && req.method === 'GET') {
        sendJson(res, 200, formForHost(s, store));
        return true;
    }
    if (path.startsWith('/control/') && (req.method === 'GET' || req.method === 'HEAD'))
        return serveImportedFile(s, res, decodeURIComponent(path.slice('/control/'.length)));
    return false;
}
