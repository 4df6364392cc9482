/**
 * The Connection area's actions, built from the platform context: tenant discovery, secret rotation, the expiry
 * note, canary choice and the connection test. UI components receive these as props and never call fetch.
 */
import { pickCanary, canaryProblem } from '../core/connection-test/canary';
import { judgeLastTest, type LastTestResult } from '../core/connection-test/last-test';
import type { CauseCode } from '../core/credentials/causes';
import { decodeDataverseError } from '../core/credentials/error-catalogue';
import { runConnectionTest, type ConnectionTestProgress } from '../dataverse/connection-test';
import { createDiscoveryClient } from '../dataverse/discovery-client';
import { DataverseError } from '../dataverse/errors';
import { realSleep, type DataverseHttp } from '../dataverse/http';
import { readLastTest, readProfileVersion, saveLastTest } from '../dataverse/last-test';
import { listCanaryCandidates } from '../dataverse/mailboxes';
import { readSecretExpiry, saveSecretExpiry } from '../dataverse/notes';
import { saveClientSecret } from '../dataverse/profile';
import type { ConnectionActions } from '../ui/actions';
import type { ConnectionTestView } from '../ui/connection/connection-state';
import type { RunConnectionTest } from '../ui/hooks/use-connection-test';

/** Hosts a plain-http stand-in may run on: this machine only (the sandbox, a developer's emulator). */
const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost'];

/** Whether a discoveryBaseUrl may stand in for the sign-in hosts: https anywhere, plain http only on this machine. */
function isAcceptedBase(base: string): boolean {
    let url: URL;
    try {
        url = new URL(base);
    } catch {
        return false;
    }
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname);
}

/**
 * Map the real sign-in host to the configured stand-in (the discoveryBaseUrl input, a test hook; empty in
 * production). Anything else is ignored and the real hosts are asked: a tenant lookup must not travel in clear text.
 */
export function hostOverrideFrom(base: string | null | undefined): ((host: string) => string) | undefined {
    const trimmed = base?.trim().replace(/\/+$/, '');
    if (!trimmed || !isAcceptedBase(trimmed)) return undefined;
    return (host) => `${trimmed}/${host}`;
}

function toView({ verdict, step, polls, nextPollAtMs }: ConnectionTestProgress): ConnectionTestView {
    switch (verdict?.kind) {
        case 'succeeded':
            return { status: 'succeeded', completedOn: verdict.completedOn };
        case 'failed':
            return { status: 'failed', failures: verdict.failures };
        case 'timedOut':
            return { status: 'timedOut' };
        default:
            return { status: 'running', step: step === 'queued' ? 'queued' : 'running', polls, nextPollAtMs };
    }
}

async function runToView(
    http: DataverseHttp,
    canaryId: string,
    onView: (view: ConnectionTestView) => void,
    signal: AbortSignal,
): Promise<ConnectionTestView> {
    try {
        const deps = { http, now: () => Date.now(), sleep: realSleep };
        let last: ConnectionTestView = { status: 'running', step: 'queued', polls: 0 };
        await runConnectionTest(deps, canaryId, (progress) => onView((last = toView(progress))), signal);
        return last;
    } catch (error) {
        if (signal.aborted) return { status: 'cancelled' };
        const failed = error instanceof DataverseError ? error : { status: 0, code: '', message: String(error) };
        const failure = decodeDataverseError(failed);
        // The only record the test addresses by id is the chosen mailbox, and the picker re-reads its list.
        if (failure.cause === 'recordNotFound') failure.fixKey = 'Fix_CanaryGone';
        return { status: 'error', failure };
    }
}

const RECORDED: Partial<Record<ConnectionTestView['status'], LastTestResult>> = {
    succeeded: 'succeeded',
    failed: 'failed',
    timedOut: 'timedOut',
    error: 'error',
};

/**
 * Run the test and record how it ended with the profile version it tested, for the run confirmation. The record is
 * a courtesy: when it cannot be written (no right to add notes), the confirmation says no test is known.
 */
function testRunner(http: DataverseHttp, profileId: string, userName?: string): RunConnectionTest {
    return async (canaryId, onView, signal) => {
        const profileVersion = await readProfileVersion(http, profileId, signal).catch(() => undefined);
        const view = await runToView(http, canaryId, onView, signal);
        const result = RECORDED[view.status];
        if (result && profileVersion) {
            const record = { result, at: new Date().toISOString(), profileVersion, by: userName, cause: causeOf(view) };
            await saveLastTest(http, profileId, record).catch(() => undefined);
        }
        return view;
    };
}

/** The decoded cause of a test that did not pass, for the overview's connection card. */
function causeOf(view: ConnectionTestView): CauseCode | undefined {
    if (view.status === 'failed') return view.failures[0]?.cause;
    return view.status === 'error' ? view.failure.cause : undefined;
}

/** Build the Connection actions for one profile; `userName` is recorded with each test as who ran it. */
export function createConnectionActions(
    http: DataverseHttp,
    profileId: string,
    discoveryBaseUrl?: string | null,
    userName?: string,
): ConnectionActions {
    const discovery = createDiscoveryClient((url, init) => fetch(url, init), hostOverrideFrom(discoveryBaseUrl));
    return {
        resolveTenant: discovery.resolveTenant,
        saveSecret: (value) => saveClientSecret(http, profileId, value),
        readExpiry: () => readSecretExpiry(http, profileId),
        saveExpiry: (day) => saveSecretExpiry(http, profileId, day),
        loadCanaries: async (signal) => {
            const rows = (await listCanaryCandidates(http, profileId, signal)).filter(
                (row) => !canaryProblem(row, profileId),
            );
            const options = rows.map((row) => ({
                id: row.mailboxid,
                label: row.emailaddress ? `${row.name} <${row.emailaddress}>` : row.name,
            }));
            return { options, defaultId: pickCanary(rows, profileId)?.mailboxid };
        },
        runConnectionTest: testRunner(http, profileId, userName),
        readLastTest: () => readLastTest(http, profileId),
        checkLastTest: async (signal) => {
            const [record, version] = await Promise.all([
                readLastTest(http, profileId),
                readProfileVersion(http, profileId, signal),
            ]);
            return judgeLastTest(record, version);
        },
    };
}
