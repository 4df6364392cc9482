/**
 * The contract between the Dataverse Web API emulator's generic engine (tests/sandbox/emulator/) and the
 * server-side-sync domain it hosts (tests/sandbox/domain/). The engine knows HTTP, OData, $batch, ETags,
 * service protection and faults; the domain knows tables, seeds, approval rules, Test & Enable and alerts.
 * Facts come from ../shared/reference/dataverse.md; section numbers are cited beside each rule.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One table row: column logical name (or lookup `_x_value` name) → value. Lookup values are bare GUIDs. */
export type Row = Record<string, unknown>;

/** Column types the engine needs for $filter parsing, validation and FormattedValue annotations. */
export type ColumnType = 'guid' | 'string' | 'memo' | 'int' | 'bigint' | 'bool' | 'datetime' | 'choice' | 'lookup';

/** Metadata of one column. */
export type ColumnDef = {
    name: string;
    type: ColumnType;
    /** Accepted on write, never returned on read (e.g. emailserverprofile.oauthclientsecret, dataverse.md §2). */
    writeOnly?: boolean;
    /** Returned on read, refused on write with the platform's error. */
    readOnly?: boolean;
    maxLength?: number;
    /** Choice labels (FormattedValue annotation), keyed by option value. */
    options?: Record<number, string>;
    /** For lookups: navigation property name → target entity set, used by @odata.bind and by $filter paths. */
    lookupTargets?: Record<string, string>;
};

/** Metadata of one table. Lookup columns are stored in rows as `_<name>_value`. */
export type TableDef = {
    logicalName: string;
    entitySet: string;
    primaryKey: string;
    primaryName?: string;
    columns: ColumnDef[];
    /** Collection navigation properties: name → { target entity set, lookup column on the target }. */
    collections?: Record<string, { targetSet: string; foreignKey: string }>;
    /** Optimistic concurrency: rows carry @odata.etag and honour If-Match (dataverse.md §8). */
    concurrency?: boolean;
};

/** A signed-in emulator user (the sandbox's switch chooses one). */
export type EmulatorUser = {
    systemuserid: string;
    fullname: string;
    /** Dataverse role names, e.g. "System Administrator", "Delegated Mailbox Approver". */
    roles: string[];
    /** Entra directory roles the platform checks but Dataverse cannot show: 'Global Administrator' | 'Exchange Administrator'. */
    directoryRoles: string[];
    privileges: string[];
    /** Reproduce the field's silent no-op: approvals by this user answer 204 and change nothing (dataverse.md §5). */
    silentApprovalNoop?: boolean;
};

/** What a domain hook may answer for a write: go ahead, refuse with the platform's error, or silently ignore. */
export type WriteVerdict =
    { kind: 'allow' } | { kind: 'refuse'; status: number; code: string; message: string } | { kind: 'ignore' };

/** A write as the engine hands it to the domain, after @odata.bind and type validation. */
export type WriteContext = {
    table: TableDef;
    id: string;
    before: Row | undefined;
    patch: Row;
    user: EmulatorUser;
    nowMs: number;
};

/** Result of an unbound or bound function (WhoAmI, RetrieveUserPrivilegeByPrivilegeName). */
export type FunctionResult = { status: number; body: unknown };

/** The domain the engine hosts. */
export type Domain = {
    tables: TableDef[];
    /** Initial rows per entity set, deterministic for a given seed. */
    rows: Record<string, Row[]>;
    users: EmulatorUser[];
    /** Called before a PATCH/POST is applied; may refuse or ignore it. */
    beforeWrite(ctx: WriteContext): WriteVerdict;
    /** Called after a write is applied (e.g. queue a Test & Enable job). May read/write the store. */
    afterWrite(ctx: WriteContext, store: Store): void;
    /** Advance asynchronous jobs to `nowMs` (the engine calls it before every request and on a timer). */
    tick(nowMs: number, store: Store): void;
    /** Functions by name: `WhoAmI`, `RetrieveUserPrivilegeByPrivilegeName` (bound to systemusers(<id>)). */
    functions: Record<
        string,
        (args: { boundId?: string; params: Record<string, string>; user: EmulatorUser }) => FunctionResult
    >;
};

/** The in-memory store the engine owns and the domain may use from its hooks. */
export type Store = {
    get(entitySet: string, id: string): Row | undefined;
    list(entitySet: string): Row[];
    /** Insert or merge columns; bumps the row version (ETag) and modifiedon. */
    upsert(entitySet: string, id: string, columns: Row): Row;
    remove(entitySet: string, id: string): void;
};

/**
 * Simulated execution cost in emulated ms per operation kind. With `writeMax` above `write`, every write draws its
 * own cost in [write, writeMax] from a seeded PRNG (an organisation with plug-ins on mailbox update; cost.ts).
 */
export type CostMs = { read: number; write: number; batchPart: number; writeMax?: number };

/** Service-protection limits (dataverse.md §9); defaults equal the real ones. */
export type Limits = {
    windowMs: number; // 300_000
    maxRequests: number; // 6_000
    maxExecutionMs: number; // 1_200_000
    maxConcurrent: number; // 52
    /** Simulated execution cost in ms per operation kind (a $batch adds up its parts). */
    costMs: CostMs;
    /** x-ms-dop-hint advertised to clients. */
    dopHint: number;
};

/** Run-time fault injection (issue 4 §1). Probabilities are 0..1, drawn from the seeded PRNG. */
export type Faults = {
    latencyMs: number;
    error503Rate: number;
    dropConnectionRate: number;
    /** Share of $batch parts (and of writes sent alone) answered 500 instead of running. */
    batchPartFailureRate: number;
    /** Share of $batch parts (and of writes sent alone) answered 500 with a transient SQL error instead of running (issue 14). */
    batchPartSqlErrorRate: number;
    /** Which SQL error: 'generic' (0x80044150, a deadlock, Sql Number 1205) or 'timeout' (0x80044151). */
    batchPartSqlError: 'generic' | 'timeout';
    staleEtagRate: number;
    /** When true every Web API call answers 401 until cleared (expired session). */
    sessionExpired: boolean;
    /** A sustained 429 storm that outlasts any client retry cap (issue 14); null = none. */
    throttleStorm: ThrottleStorm | null;
    /** The session has ended: Web API calls get a sign-in page instead of JSON for a while (issue 14); null = none. */
    signedOut: SignedOut | null;
    /** Every read of alerts (the tracelog table) is refused: 400 (query refused) or 403 (privilege); null = none. */
    alertReadRefusal: 400 | 403 | null;
};

/**
 * A signed-out session. Model-driven apps authenticate same-origin Web API calls with the session cookie
 * (dataverse.md §10); once it has expired, what answers an API call is the sign-in flow, not Dataverse: a 200
 * text/html sign-in page (`form: 'page'`) or a 302 to the sign-in host (`form: 'redirect'`). Which one a live org
 * sends is (unconfirmed): the front door decides, so both are offered.
 */
export type SignedOut = {
    form: 'page' | 'redirect';
    /** Emulated ms until the session is back (the user signed in again in another tab). */
    durationMs: number;
    startOn: 'now' | 'afterFirstWrite';
    /** Where the redirect points; by default the emulator's own sign-in page (same origin). */
    location?: string;
};

/**
 * A 429 storm: for `durationMs` every Web API request of the user, reads included, is refused as a breach of one
 * window limit, each 429 announcing `retryAfterMs`. Limits are per user (dataverse.md §9), so other sessions or
 * integrations running as the same user fill the window this client sees; the storm stands in for that load.
 */
export type ThrottleStorm = {
    /** 'requests' answers 0x80072322, 'executionTime' 0x80072321, with the platform's messages. */
    limit: 'requests' | 'executionTime';
    /** Emulated ms the storm lasts once started. */
    durationMs: number;
    /** Emulated ms each 429 asks for (sent as real seconds like every Retry-After; never past the storm's end). */
    retryAfterMs: number;
    /** 'now': from when the fault is set; 'afterFirstWrite': once the first non-GET request has been answered. */
    startOn: 'now' | 'afterFirstWrite';
};

/** Options for creating an emulator. */
/** Which clock the client under test runs on (EmulatorOptions.clientClock). */
export type ClientClock = 'real' | 'emulated';

export type EmulatorOptions = {
    domain: Domain;
    limits?: Partial<Limits>;
    faults?: Partial<Faults>;
    /** Scaled time: 10 means ten emulated seconds pass per real second (limits, Retry-After, job delays). */
    timeScale?: number;
    /**
     * The clock the client runs on: 'real' (default) — Retry-After is sent in real seconds, so a client sleeping with
     * real timers waits the right emulated time; 'emulated' — the page runs on the emulator's scaled clock (its
     * timers and its own service-protection windows too, see tests/e2e/harness.ts), so Retry-After is sent in
     * emulated seconds like any server's.
     */
    clientClock?: ClientClock;
    /** Seed for the fault PRNG. */
    seed?: number;
    /** systemuserid of the signed-in user; defaults to the domain's first user. */
    userId?: string;
};

/** A running emulator mounted on an http.Server (the sandbox host shares the same server and origin). */
export type Emulator = {
    /** Handle a request if it is for the Web API (/api/data/v9.2/...) or inspection (/_emulator/...); else false. */
    handle(req: IncomingMessage, res: ServerResponse): boolean;
    store: Store;
    /** Emulated now in ms (scaled time). */
    now(): number;
    /** Emulated ms per real ms now (POST /_emulator/config may change it). */
    timeScale(): number;
    setUser(systemuserid: string): void;
    setFaults(faults: Partial<Faults>): void;
    setLimits(limits: Partial<Limits>): void;
    /** Replace all data with a new domain (new seed/profile/size). */
    reset(domain: Domain): void;
    /** Every Web API request handled, with timings, for tests and the benchmark. */
    requestLog(): RequestLogEntry[];
    close(): void;
};

/** One logged Web API request. */
export type RequestLogEntry = {
    method: string;
    path: string;
    status: number;
    startedMs: number;
    endedMs: number;
    /** Operations inside a $batch (1 for plain requests). */
    operations: number;
    /** True when the request arrived while a Retry-After window from an earlier 429 was still in force for the user. */
    insideRetryAfter: boolean;
    /** The Retry-After (real seconds) the answer carried, when it had one: the window the client was told about. */
    retryAfterS?: number;
    /** Emulated execution ms the server charged to the user's window (0 when refused before running). */
    costMs?: number;
    /** True when a signed-out session answered with the sign-in flow instead of Dataverse. */
    signedOut?: boolean;
};
