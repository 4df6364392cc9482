/**
 * The sandbox: ONE http server on 127.0.0.1 that is at the same time the "Dataverse org" (Web API emulator),
 * the login/discovery endpoints and the model-driven form hosting the production bundle. Same origin for all,
 * as in Dataverse, where the session cookie authenticates same-origin Web API calls (dataverse.md §10).
 *
 * Routing order: emulator (/api/data/v9.2/, /_emulator/) → discovery (/_discovery/) → /_sandbox/scenario → host.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import type { ClientClock, Emulator } from './emulator/contract';
import {
    COST_MODELS,
    ENVIRONMENTS,
    createEmulator,
    isCostModel,
    isEnvironment,
    type CostModelName,
    type EnvironmentName,
} from './emulator';
import { createDomain, handleDiscovery, type SandboxDomain } from './domain';
import { ROLE_IDS } from './domain/ids';
import { createHostHandler } from './host/static';
import { createDeployment, type Deployment, type DeploymentMode } from './deploy';
import { existsSync, readFileSync } from 'node:fs';
import { FAULT_SCENARIOS, SEED_SIZES, isFaultScenario, scenarioSettings, type FaultScenario } from './scenarios';

/** Options of startSandbox. */
export type SandboxOptions = {
    /** 0 = any free port. */
    port?: number;
    host?: string;
    seed?: number;
    mailboxCount?: number;
    /** Emulated seconds per real second (10 = ten times faster). */
    timeScale?: number;
    /** The clock the page runs on: 'emulated' when the browser test scales the page's clock too (see the harness). */
    clientClock?: ClientClock;
    /** Emulated duration of one mailbox Test & Enable. */
    testDelayMs?: number;
    /** The email server profile the form shows; defaults to the domain's first profile. */
    profileId?: string;
    /** The signed-in user; defaults to the domain's first user. */
    userId?: string;
    fault?: FaultScenario;
    /** Organisation's "Process emails only for approved users / queues"; both on by default. */
    requireApproval?: RequireApproval;
    /** Environment size by the parallelism it advertises (x-ms-dop-hint 4 or 48); 'small' by default. */
    environment?: EnvironmentName;
    /** Cost model: 'default', or 'heavy' (plug-ins on mailbox update, writes 300–1,500 ms). */
    costModel?: CostModelName;
    /** The signed-in user's UI language (userSettings.languageId, which resx the host loads); 1033 by default. */
    languageId?: number;
    /** Build output served under /control/. */
    outDir?: string;
    /** Repository root (node_modules); defaults to the current directory. */
    root?: string;
    /** `placed` (default): the control installed and on the form, from the local build; `fresh`: the stock form, nothing installed. */
    deployment?: DeploymentMode;
    /** Where the Entra stand-in's one-line notices go (console.log by default). */
    log?: (line: string) => void;
};

/** The organisation's approval switches (organization.requireapprovalforuseremail / …forqueueemail). */
export type RequireApproval = { users: boolean; queues: boolean };

/** UI languages the host offers: LCID → the language's own name (the control ships a resx for each). */
export const LANGUAGES: readonly { languageId: number; name: string }[] = [
    { languageId: 1033, name: 'English' },
    { languageId: 1031, name: 'Deutsch' },
    { languageId: 1036, name: 'Français' },
];

/** The scenario as the sandbox panel shows it (GET/POST /_sandbox/scenario). */
export type SandboxState = {
    seed: number;
    mailboxCount: number;
    profileId: string;
    userId: string;
    fault: FaultScenario;
    requireApproval: RequireApproval;
    environment: EnvironmentName;
    costModel: CostModelName;
    /** userSettings.languageId of the signed-in user. */
    languageId: number;
    profiles: SandboxDomain['profiles'];
    users: {
        systemuserid: string;
        fullname: string;
        roles: string[];
        /** Role ids, what context.userSettings.securityRoles carries (the platform never exposes role names). */
        roleIds: string[];
        directoryRoles: string[];
        privileges: string[];
    }[];
    /** Table logical name → entity set, for the host's context.webAPI. */
    entitySets: Record<string, string>;
    faultScenarios: readonly string[];
    environments: readonly string[];
    costModels: readonly string[];
    seedSizes: readonly number[];
    languages: typeof LANGUAGES;
};

/** What POST /_sandbox/scenario accepts: any subset. */
export type ScenarioChange = Partial<
    Pick<
        SandboxState,
        | 'seed'
        | 'mailboxCount'
        | 'profileId'
        | 'userId'
        | 'fault'
        | 'requireApproval'
        | 'environment'
        | 'costModel'
        | 'languageId'
    >
>;

/** A running sandbox. */
export type Sandbox = {
    url: string;
    emulator: Emulator;
    /** The deployment stand-in (Entra, solutions, forms; tests/sandbox/deploy/). */
    deployment: Deployment;
    /** The domain currently loaded (replaced by each scenario change). */
    readonly domain: SandboxDomain;
    state(): SandboxState;
    /** Apply a scenario change exactly as the panel does; throws on invalid input. */
    setScenario(change: ScenarioChange): SandboxState;
    close(): Promise<void>;
};

type Scenario = {
    seed: number;
    mailboxCount: number;
    profileId?: string;
    userId?: string;
    fault: FaultScenario;
    requireApproval: RequireApproval;
    environment: EnvironmentName;
    costModel: CostModelName;
    languageId: number;
};

const MAX_BODY = 64 * 1024;
const MAX_MAILBOXES = 100_000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        let size = 0;
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_BODY) reject(new Error('request body too large'));
            else chunks.push(c);
        });
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}

function checkLanguage(languageId: unknown): number {
    if (!LANGUAGES.some((l) => l.languageId === languageId))
        throw new Error(`languageId must be one of ${LANGUAGES.map((l) => l.languageId).join(', ')}`);
    return languageId as number;
}

/** Check a scenario change against the current domain; returns the merged scenario or throws a readable error. */
function mergeChange(current: Scenario, change: ScenarioChange): Scenario {
    const next = { ...current };
    if (change.seed !== undefined) {
        if (!Number.isInteger(change.seed)) throw new Error('seed must be an integer');
        next.seed = change.seed;
    }
    if (change.mailboxCount !== undefined) {
        const n = change.mailboxCount;
        if (!Number.isInteger(n) || n < 0 || n > MAX_MAILBOXES)
            throw new Error(`mailboxCount must be 0..${MAX_MAILBOXES}`);
        next.mailboxCount = n;
    }
    if (change.fault !== undefined) {
        if (!isFaultScenario(change.fault)) throw new Error(`fault must be one of ${FAULT_SCENARIOS.join(', ')}`);
        next.fault = change.fault;
    }
    if (change.requireApproval !== undefined) {
        const r = change.requireApproval as Partial<RequireApproval> | null;
        if (typeof r?.users !== 'boolean' || typeof r.queues !== 'boolean')
            throw new Error('requireApproval must be { "users": boolean, "queues": boolean }');
        next.requireApproval = { users: r.users, queues: r.queues };
    }
    if (change.environment !== undefined) {
        if (!isEnvironment(change.environment))
            throw new Error(`environment must be one of ${Object.keys(ENVIRONMENTS).join(', ')}`);
        next.environment = change.environment;
    }
    if (change.costModel !== undefined) {
        if (!isCostModel(change.costModel))
            throw new Error(`costModel must be one of ${Object.keys(COST_MODELS).join(', ')}`);
        next.costModel = change.costModel;
    }
    if (change.languageId !== undefined) next.languageId = checkLanguage(change.languageId);
    if (change.profileId !== undefined) next.profileId = String(change.profileId);
    if (change.userId !== undefined) next.userId = String(change.userId);
    return next;
}

/** Faults and limits of a scenario: the fault scenario's, with the environment's dop hint and cost model on top. */
function settingsOf(s: Scenario): ReturnType<typeof scenarioSettings> {
    const base = scenarioSettings(s.fault);
    return {
        ...base,
        limits: { ...base.limits, ...ENVIRONMENTS[s.environment], costMs: { ...COST_MODELS[s.costModel] } },
    };
}

/** The version of the locally built control (what the seeded "placed" installation reports). */
function builtControlVersion(outDir: string): string {
    const manifest = resolvePath(outDir, 'ControlManifest.xml');
    if (!existsSync(manifest)) return '0.0.0';
    return /<control[^>]*\sversion="([^"]+)"/.exec(readFileSync(manifest, 'utf8'))?.[1] ?? '0.0.0';
}

/** Start the sandbox on one http server. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
    const root = resolvePath(options.root ?? process.cwd());
    const outDir = resolvePath(root, options.outDir ?? 'out/controls');
    const testDelayMs = options.testDelayMs;
    let scenario: Scenario = {
        seed: options.seed ?? 1,
        mailboxCount: options.mailboxCount ?? 1_000,
        profileId: options.profileId,
        userId: options.userId,
        fault: options.fault ?? 'none',
        requireApproval: options.requireApproval ?? { users: true, queues: true },
        environment: options.environment ?? 'small',
        costModel: options.costModel ?? 'default',
        languageId: checkLanguage(options.languageId ?? 1033),
    };
    scenario = mergeChange(scenario, {
        requireApproval: scenario.requireApproval,
        environment: scenario.environment,
        costModel: scenario.costModel,
    });
    const deployment = createDeployment({
        mode: options.deployment,
        controlVersion: builtControlVersion(outDir),
        // Both called only once requests arrive, after the emulator below exists; the scale is the current one, so a
        // Retry-After follows a change made through /_emulator/config.
        timeScale: () => emulator.timeScale(),
        now: () => emulator.now(),
        log: options.log,
    });
    const build = (s: Scenario): SandboxDomain =>
        deployment.withDeployment(
            createDomain({
                seed: s.seed,
                mailboxCount: s.mailboxCount,
                testDelayMs,
                profileId: s.profileId,
                requireApproval: s.requireApproval,
                ...scenarioSettings(s.fault).domain,
            }),
        );
    let domain = build(scenario);
    const resolveIds = (s: Scenario, d: SandboxDomain): Scenario => {
        const profileId = s.profileId ?? d.profiles[0]?.id;
        const userId = s.userId ?? d.users[0]?.systemuserid;
        if (!d.profiles.some((p) => p.id === profileId)) throw new Error(`unknown profileId ${String(profileId)}`);
        if (!d.users.some((u) => u.systemuserid === userId)) throw new Error(`unknown userId ${String(userId)}`);
        return { ...s, profileId, userId };
    };
    scenario = resolveIds(scenario, domain);
    const settings = settingsOf(scenario);
    const emulator = createEmulator({
        domain,
        timeScale: options.timeScale,
        clientClock: options.clientClock,
        seed: scenario.seed,
        userId: scenario.userId,
        faults: settings.faults,
        limits: settings.limits,
        extension: deployment.extension,
    });

    const state = (): SandboxState => ({
        seed: scenario.seed,
        mailboxCount: scenario.mailboxCount,
        profileId: scenario.profileId as string,
        userId: scenario.userId as string,
        fault: scenario.fault,
        requireApproval: scenario.requireApproval,
        environment: scenario.environment,
        costModel: scenario.costModel,
        languageId: scenario.languageId,
        profiles: domain.profiles,
        users: domain.users.map((u) => ({
            systemuserid: u.systemuserid,
            fullname: u.fullname,
            roles: u.roles,
            roleIds: u.roles.map((r) => ROLE_IDS[r]).filter(Boolean),
            directoryRoles: u.directoryRoles,
            privileges: u.privileges,
        })),
        entitySets: Object.fromEntries(domain.tables.map((t) => [t.logicalName, t.entitySet])),
        faultScenarios: FAULT_SCENARIOS,
        environments: Object.keys(ENVIRONMENTS),
        costModels: Object.keys(COST_MODELS),
        seedSizes: SEED_SIZES,
        languages: LANGUAGES,
    });

    const setScenario = (change: ScenarioChange): SandboxState => {
        const merged = mergeChange(scenario, change);
        // Profile and user ids are fixed across seeds (domain/ids.ts): check them before building a new domain.
        resolveIds(merged, domain);
        const nextDomain = build(merged);
        const next = resolveIds(merged, nextDomain);
        const s = settingsOf(next);
        emulator.reset(nextDomain);
        emulator.setUser(next.userId as string);
        emulator.setFaults(s.faults);
        emulator.setLimits(s.limits);
        domain = nextDomain;
        scenario = next;
        return state();
    };

    const host = createHostHandler({ root, outDir });

    const handleScenario = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
        if (req.method === 'GET') return sendJson(res, 200, state());
        if (req.method !== 'POST') return sendJson(res, 405, { error: 'GET or POST' });
        let change: ScenarioChange;
        try {
            const text = await readBody(req);
            change = (text ? JSON.parse(text) : {}) as ScenarioChange;
        } catch (e) {
            return sendJson(res, 400, { error: `invalid JSON: ${(e as Error).message}` });
        }
        try {
            sendJson(res, 200, setScenario(change));
        } catch (e) {
            sendJson(res, 400, { error: (e as Error).message });
        }
    };

    const server = createServer((req, res) => {
        try {
            if (deployment.handle(req, res, emulator.store)) return;
            if (emulator.handle(req, res)) return;
            if (handleDiscovery(req, res, domain.tenants)) return;
            if ((req.url ?? '').split('?')[0] === '/_sandbox/scenario') {
                handleScenario(req, res).catch((e: Error) => sendJson(res, 500, { error: e.message }));
                return;
            }
            if (host(req, res)) return;
            sendJson(res, 404, { error: `no route for ${req.method ?? ''} ${req.url ?? ''}` });
        } catch (e) {
            if (!res.headersSent) sendJson(res, 500, { error: (e as Error).message });
            else res.destroy();
        }
    });

    const listenHost = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, listenHost, () => {
            server.off('error', reject);
            resolve();
        });
    });
    const { port } = server.address() as AddressInfo;

    let closed: Promise<void> | undefined;
    const close = (): Promise<void> => {
        closed ??= new Promise<void>((resolve) => {
            emulator.close();
            deployment.close();
            server.close(() => resolve());
            server.closeAllConnections();
        });
        return closed;
    };

    return {
        url: `http://${listenHost}:${port}/`,
        emulator,
        deployment,
        get domain() {
            return domain;
        },
        state,
        setScenario,
        close,
    };
}
