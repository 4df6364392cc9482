/**
 * Test & Enable as server-side sync runs it (dataverse.md §6): a PATCH of testemailconfigurationscheduled=true queues
 * a job; once due (and postponetestemailconfigurationuntil ≤ now) it writes the four statuses, completion time,
 * resets the flag and leaves a tracelog alert. Repeats of the same alert update one row's modifiedon (§7).
 */
import type { Row, Store } from '../emulator/contract';
import { ORGANIZATION_ID, iso } from './ids';
import { JobHeap } from './heap';
import { alertFor, contextFor, statusesFor, type Alert } from './outcomes';
import { evaluateOutcome, type Directory } from './evaluate';
import type { Rng } from './prng';
import type { Outcome } from './types';

/** Default emulated duration of one Test & Enable (no SLA exists; dataverse.md §6 — minutes in the field). */
export const DEFAULT_TEST_DELAY_MS = 60_000;

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

function complete(store: Store, deps: JobDeps, mailbox: Row, nowMs: number): void {
    const mailboxId = String(mailbox.mailboxid);
    const outcome = evaluateOutcome(store, mailbox, deps.directory);
    const profileId = String(mailbox._emailserverprofile_value ?? '');
    const profile = profileId ? store.get('emailserverprofiles', profileId) : undefined;
    const ids = { traceId: deps.rng.guid(), correlationId: deps.rng.guid() };
    const alert = alertFor(outcome, contextFor(profile, mailbox, deps.directory.tenants, ids, nowMs));
    const ok = outcome === 'success';
    store.upsert('mailboxes', mailboxId, {
        ...statusesFor(outcome, mailbox),
        testmailboxaccesscompletedon: iso(nowMs),
        testemailconfigurationscheduled: false,
        ...(ok
            ? { lastsuccessfulsynccompletedon: iso(nowMs) }
            : { lastsyncerror: alert.text, lastsyncerrorcode: alert.tracecode, lastsyncerroroccurredon: iso(nowMs) }),
    });
    const org = store.get('organizations', ORGANIZATION_ID);
    if ((ok ? org?.generatealertsforinformation : org?.generatealertsforerrors) === false) return;
    writeAlert(store, deps, mailboxId, alert, nowMs);
    // Credential failures also reach the profile owner's wall (dataverse.md §6 "mailbox + profile owner walls").
    if (CREDENTIAL_OUTCOMES.has(outcome) && profileId) writeAlert(store, deps, profileId, alert, nowMs);
}

/** Create the job queue of one domain instance. */
export function createJobQueue(deps: JobDeps): JobQueue {
    const heap = new JobHeap();
    const versions = new Map<string, number>();
    return {
        schedule(mailboxId, nowMs, postponeUntil) {
            const version = (versions.get(mailboxId) ?? 0) + 1;
            versions.set(mailboxId, version);
            const jitter = deps.jitter.get(mailboxId) ?? 0.5;
            const ready = nowMs + Math.round(deps.testDelayMs * (0.75 + 0.5 * jitter));
            const postponed = parseTime(postponeUntil);
            heap.push({ due: Number.isNaN(postponed) ? ready : Math.max(ready, postponed), mailboxId, version });
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
                if (mailbox && mailbox.testemailconfigurationscheduled === true) complete(store, deps, mailbox, nowMs);
            }
        },
        pending: () => versions.size,
    };
}
