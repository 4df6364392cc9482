/**
 * The emulator's cost model (what each admitted request charges to the user's execution-time window, README "Cost
 * model") and the environment sizes it can pose as. Real Dataverse charges the server time a request really took;
 * the emulator stands in with a per-operation cost, so both the limits and a client's planning meet the same numbers.
 */
import type { CostMs, Limits } from './contract';
import type { BatchItem } from './batch';

/**
 * Named cost models. `default` is illustrative (unconfirmed): a plain update with no customisations. `heavy` is an
 * organisation with synchronous plug-ins on mailbox update: every write costs 300–1,500 ms, most of them near the
 * low end (the draw is `write + (writeMax − write) × r²`, mean ≈ 700 ms) — issue 17.
 */
export const COST_MODELS = {
    default: { read: 50, write: 150, batchPart: 10 },
    heavy: { read: 50, write: 300, writeMax: 1_500, batchPart: 10 },
} as const satisfies Record<string, CostMs>;

/** A cost model name. */
export type CostModelName = keyof typeof COST_MODELS;

/**
 * Environment sizes by the parallelism the server advertises in `x-ms-dop-hint` (Microsoft Learn "Send parallel
 * requests": use the header's value; it varies with the resources an environment has). Live environments have been
 * seen to send 4 and 48 (issue 17). The service-protection limits stay the real ones in both: at 48 the
 * execution-time limit (1,200 s per 300 s) binds before the concurrency limit (52).
 */
export const ENVIRONMENTS = {
    small: { dopHint: 4 },
    large: { dopHint: 48 },
} as const satisfies Record<string, Pick<Limits, 'dopHint'>>;

/** An environment size name. */
export type EnvironmentName = keyof typeof ENVIRONMENTS;

/** True when `name` names a cost model. */
export function isCostModel(name: unknown): name is CostModelName {
    return typeof name === 'string' && Object.hasOwn(COST_MODELS, name);
}

/** True when `name` names an environment size. */
export function isEnvironment(name: unknown): name is EnvironmentName {
    return typeof name === 'string' && Object.hasOwn(ENVIRONMENTS, name);
}

/** One write's cost: fixed, or a seeded draw in [write, writeMax] skewed towards the low end. */
function writeCost(c: CostMs, random: () => number): number {
    if (c.writeMax === undefined || c.writeMax <= c.write) return c.write;
    const r = random();
    return Math.round(c.write + (c.writeMax - c.write) * r * r);
}

/** Cost of one operation by method (GET = read, anything else = write). */
export function operationCost(c: CostMs, method: string, random: () => number): number {
    return method === 'GET' ? c.read : writeCost(c, random);
}

/** Emulated ms a request charges: its operation, or for a $batch every part plus `batchPart` each. */
export function requestCost(c: CostMs, method: string, items: BatchItem[] | undefined, random: () => number): number {
    if (!items) return operationCost(c, method, random);
    let total = 0;
    for (const item of items) {
        const parts = item.kind === 'part' ? [item.part] : item.parts;
        for (const p of parts) total += operationCost(c, p.method, random) + c.batchPart;
    }
    return total;
}
