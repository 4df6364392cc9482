/**
 * How far the mailbox tenant's admin has got with the readiness checklist: which items an admin marked done (kept in a
 * note on the profile, one item id a line, so every admin sees the same), how many of how many, and the next deadline
 * of an item not done yet. Dataverse cannot see the other tenant, so "done" is the admins' word, not a check.
 */
import type { ChecklistItem } from './checklist';
import type { DeadlineInfo } from './deadline';
import { READINESS_ITEM_IDS, type ReadinessItemId } from './items';

const isItemId = (text: string): text is ReadinessItemId => (READINESS_ITEM_IDS as readonly string[]).includes(text);

/** The done items in a note's text; unknown lines (an item since removed, a hand edit) are ignored. */
export function parseDoneNote(text: string | null | undefined): ReadinessItemId[] {
    const lines = (text ?? '').split(/\r?\n/).map((line) => line.trim());
    return READINESS_ITEM_IDS.filter((id) => lines.includes(id) && isItemId(id));
}

/** The note's text for a set of done items, in checklist order. */
export function doneNoteText(done: ReadonlySet<ReadinessItemId>): string {
    return READINESS_ITEM_IDS.filter((id) => done.has(id)).join('\n');
}

/** The readiness card: items done of all, and the earliest deadline among the items not done. */
export type ReadinessProgress = {
    done: number;
    total: number;
    nextDeadline?: { dueDate: string; deadline: DeadlineInfo };
};

/** Count the done items and find the earliest open deadline (a passed one first: it is the most urgent). */
export function readinessProgress(items: readonly ChecklistItem[], done: ReadonlySet<ReadinessItemId>) {
    const open = items.filter((item) => !done.has(item.id));
    const deadlines = open
        .filter((item) => item.dueDate !== undefined && item.deadline !== undefined)
        .sort((a, b) => (a.dueDate as string).localeCompare(b.dueDate as string));
    const first = deadlines[0];
    const progress: ReadinessProgress = { done: items.length - open.length, total: items.length };
    if (first?.dueDate && first.deadline) progress.nextDeadline = { dueDate: first.dueDate, deadline: first.deadline };
    return progress;
}
