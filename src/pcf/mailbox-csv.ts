import type { DecodedError } from '../core/credentials/error-catalogue';
import { toCsv, type CsvColumn } from '../core/csv';
import type { MailboxView } from '../core/mailbox-view';
import type { LedgerEntry } from '../core/run/ledger';

/** The last run's outcome for a mailbox, decoded when it failed. */
export type RunOutcome = LedgerEntry & { decoded?: DecodedError };

type Row = { view: MailboxView; outcome?: RunOutcome };

/** Header → the MailboxView field the cell shows as it is. */
const VIEW_COLUMNS: [string, Exclude<keyof MailboxView, 'alerts'>][] = [
    ['mailboxid', 'id'],
    ['name', 'name'],
    ['emailaddress', 'address'],
    ['type', 'ownerType'],
    ['emailrouteraccessapproval', 'approval'],
    ['incomingemailstatus', 'incoming'],
    ['outgoingemailstatus', 'outgoing'],
    ['actstatus', 'act'],
    ['mailboxstatus', 'overall'],
    ['testmailboxaccesscompletedon', 'lastTestOn'],
];

// Column headers are stable English identifiers so spreadsheets and scripts can rely on them across languages;
// cell values are option values and cause codes, not translated labels (pain-points.md: label-based scripts break).
const COLUMNS: CsvColumn<Row>[] = [
    ...VIEW_COLUMNS.map(([header, field]): CsvColumn<Row> => ({ header, value: (r) => r.view[field] })),
    { header: 'latestalertcause', value: (r) => r.view.alerts[0]?.cause },
    { header: 'latestalerttext', value: (r) => r.view.alerts[0]?.text },
    { header: 'runoutcome', value: (r) => r.outcome?.state },
    { header: 'runcause', value: (r) => r.outcome?.decoded?.cause ?? r.outcome?.reason },
    { header: 'rundetail', value: (r) => r.outcome?.detail },
];

/** CSV (UTF-8 with BOM, formula-safe) of the given mailboxes with their last run outcome. */
export function mailboxCsv(views: readonly MailboxView[], outcomes: ReadonlyMap<string, RunOutcome>): string {
    return toCsv(
        views.map((view) => ({ view, outcome: outcomes.get(view.id.toLowerCase()) })),
        COLUMNS,
    );
}
