import { buildChecklist } from '../../../src/core/readiness/checklist';
import { doneNoteText, parseDoneNote, readinessProgress } from '../../../src/core/readiness/progress';

const ITEMS = buildChecklist({
    tenantId: '4a1c7e2b-6d3f-4b8e-9a05-1c2d3e4f5a06',
    applicationId: '1b2c3d4e-0000-4000-8000-123456789abc',
    cloud: 'commercial',
    today: new Date(Date.UTC(2026, 10, 23)),
});

describe('the readiness note', () => {
    it('writes one item id a line, in checklist order, and reads it back', () => {
        const text = doneNoteText(new Set(['graphPermissions', 'appRegistration']));
        expect(text).toBe('appRegistration\ngraphPermissions');
        expect(parseDoneNote(text)).toEqual(['appRegistration', 'graphPermissions']);
    });

    it('ignores lines that name no item (a removed item, a hand edit, Windows line ends)', () => {
        expect(parseDoneNote('clientSecret\r\nno such item\n  adminConsent  \n')).toEqual([
            'clientSecret',
            'adminConsent',
        ]);
        expect(parseDoneNote(null)).toEqual([]);
    });
});

describe('readinessProgress', () => {
    it('counts the done items of all and names the earliest deadline still open, a passed one first', () => {
        const progress = readinessProgress(ITEMS, new Set(['appRegistration', 'clientSecret']));
        expect(progress).toMatchObject({ done: 2, total: 9 });
        expect(progress.nextDeadline).toEqual({
            dueDate: '2026-10-01',
            deadline: expect.objectContaining({ status: 'passed' }) as unknown,
        });
    });

    it('moves to the next deadline once the earlier item is done, and has none when all are done', () => {
        expect(readinessProgress(ITEMS, new Set(['ewsAllowList'])).nextDeadline?.dueDate).toBe('2027-04-01');
        expect(readinessProgress(ITEMS, new Set(['ewsAllowList', 'graphPermissions'])).nextDeadline).toBeUndefined();
    });
});
