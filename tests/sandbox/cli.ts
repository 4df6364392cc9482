/**
 * `npm start` runs this (through scripts/start.mjs and tsx): the sandbox on 127.0.0.1 with a demo scenario.
 * Environment: PORT (default 8181), HOST (127.0.0.1), SEED, MAILBOXES, TIME_SCALE, TEST_DELAY_MS, FAULT, USER_ID (a
 * systemuserid or a name of domain/ids.ts USER_IDS, e.g. sysAdminNotApprover: approvals refused with 0x80040256),
 * LANGUAGE_ID (1033 English, 1031 German, 1036 French), ENVIRONMENT (small: x-ms-dop-hint 4, large: 48), COST_MODEL (default,
 * heavy), REQUIRE_APPROVAL (which mailboxes the org processes only when approved: users,queues (default) | users |
 * queues | none), DEPLOYMENT (placed, or fresh: the stock form and nothing installed).
 */
import { startSandbox } from './server';
import { isFaultScenario } from './scenarios';
import { isCostModel, isEnvironment } from './emulator';
import { USER_IDS } from './domain/ids';

function intEnv(name: string, fallback: number): number {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
    return n;
}

/** REQUIRE_APPROVAL: a comma-separated subset of users,queues, or none. */
function requireApprovalEnv(): { users: boolean; queues: boolean } {
    const raw = (process.env.REQUIRE_APPROVAL || 'users,queues').toLowerCase();
    const parts = raw === 'none' ? [] : raw.split(',').map((p) => p.trim());
    if (parts.some((p) => p !== 'users' && p !== 'queues'))
        throw new Error(`REQUIRE_APPROVAL must be users,queues | users | queues | none, got "${raw}"`);
    return { users: parts.includes('users'), queues: parts.includes('queues') };
}

/** USER_ID: a seeded user's id, or its name in USER_IDS (approver, sysAdminNotApprover, …); default the approver. */
function userIdEnv(): string {
    const raw = process.env.USER_ID || 'approver';
    return raw in USER_IDS ? USER_IDS[raw as keyof typeof USER_IDS] : raw;
}

async function main(): Promise<void> {
    const fault = process.env.FAULT ?? 'none';
    if (!isFaultScenario(fault)) throw new Error(`FAULT "${fault}" is not a known scenario`);
    const environment = process.env.ENVIRONMENT || 'small';
    if (!isEnvironment(environment)) throw new Error(`ENVIRONMENT "${environment}" must be small or large`);
    const costModel = process.env.COST_MODEL || 'default';
    if (!isCostModel(costModel)) throw new Error(`COST_MODEL "${costModel}" must be default or heavy`);
    const sandbox = await startSandbox({
        port: intEnv('PORT', 8181),
        host: process.env.HOST || '127.0.0.1',
        seed: intEnv('SEED', 1),
        // Demo: 1,000 mailboxes on the default commercial cross-tenant profile, the approver signed in.
        mailboxCount: intEnv('MAILBOXES', 1_000),
        // 30 emulated seconds per Test & Enable at 10× → about 3 real seconds.
        testDelayMs: intEnv('TEST_DELAY_MS', 30_000),
        timeScale: intEnv('TIME_SCALE', 10),
        userId: userIdEnv(),
        fault,
        requireApproval: requireApprovalEnv(),
        environment,
        costModel,
        languageId: intEnv('LANGUAGE_ID', 1033),
        // DEPLOYMENT=fresh: the stock form and nothing installed, ready for `npm run deploy`.
        deployment: process.env.DEPLOYMENT === 'fresh' ? 'fresh' : 'placed',
    });
    const s = sandbox.state();
    const profile = s.profiles.find((p) => p.id === s.profileId);
    const user = s.users.find((u) => u.systemuserid === s.userId);
    console.log(`Sandbox ready: ${sandbox.url}`);
    console.log(
        `  profile "${profile?.name ?? s.profileId}", ${s.mailboxCount} mailboxes, user "${user?.fullname ?? s.userId}", fault ${s.fault}, ${s.environment} environment, ${s.costModel} costs, language ${s.languageId}`,
    );
    console.log('  Web API: /api/data/v9.2/  ·  inspection: /_emulator/  ·  scenario: GET/POST /_sandbox/scenario');
    console.log(
        `  Deployment: ${sandbox.deployment.state.mode}  ·  Entra stand-in: /_entra/<login host>/…  ·  switches: /_emulator/deploy/`,
    );
    console.log('  Press Ctrl+C to stop.');
    let stopping = false;
    const stop = (signal: string): void => {
        if (stopping) return;
        stopping = true;
        console.log(`\n${signal}: stopping the sandbox…`);
        sandbox
            .close()
            .then(() => process.exit(0))
            .catch(() => process.exit(1));
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
}

/** What to do about a failed start; a busy port (a sandbox already running, often) names the way out. */
function startFailure(e: NodeJS.ErrnoException): string {
    if (e.code !== 'EADDRINUSE') return `Sandbox failed to start: ${e.message}`;
    const port = process.env.PORT || '8181';
    const host = process.env.HOST || '127.0.0.1';
    return [
        `Sandbox failed to start: port ${port} on ${host} is already in use (is another sandbox running?).`,
        '  Stop it, or start on another port: PORT=8282 npm start (PORT=0 picks a free port and prints it).',
    ].join('\n');
}

main().catch((e: NodeJS.ErrnoException) => {
    console.error(startFailure(e));
    process.exit(1);
});
