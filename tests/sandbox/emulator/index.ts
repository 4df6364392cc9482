/**
 * createEmulator: the generic Dataverse Web API engine (contract.ts) mounted on a node:http server.
 * Routes /api/data/v9.2/ to the Web API pipeline (web-api.ts) and /_emulator/ to inspection; anything else
 * returns false so the sandbox host can serve it.
 */
import type { Domain, Emulator, EmulatorOptions, Faults, Limits } from './contract';
import { createClock } from './clock';
import { NO_FAULTS, type Engine } from './engine';
import { INSPECTION_ROOT, serveInspection } from './inspection';
import { createPageCache } from './page-cache';
import { createPrng } from './prng';
import { createProtection, DEFAULT_LIMITS } from './protection';
import { createStore } from './store';
import { armTimedFaults } from './timed-faults';
import { ROOT, serveWebApi } from './web-api';
import type { EmulatorExtension } from './types';

export { DEFAULT_LIMITS } from './protection';
export { NO_FAULTS } from './engine';
export { EPOCH_MS } from './clock';
export { COST_MODELS, ENVIRONMENTS, isCostModel, isEnvironment } from './cost';
export type { CostModelName, EnvironmentName } from './cost';
export type { EmulatorConfig } from './inspection';
export type { Admission, EmulatorExtension } from './types';

/** createEmulator's options plus an optional extension layer (the sandbox's deployment stand-in). */
export type ExtendedEmulatorOptions = EmulatorOptions & { extension?: EmulatorExtension };

/** Real-time interval of the background domain tick (jobs advance even when no request arrives). */
const TICK_INTERVAL_MS = 250;

function mergeLimits(base: Limits, next: Partial<Limits>): Limits {
    return { ...base, ...next, costMs: { ...base.costMs, ...(next.costMs ?? {}) } };
}

/** The cost PRNG's seed: a fixed offset of the fault seed, so both replay for a given seed. */
function deriveCostSeed(seed: number): number {
    return (seed ^ 0x5eed_c057) >>> 0;
}

function tablesOf(domain: Domain) {
    return new Map(domain.tables.map((t) => [t.entitySet, t]));
}

function createEngine(options: ExtendedEmulatorOptions): Engine {
    const seed = options.seed ?? 1;
    const clock = createClock(options.timeScale ?? 1);
    const store = createStore(() => clock.now());
    const e: Engine = {
        domain: options.domain,
        tables: tablesOf(options.domain),
        store,
        clock,
        limits: mergeLimits(DEFAULT_LIMITS, options.limits ?? {}),
        faults: { ...NO_FAULTS, ...(options.faults ?? {}) },
        random: createPrng(seed),
        costRandom: createPrng(deriveCostSeed(seed)),
        userId: options.userId ?? options.domain.users[0]?.systemuserid ?? '',
        // Retry-After in the seconds of the clock the client sleeps by.
        protection: createProtection(
            () => e.limits,
            (ms) => (options.clientClock === 'emulated' ? ms : clock.toRealMs(ms)),
        ),
        pages: createPageCache(),
        faultStartedMs: {},
        log: [],
        extension: options.extension,
        tick: () => e.domain.tick(clock.now(), store),
        user() {
            const u = e.domain.users.find((x) => x.systemuserid === e.userId) ?? e.domain.users[0];
            if (!u) throw new Error('The domain has no users.');
            return u;
        },
        setUser(id) {
            if (!e.domain.users.some((u) => u.systemuserid === id)) throw new Error(`Unknown user ${id}.`);
            e.userId = id;
        },
        setFaults: (f: Partial<Faults>) => {
            e.faults = { ...e.faults, ...f };
            armTimedFaults(e, f);
        },
        setLimits: (l: Partial<Limits>) => {
            e.limits = mergeLimits(e.limits, l);
        },
        reset(domain) {
            e.domain = domain;
            e.tables = tablesOf(domain);
            store.load(domain.tables, domain.rows);
            e.pages.clear();
            e.protection.reset();
            e.log.length = 0;
            armTimedFaults(e);
            e.random = createPrng(seed);
            e.costRandom = createPrng(deriveCostSeed(seed));
            if (!domain.users.some((u) => u.systemuserid === e.userId)) e.userId = domain.users[0]?.systemuserid ?? '';
        },
    };
    store.load(options.domain.tables, options.domain.rows);
    armTimedFaults(e);
    return e;
}

/** Creates the emulator; call close() to stop its background tick. */
export function createEmulator(options: ExtendedEmulatorOptions): Emulator {
    const e = createEngine(options);
    const timer = setInterval(() => {
        try {
            e.tick();
        } catch {
            // A failing domain job must not crash the host; the next request surfaces it as a 500.
        }
    }, TICK_INTERVAL_MS);
    timer.unref();
    const fail = (res: Parameters<Emulator['handle']>[1]) => (err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(err));
    };
    return {
        handle(req, res) {
            const path = (req.url ?? '/').split('?')[0];
            if (path.startsWith(ROOT)) {
                // The server's clock, as Dataverse reports it: clients must compare server timestamps with it,
                // never with their own clock (here it is emulated time, which may run ahead of real time).
                res.setHeader('Date', new Date(e.clock.now()).toUTCString());
                serveWebApi(e, req, res).catch(fail(res));
                return true;
            }
            if (path.startsWith(INSPECTION_ROOT)) {
                serveInspection(e, req, res).catch(fail(res));
                return true;
            }
            return false;
        },
        store: e.store,
        now: () => e.clock.now(),
        timeScale: () => e.clock.scale(),
        setUser: (id) => e.setUser(id),
        setFaults: (f) => e.setFaults(f),
        setLimits: (l) => e.setLimits(l),
        reset: (domain) => e.reset(domain),
        requestLog: () => [...e.log],
        close: () => clearInterval(timer),
    };
}
