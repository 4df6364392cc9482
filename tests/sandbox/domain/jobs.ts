/**
 * Test & Enable as server-side sync runs it (dataverse.md §6): a PATCH of testemailconfigurationscheduled=true queues
 * a job; once due (and postponetestemailconfigurationuntil ≤ now) it writes the four statuses, completion time,
 * resets the flag and leaves a tracelog alert. Repeats of the same alert update one row's modifiedon (§7).
 *
 * Transient failures are retried (Microsoft Learn "Troubleshooting and monitoring server-side synchronization":
 * "retried up to 10 times with a 5 minute gap between attempts. If delivery fails after 10 attempts, the error is
 * considered permanent and the mailbox is disabled"): each failed attempt leaves a warning (level 2), Failure
 * statuses, the test still scheduled with postponetestemailconfigurationuntil five minutes on, and
 * testemailconfigurationretrycount = attempts so far ("the number of times an email configuration test has been
 * performed"); the attempt after the tenth retry disables the mailbox with an error (level 3). Keeping the test
 * scheduled is how server-side sync picks the row again (§6) — the exact columns it sets meanwhile are (unconfirmed).
 */
import type { Row, Store } from '../emulator/contract';
import { ORGANIZATION_ID, iso } from './ids';
import { JobHeap } from './heap';
import { TRANSIENT_RETRIES, alertFor, contextFor, statusesFor, transientWarningFor, type Alert } from './outcomes';
import { evaluateOutcome, ownerUserOf, type Directory } from './evaluate';
import type { Rng } from './prng';
import type { Outcome } from './types';

/** Default emulated duration of one Test & Enable (no SLA exists; dataverse.md §6 — minutes in the field). */
export const DEFAULT_TEST_DELAY_MS = 60_000;

/** Gap between attempts of a transiently failing Test & Enable (documented: 5 minutes). */
export const RETRY_SPACING_MS = 5 * 60_000;

/** The attempt on which a recovering transient failure succeeds (the emulator's choice: after two warnings). */
export const TRANSIENT_RECOVERS_ON_ATTEMPT = 3;

const CREDENTIAL_OUTCOMES = new Set<Outcome>([
    'badSecret',
    'expiredSecret',
    'missingSecret',
    'unknownTenant',
    'appNotFound',
    'noConsent',
]);

/** The asynchronous side of the domain. */
export type JobQueue = {
    /** Queue (or re-queue) a Test & Enable; a newer schedule supersedes an older one. */
    schedule(mailboxId: string, nowMs: number, postponeUntil: unknown): void;
    tick(nowMs: number, store: Store): void;
    /** Jobs queued and not yet completed or superseded. */
    pending(): number;
};

export type JobDeps = {
    directory: Directory;
    testDelayMs: number;
    jitter: Map<string, number>;
    rng: Rng;
    /** `${regardingId}|${tracecode}` → tracelogid of the alert to update on a repeat. */
    alertIndex: Map<string, string>;
};

const parseTime = (value: unknown): number => (typeof value === 'string' ? Date.parse(value) : NaN);

function writeAlert(store: Store, deps: JobDeps, regardingId: string, alert: Alert, nowMs: number): void {
    const key = `${regardingId}|${alert.tracecode}`;
    const existing = deps.alertIndex.get(key);
    const stamp = iso(nowMs);
    if (existing && store.get('tracelogs', existing)) {
        store.upsert('tracelogs', existing, { text: alert.text, errordetails: alert.errordetails, modifiedon: stamp });
        return;
    }
    const tracelogid = deps.rng.guid();
    deps.alertIndex.set(key, tracelogid);
    store.upsert('tracelogs', tracelogid, {
        tracelogid,
        _regardingobjectid_value: regardingId,
        ...alert,
        tracestatus: false,
        createdon: stamp,
        modifiedon: stamp,
    });
}

type Attempt = { store: Store; deps: JobDeps; mailbox: Row; nowMs: number; retry: (due: number) => void };

function alertsOn(store: Store, level: 1 | 2 | 3): boolean {
    const org = store.get('organizations', ORGANIZATION_ID);
    const flag = { 1: 'generatealertsforinformation', 2: 'generatealertsforwarnings', 3: 'generatealertsforerrors' }[
        level
    ];
    return org?.[flag] !== false;
}

/** A failed attempt of a transient failure: warn, keep the test scheduled, try again in five minutes. */
function retryLater(a: Attempt, attempt: number, alert: Alert): void {
    const { store, mailbox, nowMs } = a;
    const mailboxId = String(mailbox.mailboxid);
    const next = nowMs + RETRY_SPACING_MS;
    store.upsert('mailboxes', mailboxId, {
        ...statusesFor('transient', mailbox),
        testmailboxaccesscompletedon: iso(nowMs),
        testemailconfigurationscheduled: true,
        testemailconfigurationretrycount: attempt,
        postponetestemailconfigurationuntil: iso(next),
        lastsyncerror: alert.text,
        lastsyncerrorcode: alert.tracecode,
        lastsyncerroroccurredon: iso(nowMs),
    });
    if (alertsOn(store, 2)) writeAlert(store, a.deps, mailboxId, alert, nowMs);
    a.retry(next);
}

function complete(a: Attempt): void {
    const { store, deps, mailbox, nowMs } = a;
    const mailboxId = String(mailbox.mailboxid);
    const attempt = Number(mailbox.testemailconfigurationretrycount ?? 0) + 1;
    const evaluated = evaluateOutcome(store, mailbox, deps.directory);
    const recovered = evaluated === 'transientRecovers' && attempt >= TRANSIENT_RECOVERS_ON_ATTEMPT;
    const outcome = recovered ? 'success' : evaluated;
    const profileId = String(mailbox._emailserverprofile_value ?? '');
    const profile = profileId ? store.get('emailserverprofiles', profileId) : undefined;
    const ids = { traceId: deps.rng.guid(), correlationId: deps.rng.guid() };
    const context = contextFor(profile, mailbox, deps.directory.tenants, ids, nowMs, ownerUserOf(store, mailbox));
    const transient = outcome === 'transient' || outcome === 'transientRecovers';
    if (transient && attempt <= TRANSIENT_RETRIES) return retryLater(a, attempt, transientWarningFor(context));
    const alert = alertFor(outcome === 'transientRecovers' ? 'transient' : outcome, context);
    const ok = outcome === 'success';
    store.upsert('mailboxes', mailboxId, {
        ...statusesFor(outcome, mailbox),
        testmailboxaccesscompletedon: iso(nowMs),
        testemailconfigurationscheduled: false,
        testemailconfigurationretrycount: attempt,
        ...(ok
            ? { lastsuccessfulsynccompletedon: iso(nowMs) }
            : { lastsyncerror: alert.text, lastsyncerrorcode: alert.tracecode, lastsyncerroroccurredon: iso(nowMs) }),
    });
    if (!alertsOn(store, ok ? 1 : 3)) return;
    writeAlert(store, deps, mailboxId, alert, nowMs);
    // Credential failures also reach the profile owner's wall (dataverse.md §6 "mailbox + profile owner walls").
    if (CREDENTIAL_OUTCOMES.has(outcome) && profileId) writeAlert(store, deps, profileId, alert, nowMs);
}

/** Create the job queue of one domain instance. */
export function createJobQueue(deps: JobDeps): JobQueue {
    const heap = new JobHeap();
    const versions = new Map<string, number>();
    /** Queue a job for `mailboxId` at `due`, superseding any queued one. */
    const push = (mailboxId: string, due: number): void => {
        const version = (versions.get(mailboxId) ?? 0) + 1;
        versions.set(mailboxId, version);
        heap.push({ due, mailboxId, version });
    };
    return {
        schedule(mailboxId, nowMs, postponeUntil) {
            const jitter = deps.jitter.get(mailboxId) ?? 0.5;
            const ready = nowMs + Math.round(deps.testDelayMs * (0.75 + 0.5 * jitter));
            const postponed = parseTime(postponeUntil);
            push(mailboxId, Number.isNaN(postponed) ? ready : Math.max(ready, postponed));
        },
        tick(nowMs, store) {
            for (let job = heap.peek(); job && job.due <= nowMs; job = heap.peek()) {
                heap.pop();
                if (versions.get(job.mailboxId) !== job.version) continue;
                const mailbox = store.get('mailboxes', job.mailboxId);
                // SSS picks rows with scheduled = true and postpone-until ≤ now (dataverse.md §6).
                const postponed = parseTime(mailbox?.postponetestemailconfigurationuntil);
                if (mailbox && mailbox.testemailconfigurationscheduled === true && postponed > nowMs) {
                    heap.push({ ...job, due: postponed });
                    continue;
                }
                versions.delete(job.mailboxId);
                // The attempt ran when it was due: a tick that comes late (scaled time) must not shift the retries.
                if (mailbox && mailbox.testemailconfigurationscheduled === true)
                    complete({ store, deps, mailbox, nowMs: job.due, retry: (due) => push(job.mailboxId, due) });
            }
        },
        pending: () => versions.size,
    };
}
