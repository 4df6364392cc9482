/**
 * Watching a bulk run's Test & Enable results: poll with back-off until every test reports, then settle each as
 * succeeded, retrying (server-side sync tries again by itself) or failed with the cause its latest alert decodes to.
 */
import { testOutcome } from '../core/test-and-enable';
import { alertReadFailureCause, testFailureCause } from '../core/run/run-view';
import type { RunLedger } from '../core/run/ledger';
import type { AlertInput } from '../core/credentials/error-catalogue';
import type { CauseCode } from '../core/credentials/causes';
import { DataverseError, isRunPause } from './errors';
import { reportProgress, type ExecutorDeps } from './executor-deps';
import type { TraceAlert } from './tracelogs';

/** Poll delays (ms): back-off in minutes, the last one repeats (dataverse.md §6: no SLA, bulk can take hours). */
export const DEFAULT_POLL_SCHEDULE_MS = [15_000, 30_000, 60_000, 120_000, 300_000];
/** Give up watching after this long; the tests keep running server-side. */
export const DEFAULT_POLL_TIMEOUT_MS = 2 * 60 * 60 * 1000;

/** The latest alerts of a poll's failed tests, or why they could not be read. */
type LatestAlerts = { latest: Map<string, TraceAlert>; refused?: { cause: CauseCode; detail: string } };

/**
 * The latest alert of each of `ids` (lower-case id → alert), read since the run started. A refused read (400, 403)
 * does not end the run: the tests' results stand, their cause is "not available" and says why (issue 14 item 9).
 */
async function latestAlerts(ledger: RunLedger, deps: ExecutorDeps, ids: string[]): Promise<LatestAlerts> {
    const latest = new Map<string, TraceAlert>();
    if (ids.length === 0) return { latest };
    let alerts: TraceAlert[];
    try {
        alerts = await deps.gateway.readAlerts(ledger.createdAt, ids);
    } catch (error) {
        const cause = error instanceof DataverseError ? alertReadFailureCause(error.status) : undefined;
        if (!cause || isRunPause(error)) throw error;
        const { code, message } = error as DataverseError;
        return { latest, refused: { cause, detail: `${code}: ${message}` } };
    }
    for (const alert of alerts) {
        const id = alert._regardingobjectid_value?.toLowerCase();
        // Sorted modifiedon desc: the first alert per mailbox is the latest.
        if (id && alert.text && !latest.has(id)) latest.set(id, alert);
    }
    return { latest };
}

/** The text a failure keeps as its detail: the alert's message and its error details (code, activity, exception). */
function alertDetail(alert: TraceAlert): string {
    return [alert.text, alert.errordetails].filter(Boolean).join('\n');
}

/** How a failed or retried test is decoded: from its latest alert (code first), else the status label. */
function alertInputOf(alert: TraceAlert | undefined, statusLabel: string): AlertInput {
    if (!alert) return { text: statusLabel };
    return { text: alert.text ?? '', errordetails: alert.errordetails ?? undefined, level: alert.level ?? undefined };
}

/** Alert level 3 = error: Dynamics has given up on the mailbox (dataverse.md §7). */
const ALERT_LEVEL_ERROR = 3;

/** One poll: settle every testing mailbox whose result is in. */
async function pollOnce(ledger: RunLedger, deps: ExecutorDeps): Promise<void> {
    // One lookup table per poll (lower-case id → ledger id): searching the ledger per row would be quadratic
    // (minutes at 50,000 mailboxes).
    const testing = new Map(ledger.idsIn('testing').map((id) => [id.toLowerCase(), id]));
    const rows = await deps.gateway.readTestResults(ledger.createdAt);
    const finished = rows.flatMap((row) => {
        const id = testing.get(row.mailboxid.toLowerCase());
        const outcome = testOutcome(row, ledger.createdAt);
        return id && outcome.kind !== 'pending' ? [{ id, row, outcome }] : [];
    });
    const failedIds = finished.filter((test) => test.outcome.kind !== 'succeeded').map((test) => test.row.mailboxid);
    const { latest, refused } = await latestAlerts(ledger, deps, failedIds);
    for (const { id, row, outcome } of finished) {
        if (outcome.kind === 'succeeded') {
            ledger.succeeded(id);
            continue;
        }
        const alert = latest.get(id.toLowerCase());
        const status = row.formatted.mailboxstatus ?? '';
        const detail = alert ? alertDetail(alert) : [status, refused?.detail].filter(Boolean).join('\n');
        const cause = !alert && refused ? refused.cause : testFailureCause(alertInputOf(alert, status));
        // Still scheduled and no error alert (a warning, or none yet): server-side sync tries again by itself.
        if (outcome.kind === 'retrying' && alert?.level !== ALERT_LEVEL_ERROR) ledger.retrying(id, cause, detail);
        else ledger.failed(id, cause, detail);
    }
    reportProgress(ledger, deps);
}

/** Poll with back-off until every test reports, the time-out passes, or the run is cancelled. */
export async function pollResults(ledger: RunLedger, deps: ExecutorDeps): Promise<void> {
    const schedule = deps.pollScheduleMs ?? DEFAULT_POLL_SCHEDULE_MS;
    const deadline = deps.now() + (deps.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS);
    for (let poll = 0; ledger.idsIn('testing').length > 0; poll++) {
        if (deps.now() >= deadline) {
            for (const id of ledger.idsIn('testing'))
                ledger.failed(id, 'testTimedOut', 'No test result before the time-out.');
            return;
        }
        try {
            await deps.sleep(schedule[Math.min(poll, schedule.length - 1)], deps.signal);
        } catch {
            return; // cancelled while waiting
        }
        await pollOnce(ledger, deps);
    }
}
