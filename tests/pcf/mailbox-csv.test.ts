import Papa from 'papaparse';
import { decodeRunFailure } from '../../src/core/run/run-view';
import type { LedgerEntry } from '../../src/core/run/ledger';
import type { MailboxView } from '../../src/core/mailbox-view';
import { mailboxCsv, type RunOutcome } from '../../src/pcf/mailbox-csv';
import type { GetString } from '../../src/ui/strings';
import { resxStrings } from '../resx-strings';

const de = resxStrings(1031) as GetString;
const en = resxStrings(1033) as GetString;

function view(id: string, over: Partial<MailboxView> = {}): MailboxView {
    return {
        ...{ id, name: `Mailbox ${id}`, address: `${id}@contoso.com`, ownerType: 'user', approval: 1 },
        ...{ incoming: 1, outgoing: 1, act: 0, overall: 1, scheduled: false, lastTestOn: '2026-11-01T10:00:00Z' },
        alerts: [],
        ...over,
    };
}

function outcome(id: string, over: Partial<LedgerEntry>): RunOutcome {
    const entry: LedgerEntry = {
        ...{ mailboxId: id, name: id, approve: false, state: 'succeeded', inFlight: false, approvalConfirmed: false },
        ...over,
    };
    return { ...entry, decoded: entry.cause ? decodeRunFailure(entry) : undefined };
}

/** The CSV read back by papaparse (no type guessing), as one record per row keyed by the header. */
function records(csv: string): Record<string, string>[] {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    return parsed.data;
}

const FAILED = view('b', { incoming: 2, overall: 2 });
const OUTCOMES = new Map([
    ['a', outcome('a', { state: 'succeeded' })],
    ['b', outcome('b', { state: 'failed', cause: 'ewsTokenNoPermissions', detail: '401 Unauthorized' })],
    ['c', outcome('c', { state: 'skipped', reason: 'notApproved' })],
]);

describe('mailboxCsv', () => {
    it("writes the headers the admin sees in the admin's language", () => {
        const header = Papa.parse<string[]>(mailboxCsv([], new Map(), de).slice(1)).data[0];
        expect(header).toEqual([
            ...['Postfach-ID', 'Name', 'E-Mail-Adresse', 'Typ', 'Genehmigung', 'Eingehend', 'Ausgehend'],
            ...['Termine, Kontakte, Aufgaben', 'Status', 'Letzter Test', 'Letzte Warnung', 'Ergebnis des Laufs'],
            ...['Ursache', 'Was zu tun ist', 'Code für den Support', 'Originaltext'],
        ]);
    });

    it('writes option labels, not option values, and the run result of each mailbox', () => {
        const rows = records(mailboxCsv([view('a'), FAILED, view('c', { approval: 2 })], OUTCOMES, de));
        expect(rows.map((r) => [r.Typ, r.Genehmigung, r.Eingehend, r.Status, r['Ergebnis des Laufs']])).toEqual([
            ['Benutzer', 'Genehmigt', 'Erfolgreich', 'Erfolgreich', 'Aktiviert'],
            ['Benutzer', 'Genehmigt', 'Fehler', 'Fehler', 'Fehlgeschlagen'],
            ['Benutzer', 'Genehmigung ausstehend', 'Erfolgreich', 'Erfolgreich', 'Übersprungen'],
        ]);
        expect(rows[0]['Termine, Kontakte, Aufgaben']).toBe('Nicht ausgeführt');
        expect(rows[0]['Letzter Test']).toBe('2026-11-01T10:00:00Z');
    });

    it('writes the decoded cause, its fix, the code for support and the original text of a failure', () => {
        const [row] = records(mailboxCsv([FAILED], OUTCOMES, en));
        expect(row).toMatchObject({
            Cause: en('Error_EwsTokenNoPermissions'),
            'What to do': en('Fix_EwsTokenNoPermissions'),
            'Code for support': 'ewsTokenNoPermissions',
            'Original text': '401 Unauthorized',
        });
    });

    it('says why a mailbox was skipped', () => {
        const [row] = records(mailboxCsv([view('c')], OUTCOMES, en));
        expect(row).toMatchObject({
            'Run result': 'Skipped',
            Cause: 'These mailboxes are not approved, and Test only does not approve. Use Approve & test instead.',
            'Code for support': 'notApproved',
        });
    });

    it("says a retrying mailbox is retrying, and without a run gives its latest alert's cause", () => {
        const alert = { cause: 'ewsServerBusy' as const, text: 'ErrorServerBusy', occurredOn: null, level: 2 };
        const retrying = view('r', { overall: 2, incoming: 2, scheduled: true, alerts: [alert] });
        const [row] = records(mailboxCsv([retrying], new Map(), en));
        expect(row).toMatchObject({
            Status: 'Retrying — Dynamics tries again',
            'Run result': '',
            'Latest alert': en('Error_EwsServerBusy'),
            Cause: en('Error_EwsServerBusy'),
            'What to do': en('Fix_WaitAndRetry'),
            'Code for support': 'ewsServerBusy',
            'Original text': 'ErrorServerBusy',
        });
    });

    it('leaves the cause empty for a mailbox that is fine', () => {
        const [row] = records(mailboxCsv([view('a')], OUTCOMES, en));
        expect([row.Cause, row['What to do'], row['Code for support'], row['Original text']]).toEqual(['', '', '', '']);
    });

    it('neutralises formulas in names and server text (CSV injection)', () => {
        const hostile = view('h', { name: '=HYPERLINK("http://x","y")', overall: 2 });
        const failure = outcome('h', { state: 'failed', cause: 'unknown', detail: '@SUM(1)' });
        const [row] = records(mailboxCsv([hostile], new Map([['h', failure]]), en));
        expect(row.Name).toBe(`'=HYPERLINK("http://x","y")`);
        expect(row['Original text']).toBe("'@SUM(1)");
    });
});
