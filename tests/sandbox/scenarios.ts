/**
 * Named fault scenarios the sandbox switch offers. Each is a full set of faults and limits so switching from one to
 * another never leaves the previous one's settings behind; the base is the emulator's defaults (the real limits,
 * dataverse.md §9). A few also seed the domain differently (transient Test & Enable failures, disabled owners).
 */
import type { Faults, Limits, ThrottleStorm } from './emulator/contract';
import { DEFAULT_LIMITS, NO_FAULTS } from './emulator';
import type { ScenarioOptions } from './domain';

/** What a scenario may change about the seeded domain. */
export type DomainOverrides = Pick<ScenarioOptions, 'transientShare' | 'disabledOwnerShare'>;

/** The scenario names, in the order the sandbox panel lists them. */
export const FAULT_SCENARIOS = [
    'none',
    'throttling-storm',
    'long-429-storm',
    'long-429-storm-execution-time',
    'flaky-503',
    'dropped-connections',
    'partial-batch-failures',
    'sql-errors',
    'stale-etag',
    'session-expired',
    'signed-out-page',
    'signed-out-redirect',
    'alerts-refused-400',
    'alerts-refused-403',
    'transient-test-failures',
    'disabled-owners',
    'slow',
] as const;

/** One fault scenario name. */
export type FaultScenario = (typeof FAULT_SCENARIOS)[number];

/** Mailbox counts the seed-size switch offers (0: a new profile no mailbox uses yet). */
export const SEED_SIZES = [0, 10, 1_000, 5_000, 50_000] as const;

const longStorm = (limit: ThrottleStorm['limit']): ThrottleStorm => ({
    limit,
    durationMs: 600_000,
    retryAfterMs: 20_000,
    startOn: 'afterFirstWrite',
});

const OVERRIDES: Record<
    FaultScenario,
    { faults?: Partial<Faults>; limits?: Partial<Limits>; domain?: DomainOverrides }
> = {
    none: {},
    // Small limits so a bulk run hits 429 + Retry-After within a few requests.
    'throttling-storm': { limits: { windowMs: 60_000, maxRequests: 40, maxExecutionMs: 20_000, maxConcurrent: 4 } },
    // From the first answered write (the approvals land), 10 emulated minutes of 429 for every request, reads
    // included, each asking for 20 s: far more refusals of one request in a row than any retry cap allows (issue 14).
    'long-429-storm': { faults: { throttleStorm: longStorm('requests') } },
    'long-429-storm-execution-time': { faults: { throttleStorm: longStorm('executionTime') } },
    'flaky-503': { faults: { error503Rate: 0.2 } },
    'dropped-connections': { faults: { dropConnectionRate: 0.1 } },
    'partial-batch-failures': { faults: { batchPartFailureRate: 0.15 } },
    // 15% of $batch parts answer 500 0x80044150 (Generic SQL error, a deadlock): transient, worth re-sending (issue 14).
    'sql-errors': { faults: { batchPartSqlErrorRate: 0.15, batchPartSqlError: 'generic' } },
    'stale-etag': { faults: { staleEtagRate: 0.3 } },
    'session-expired': { faults: { sessionExpired: true } },
    // From the first answered write, three emulated minutes in which API calls get the sign-in flow instead of JSON:
    // a 200 HTML page, or a 302 to the (sandbox's) sign-in page (issue 14). Afterwards the session is back.
    'signed-out-page': { faults: { signedOut: { form: 'page', durationMs: 180_000, startOn: 'afterFirstWrite' } } },
    'signed-out-redirect': {
        faults: { signedOut: { form: 'redirect', durationMs: 180_000, startOn: 'afterFirstWrite' } },
    },
    // Every read of alerts (tracelog) is refused: run results must still show, with "cause not available" (issue 14).
    'alerts-refused-400': { faults: { alertReadRefusal: 400 } },
    'alerts-refused-403': { faults: { alertReadRefusal: 403 } },
    // 20% of the profile's mailboxes fail Test & Enable transiently: a warning per attempt, retried every 5 emulated
    // minutes; half recover on the third attempt, half are disabled after 10 retries (~50 minutes) — issue 14.
    'transient-test-failures': { domain: { transientShare: 0.2 } },
    // 10% of the profile's user mailboxes belong to a disabled user: Test & Enable fails at once, code in the alert.
    'disabled-owners': { domain: { disabledOwnerShare: 0.1 } },
    slow: { faults: { latencyMs: 1_500 } },
};

/** True when `name` is a known fault scenario. */
export function isFaultScenario(name: unknown): name is FaultScenario {
    return typeof name === 'string' && (FAULT_SCENARIOS as readonly string[]).includes(name);
}

/** The complete faults and limits of a scenario, and how it seeds the domain. */
export function scenarioSettings(name: FaultScenario): { faults: Faults; limits: Limits; domain: DomainOverrides } {
    const o = OVERRIDES[name];
    return {
        faults: { ...NO_FAULTS, ...o.faults },
        limits: { ...DEFAULT_LIMITS, ...o.limits },
        domain: { ...o.domain },
    };
}
