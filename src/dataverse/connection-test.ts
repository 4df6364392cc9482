/**
 * The connection test admins can trust: the platform's own Test & Enable on one canary mailbox, followed until it
 * finishes (entra-and-exchange.md §3 step 3, dataverse.md §6). The browser cannot get a token or call Exchange, so
 * this is the only authoritative check; it never sees or sends the secret.
 */
import { interpretCanary, type CanaryAlert, type CanaryVerdict } from '../core/connection-test/result';
import { nextPollAt } from '../core/connection-test/schedule';
import { MAILBOX } from '../core/schema';
import { testPatchFor } from '../core/test-and-enable';
import type { DataverseHttp } from './http';
import { mailboxPath, readMailbox } from './mailboxes';
import { readMailboxAlerts } from './tracelogs';

/** Steps the admin sees: queued (Test & Enable scheduled) → running (polling) → done. */
export type ConnectionTestStep = 'queued' | 'running' | 'done';

/** Progress reported after every step and poll. */
export type ConnectionTestProgress = {
    step: ConnectionTestStep;
    startedAtIso: string;
    polls: number;
    nextPollAtMs?: number;
    verdict?: CanaryVerdict | { kind: 'timedOut' };
};

/** What the test needs: the one Web API client, a clock and a sleep that honours the abort signal. */
export type ConnectionTestDeps = {
    http: DataverseHttp;
    now: () => number;
    sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/** Schedule Test & Enable for the canary (If-Match: * so a deleted mailbox is a 404, never a new row). */
export async function scheduleTestAndEnable(
    http: DataverseHttp,
    mailboxId: string,
    now: Date,
    signal?: AbortSignal,
): Promise<void> {
    await http.send(mailboxPath(mailboxId), { method: 'PATCH', body: testPatchFor(now), ifMatch: '*', signal });
}

/** The canary's row and the alerts written about it since the test started. */
async function readCanary(http: DataverseHttp, mailboxId: string, sinceIso: string, signal?: AbortSignal) {
    const row = await readMailbox(http, mailboxId, signal);
    const alerts = await readMailboxAlerts(http, mailboxId, sinceIso, signal);
    const canaryAlerts = alerts.map((alert): CanaryAlert => ({
        text: alert.text ?? '',
        errordetails: alert.errordetails ?? undefined,
        tracecode: alert.tracecode ?? undefined,
        level: alert.level ?? undefined,
        modifiedon: alert.modifiedon,
    }));
    return { row, alerts: canaryAlerts };
}

/** Run the canary test to a verdict or the overall time-out; cancel with the signal (throws AbortError). */
export async function runConnectionTest(
    deps: ConnectionTestDeps,
    mailboxId: string,
    onProgress: (progress: ConnectionTestProgress) => void,
    signal?: AbortSignal,
): Promise<CanaryVerdict | { kind: 'timedOut' }> {
    // Read the canary first: it must exist, and the answer's Date header gives us the server's clock, which both
    // "postpone until now" and "completed since" must use (a skewed client clock would delay or miss the test).
    await deps.http.send(`${mailboxPath(mailboxId)}?$select=${MAILBOX.id}`, { signal });
    const startedMs = deps.now();
    const startedAt = new Date(deps.http.serverNow());
    const startedAtIso = startedAt.toISOString();
    await scheduleTestAndEnable(deps.http, mailboxId, startedAt, signal);
    for (let polls = 0; ; polls++) {
        const at = nextPollAt(startedMs, deps.now(), polls);
        if (at === undefined) {
            const verdict = { kind: 'timedOut' as const };
            onProgress({ step: 'done', startedAtIso, polls, verdict });
            return verdict;
        }
        onProgress({ step: polls === 0 ? 'queued' : 'running', startedAtIso, polls, nextPollAtMs: at });
        await deps.sleep(at - deps.now(), signal);
        const { row, alerts } = await readCanary(deps.http, mailboxId, startedAtIso, signal);
        const verdict = interpretCanary(row, alerts, startedAtIso);
        if (verdict.kind !== 'pending') {
            onProgress({ step: 'done', startedAtIso, polls: polls + 1, verdict });
            return verdict;
        }
    }
}
