/**
 * The last connection test on a profile, kept as one note on the profile (core/connection-test/last-test.ts): part of
 * the profile's data, so it survives a reload, is the same for every admin and shows on the profile's timeline.
 */
import { parseLastTest, serialiseLastTest, type LastTestRecord } from '../core/connection-test/last-test';
import { PROFILE } from '../core/schema';
import type { DataverseHttp } from './http';
import { findNote, keepNote } from './notes';
import { profilePath } from './profile';

/** Subject of the note that holds the last connection test. */
export const LAST_TEST_SUBJECT = 'Email Server Profile Assistant: last connection test';

/** The profile's row version now (its ETag): it changes with every write to the profile, the secret included. */
export async function readProfileVersion(
    http: DataverseHttp,
    profileId: string,
    signal?: AbortSignal,
): Promise<string> {
    const response = await http.send<Record<string, unknown>>(`${profilePath(profileId)}?$select=${PROFILE.id}`, {
        signal,
    });
    const etag = response.body['@odata.etag'] ?? response.headers.get('ETag');
    if (typeof etag !== 'string' || etag === '') throw new Error('The profile was read without a row version (ETag).');
    return etag;
}

/** The recorded last test, or undefined when none is recorded or the note is unreadable. */
export async function readLastTest(http: DataverseHttp, profileId: string): Promise<LastTestRecord | undefined> {
    const note = await findNote(http, profileId, LAST_TEST_SUBJECT);
    return parseLastTest(note?.notetext);
}

/** Record a finished test, replacing the previous record. */
export async function saveLastTest(http: DataverseHttp, profileId: string, record: LastTestRecord): Promise<void> {
    await keepNote(http, profileId, LAST_TEST_SUBJECT, serialiseLastTest(record));
}
