/**
 * The last connection test on a profile, as recorded after each run, and what it means for a bulk run now. The
 * record survives a reload because it is kept with the profile (a note, src/dataverse/last-test.ts). A test only
 * vouches for the profile as it was when the test ran: the profile's row version (ETag) is recorded with it, and any
 * write to the profile since (tenant, application ID, a new secret — even one set outside the control) makes the
 * record stale.
 */
import { CAUSES, type CauseCode } from '../credentials/causes';
import type { ProfileKind } from '../profile';

/** How a connection test ended; a cancelled test is not recorded. */
export type LastTestResult = 'succeeded' | 'failed' | 'timedOut' | 'error';

/**
 * What is recorded after a test: its end, when, the profile version it tested, and (for the overview's connection
 * card) who ran it and the decoded cause of a failure. Records written before `by` and `cause` existed lack them.
 */
export type LastTestRecord = {
    result: LastTestResult;
    at: string;
    profileVersion: string;
    by?: string;
    cause?: CauseCode;
};

/** What the run confirmation says about the last test. */
export type LastTestVerdict =
    | { kind: 'passed'; at: string }
    | { kind: 'failed'; at: string }
    | { kind: 'notFinished'; at: string }
    | { kind: 'changedSince'; at: string }
    | { kind: 'none' };

const RESULTS: readonly LastTestResult[] = ['succeeded', 'failed', 'timedOut', 'error'];

/** The record as note text (JSON, one line). */
export function serialiseLastTest(record: LastTestRecord): string {
    return JSON.stringify(record);
}

/** Read a record back; anything unreadable counts as no record. Never throws. */
export function parseLastTest(text: string | null | undefined): LastTestRecord | undefined {
    let value: unknown;
    try {
        value = JSON.parse(text ?? '');
    } catch {
        return undefined;
    }
    if (typeof value !== 'object' || value === null) return undefined;
    const { result, at, profileVersion, by, cause } = value as Record<string, unknown>;
    const isResult = RESULTS.includes(result as LastTestResult);
    if (!isResult || typeof at !== 'string' || typeof profileVersion !== 'string') return undefined;
    const record: LastTestRecord = { result: result as LastTestResult, at, profileVersion };
    if (typeof by === 'string' && by !== '') record.by = by;
    if (typeof cause === 'string' && cause in CAUSES) record.cause = cause as CauseCode;
    return record;
}

/** Judge the last record against the profile's version now. */
export function judgeLastTest(record: LastTestRecord | undefined, profileVersion: string): LastTestVerdict {
    if (!record) return { kind: 'none' };
    const { at } = record;
    // A failure stays a failure: a later change may or may not have fixed it, and the admin should know either way.
    if (record.result === 'failed') return { kind: 'failed', at };
    if (record.profileVersion !== profileVersion) return { kind: 'changedSince', at };
    return record.result === 'succeeded' ? { kind: 'passed', at } : { kind: 'notFinished', at };
}

/**
 * Whether the confirmation warns before a run. A failed or unfinished test always counts. "None" and "changed
 * since" count where the profile holds credentials that can be wrong (cross-tenant OAuth, hybrid S2S); a same-tenant
 * Exchange Online profile has none to change.
 */
export function warnsBeforeRun(verdict: LastTestVerdict, kind: ProfileKind): boolean {
    switch (verdict.kind) {
        case 'passed':
            return false;
        case 'failed':
        case 'notFinished':
            return true;
        default:
            return kind === 'crossTenantOAuth' || kind === 'hybridS2S';
    }
}
