/** The deployment stand-in's mutable state, shared by its Web API operations, its admission and its switches. */
import type { Domain } from '../emulator/contract';
import { LOCK_REPLY } from './constants';
import type { Entra } from './entra';
import type { FormVariant } from './forms';
import type { ImportRun } from './imports';
import type { SolutionPackage, ZipControl } from './solution-zip';
import type { DeploymentMode } from './tables';

/** A one-shot fault on matching Web API requests (401/429/503 answers or a dropped connection). */
export type FaultRule = {
    /** Substring of the path below /api/data/v9.2/, e.g. `asyncoperations(` or `ImportSolutionAsync`. */
    match: string;
    method?: string;
    reply: 401 | 429 | 503 | 'drop';
    /** Let this many matching requests through first (default 0). */
    after?: number;
    /** How many requests it hits (default 1). */
    times?: number;
    /** Retry-After seconds for 429/503 (default 1). */
    retryAfter?: number;
};

/** Seeded failures and options the deploy tests switch (POST /_emulator/deploy/failures). */
export type Switches = {
    /** StageSolution lists a missing dependency, and an import fails for it. */
    missingDependency: boolean;
    /** A component failure in the import job: `reported` ends the job 31, `silent` ends it 30 with a failure inside. */
    componentFailure: 'none' | 'reported' | 'silent';
    /** A component warning in the import job (the import still succeeds). */
    componentWarning: boolean;
    /** The import job is canceled (statuscode 32). */
    cancelImport: boolean;
    /** Every Web API request without a bearer token is challenged (not only the service document). */
    requireBearer: boolean;
    /** EntityDefinitions(LogicalName='emailserverprofile') IsCustomizable. */
    tableCustomizable: boolean;
    /** StageSolution enums as names or numbers (deploy.md §3: (unconfirmed) which one the wire uses). */
    stageEnums: 'names' | 'numbers';
};

/** The customization lock (deploy.md §5). */
export type Lock = { untilMs: number; operation: string; reply: 'throttle' | 'error' };

/** Everything the stand-in remembers. */
export type DeployState = {
    entra: Entra;
    mode: DeploymentMode;
    formVariant: FormVariant;
    switches: Switches;
    lock: Lock;
    faults: (FaultRule & { seen: number })[];
    staged: Map<string, SolutionPackage>;
    runs: ImportRun[];
    /** Control files from the last successful import, served under /control/ (the form host's bundle). */
    imported: Map<string, ZipControl>;
    domain?: Domain;
    /** Real ms per emulated ms at the current scale (Retry-After is in real seconds, emulator README). */
    realMs(emulatedMs: number): number;
    /** Emulated now. */
    now(): number;
    /** Version of the local build's control (the seeded "placed" installation). */
    controlVersion: string;
};

/** Default switches. */
export const DEFAULT_SWITCHES: Switches = {
    missingDependency: false,
    componentFailure: 'none',
    componentWarning: false,
    cancelImport: false,
    requireBearer: false,
    tableCustomizable: true,
    stageEnums: 'names',
};

/** No lock. */
export const NO_LOCK: Lock = { untilMs: 0, operation: 'Import', reply: LOCK_REPLY };
