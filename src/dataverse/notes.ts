/**
 * Notes (annotations) on the profile. The secret's expiry date lives in one note with a fixed subject: a note is
 * part of the profile's data, not of our solution, so it survives upgrades and uninstalls of the control, is
 * shared by every admin, and shows on the profile's timeline (README "Secret expiry"). Run records are notes too.
 */
import { guidLiteral, stringLiteral } from '../core/odata';
import { doneNoteText, parseDoneNote } from '../core/readiness/progress';
import type { ReadinessItemId } from '../core/readiness/items';
import { ANNOTATION, ENTITY_SET } from '../core/schema';
import type { DataverseHttp } from './http';
import { profilePath } from './profile';
import { textOf, type RawRow } from './row';

/** Subject of the note that holds the secret's expiry date (ISO day in notetext). */
export const SECRET_EXPIRY_SUBJECT = 'Email Server Profile Assistant: client secret expiry';
/** Subject prefix of run records. */
export const RUN_NOTE_SUBJECT = 'Email Server Profile Assistant: bulk run';
/** Subject of the note that lists the readiness items an admin marked done (one item id a line). */
export const READINESS_SUBJECT = 'Email Server Profile Assistant: tenant readiness';

/** A note the control keeps one of per profile (found by its subject). */
type KeptNote = { annotationid: string; notetext: string | null };

function notePath(annotationId: string): string {
    return `${ENTITY_SET.annotation}(${guidLiteral(annotationId)})`;
}

/** The newest note on the profile with this subject. */
export async function findNote(http: DataverseHttp, profileId: string, subject: string): Promise<KeptNote | undefined> {
    const filter =
        `${ANNOTATION.object} eq ${guidLiteral(profileId)}` + ` and ${ANNOTATION.subject} eq ${stringLiteral(subject)}`;
    const select = `${ANNOTATION.id},${ANNOTATION.noteText}`;
    const response = await http.send<{ value: RawRow[] }>(
        `${ENTITY_SET.annotation}?$select=${select}&$filter=${filter}&$orderby=${ANNOTATION.modifiedOn} desc&$top=1`,
    );
    const raw = response.body.value[0];
    return raw ? { annotationid: String(raw[ANNOTATION.id]), notetext: textOf(raw, ANNOTATION.noteText) } : undefined;
}

/** The recorded expiry date (a UTC day), or null when none is recorded or the note is unreadable. */
export async function readSecretExpiry(http: DataverseHttp, profileId: string): Promise<Date | null> {
    const note = await findNote(http, profileId, SECRET_EXPIRY_SUBJECT);
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(note?.notetext?.trim() ?? '');
    return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
}

/** Record (or clear, with null) the expiry date, updating the existing note rather than adding another. */
export async function saveSecretExpiry(http: DataverseHttp, profileId: string, day: Date | null): Promise<void> {
    const note = await findNote(http, profileId, SECRET_EXPIRY_SUBJECT);
    const notetext = day?.toISOString().slice(0, 10);
    if (note && notetext) {
        const body = { [ANNOTATION.noteText]: notetext };
        await http.send(notePath(note.annotationid), { method: 'PATCH', body, ifMatch: '*' });
    } else if (note) {
        await http.send(notePath(note.annotationid), { method: 'DELETE' });
    } else if (notetext) {
        await addNote(http, profileId, SECRET_EXPIRY_SUBJECT, notetext);
    }
}

/** Write the profile's one note with this subject: update it where it exists, else add it. */
export async function keepNote(
    http: DataverseHttp,
    profileId: string,
    subject: string,
    notetext: string,
): Promise<void> {
    const note = await findNote(http, profileId, subject);
    if (!note) return addNote(http, profileId, subject, notetext);
    await http.send(notePath(note.annotationid), {
        method: 'PATCH',
        body: { [ANNOTATION.noteText]: notetext },
        ifMatch: '*',
    });
}

/** Add a note to the profile. */
export async function addNote(
    http: DataverseHttp,
    profileId: string,
    subject: string,
    notetext: string,
): Promise<void> {
    await http.send(ENTITY_SET.annotation, {
        method: 'POST',
        body: {
            [ANNOTATION.subject]: subject,
            [ANNOTATION.noteText]: notetext,
            [`${ANNOTATION.objectProfile}@odata.bind`]: `/${profilePath(profileId)}`,
        },
    });
}

/** The readiness items marked done on this profile (none when no note exists). */
export async function readReadinessDone(http: DataverseHttp, profileId: string): Promise<ReadinessItemId[]> {
    return parseDoneNote((await findNote(http, profileId, READINESS_SUBJECT))?.notetext);
}

/** Record which readiness items are done, updating the profile's one readiness note rather than adding another. */
export async function saveReadinessDone(
    http: DataverseHttp,
    profileId: string,
    done: ReadonlySet<ReadinessItemId>,
): Promise<void> {
    await keepNote(http, profileId, READINESS_SUBJECT, doneNoteText(done));
}
