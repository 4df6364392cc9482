/** Internal types shared by the engine's modules (the public contract lives in contract.ts). */
import type { IncomingMessage } from 'node:http';
import type { Domain, EmulatorUser, Faults, TableDef } from './contract';
import type { EngineStore } from './store';

/** One Web API operation, either a whole HTTP request or one $batch part. */
export type OpRequest = {
    method: string;
    /** Path relative to /api/data/v9.2/, still percent-encoded, without the query. */
    path: string;
    query: URLSearchParams;
    /** Lower-cased header names. */
    headers: Record<string, string>;
    body: string;
};

/** The answer to one operation, before it is written to HTTP or into a $batch response part. */
export type OpResult = { status: number; headers: Record<string, string>; body?: unknown };

/** What an operation needs from the emulator. */
export type OpEnv = {
    domain: Domain;
    store: EngineStore;
    tables: Map<string, TableDef>;
    user: EmulatorUser;
    nowMs: number;
    /** Absolute service root, e.g. http://127.0.0.1:1234/api/data/v9.2/ */
    serviceRoot: string;
    random: () => number;
    faults: Faults;
    pages: PageCache;
    /** The optional layer on top of the domain (the sandbox's deployment stand-in). */
    extension?: EmulatorExtension;
};

/** What an extension decides about an arriving request: who sends it, or an answer instead, or a dropped socket. */
export type Admission = { user?: EmulatorUser; reply?: OpResult & { contentType?: string }; drop?: boolean };

/**
 * An optional layer on top of the domain (tests/sandbox/deploy/): it admits each Web API request first (bearer
 * tokens, the 401 challenge, one-shot faults) and may answer operations before the generic router does.
 */
export type EmulatorExtension = {
    admit?(req: IncomingMessage, op: OpRequest, nowMs: number): Admission | undefined;
    route?(env: OpEnv, req: OpRequest): OpResult | undefined;
};

/** Ordered id lists per query, so `$skiptoken` pages stay stable while rows change (dataverse.md §8). */
export type PageCache = {
    put(ids: string[]): string;
    get(key: string): string[] | undefined;
    clear(): void;
};
