/** The emulator's mutable state, shared by the Web API pipeline, the inspection API and createEmulator. */
import type { Domain, EmulatorUser, Faults, Limits, RequestLogEntry, TableDef } from './contract';
import type { ScaledClock } from './clock';
import type { Protection } from './protection';
import type { EngineStore } from './store';
import type { EmulatorExtension, PageCache } from './types';

/** Internal engine state. */
export type Engine = {
    domain: Domain;
    tables: Map<string, TableDef>;
    store: EngineStore;
    clock: ScaledClock;
    limits: Limits;
    faults: Faults;
    random: () => number;
    userId: string;
    protection: Protection;
    pages: PageCache;
    log: RequestLogEntry[];
    extension?: EmulatorExtension;
    tick(): void;
    user(): EmulatorUser;
    setUser(systemuserid: string): void;
    setFaults(faults: Partial<Faults>): void;
    setLimits(limits: Partial<Limits>): void;
    reset(domain: Domain): void;
};

/** Faults off. */
export const NO_FAULTS: Faults = {
    latencyMs: 0,
    error503Rate: 0,
    dropConnectionRate: 0,
    batchPartFailureRate: 0,
    staleEtagRate: 0,
    sessionExpired: false,
};

/** Log entries kept (oldest dropped first) so a long benchmark cannot exhaust memory. */
export const MAX_LOG = 200_000;
