import type { LedgerSummary } from '../../../src/core/run/ledger';
import { runNoteText, type RunNoteTemplates } from '../../../src/core/run/run-note';

const T: RunNoteTemplates = {
    header: '{0} ran "{1}" on {2} mailboxes. Started {3}, finished {4}.',
    counts: 'Result: {0} enabled, {1} failed, {2} skipped.',
    retrying: 'Retrying: {0}.',
    failures: 'Failures by cause: {0}',
    cause: '{0} {1}',
    modeLabel: { approveAndTest: 'Approve & test', testOnly: 'Test only' },
};
const n = (x: number) => x.toLocaleString('en-US');
const time = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function summary(over: Partial<LedgerSummary>): LedgerSummary {
    return {
        ...{ pending: 0, sent: 0, confirmed: 0, testing: 0, succeeded: 0, failed: 0, retrying: 0, skipped: 0 },
        ...{ selected: 0, inFlight: 0, settled: true },
        ...over,
    };
}

const FACTS = {
    userName: 'Dana Admin',
    mode: 'approveAndTest' as const,
    startedAt: '2026-11-23T09:00:00.000Z',
    finishedAt: '2026-11-23T09:42:00.000Z',
};

describe('runNoteText', () => {
    it('states who ran which mode on how many mailboxes, when, and the counts', () => {
        const text = runNoteText(
            { ...FACTS, summary: summary({ selected: 1240, succeeded: 1180, failed: 52, skipped: 8 }), failures: [] },
            T,
            n,
            time,
        );
        expect(text.split('\n')).toEqual([
            'Dana Admin ran "Approve & test" on 1,240 mailboxes. Started 2026-11-23 09:00, finished 2026-11-23 09:42.',
            'Result: 1,180 enabled, 52 failed, 8 skipped.',
        ]);
    });

    it('says how many tests Dynamics is retrying, only when some are', () => {
        const text = runNoteText(
            { ...FACTS, summary: summary({ selected: 12, succeeded: 9, retrying: 3 }), failures: [] },
            T,
            n,
            time,
        );
        expect(text.split('\n').slice(1)).toEqual(['Result: 9 enabled, 0 failed, 0 skipped.', 'Retrying: 3.']);
    });

    it('adds the failures by cause, in the order given', () => {
        const text = runNoteText(
            {
                ...FACTS,
                mode: 'testOnly',
                summary: summary({ selected: 60, succeeded: 8, failed: 52 }),
                failures: [
                    { label: 'consent missing', count: 31 },
                    { label: 'no mailbox', count: 21 },
                ],
            },
            T,
            n,
            time,
        );
        expect(text).toContain('ran "Test only" on 60 mailboxes');
        expect(text.split('\n')[2]).toBe('Failures by cause: 31 consent missing, 21 no mailbox');
    });

    it('keeps braces in a user name as text', () => {
        const text = runNoteText(
            { ...FACTS, userName: '{1} =cmd', summary: summary({ selected: 1, succeeded: 1 }), failures: [] },
            T,
            n,
            time,
        );
        expect(text.startsWith('{1} =cmd ran "Approve & test"')).toBe(true);
    });
});
