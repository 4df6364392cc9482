/**
 * Notes (annotations) on the profile. The secret's expiry date lives in one note with a fixed subject: a note is
 * part of the profile's data, not of our solution, so it survives upgrades and uninstalls of the control, is
 * shared by every admin, and shows on the profile's timeline (README "Secret expiry"). Run records are notes too.
 */
import { guidLiteral, stringLiteral } from '../core/odata';
import type { DataverseHttp } from './http';

/** Subject of the note that holds the secret's expiry date (ISO day in notetext). */
export const SECRET_EXPIRY_SUBJECT = 'Email Server Profile Assistant: client secret expiry';
/** Subject prefix of run records. */
export const RUN_NOTE_SUBJECT = 'Email Server Profile Assistant: bulk run';

type Note = { annotationid: string; notetext: string | null; '@odata.etag'?: string };

async function findExpiryNote(http: DataverseHttp, profileId: string): Promise<Note | undefined> {
    const filter = `_objectid_value eq ${guidLiteral(profileId)} and subject eq ${stringLiteral(SECRET_EXPIRY_SUBJECT)}`;
    const res = await http.send<{ value: Note[] }>(
        `annotations?$select=annotationid,notetext&$filter=${filter}&$orderby=modifiedon desc&$top=1`,
    );
    return res.body.value[0];
}

/** The recorded expiry date (a UTC day), or null when none is recorded or the note is unreadable. */
export async function readSecretExpiry(http: DataverseHttp, profileId: string): Promise<Date | null> {
    const note = await findExpiryNote(http, profileId);
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(note?.notetext?.trim() ?? '');
    return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
}

/** Record (or clear, with null) the expiry date, updating the existing note rather than adding another. */
export async function saveSecretExpiry(http: DataverseHttp, profileId: string, day: Date | null): Promise<void> {
    const note = await findExpiryNote(http, profileId);
    const notetext = day?.toISOString().slice(0, 10);
    if (note) {
        const path = `annotations(${guidLiteral(note.annotationid)})`;
        await http.send(path, notetext ? { method: 'PATCH', body: { notetext }, ifMatch: '*' } : { method: 'DELETE' });
    } else if (notetext) {
        await addNote(http, profileId, SECRET_EXPIRY_SUBJECT, notetext);
    }
}

/** Add a note to the profile. */
export async function addNote(
    http: DataverseHttp,
    profileId: string,
    subject: string,
    notetext: string,
): Promise<void> {
    await http.send('annotations', {
        method: 'POST',
        body: {
            subject,
            notetext,
            'objectid_emailserverprofile@odata.bind': `/emailserverprofiles(${guidLiteral(profileId)})`,
        },
    });
}
