/** The sandbox both benchmark clients run against: one seeded profile, the approver, the real default limits. */
import { startSandbox, type Sandbox } from '../tests/sandbox/server';
import {
    COST_MODELS,
    DEFAULT_LIMITS,
    ENVIRONMENTS,
    type CostModelName,
    type EnvironmentName,
} from '../tests/sandbox/emulator';
import { PROFILE_IDS, USER_IDS } from '../tests/sandbox/domain/ids';

/** The profile every benchmark run works on (commercial cross-tenant, seeded with N mailboxes). */
export const BENCH_PROFILE = PROFILE_IDS.commercial;

/**
 * Start a sandbox with `mailboxes` mailboxes at the given time scale and Test & Enable delay, posing as a small
 * (x-ms-dop-hint 4) or large (48) environment with the default or heavy cost model; the limits stay the real ones.
 */
export async function startBenchSandbox(
    mailboxes: number,
    settings: { timeScale: number; testDelayMs: number; environment?: EnvironmentName; costModel?: CostModelName },
): Promise<Sandbox> {
    const sandbox = await startSandbox({
        port: 0,
        timeScale: settings.timeScale,
        testDelayMs: settings.testDelayMs,
        mailboxCount: mailboxes,
        profileId: BENCH_PROFILE,
        userId: USER_IDS.approver,
    });
    sandbox.emulator.setLimits({
        ...DEFAULT_LIMITS,
        ...ENVIRONMENTS[settings.environment ?? 'small'],
        costMs: { ...COST_MODELS[settings.costModel ?? 'default'] },
    });
    return sandbox;
}
