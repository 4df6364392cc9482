import type { DecodedError } from '../core/credentials/error-catalogue';
import { toCsv, type CsvColumn } from '../core/csv';
import { isRetrying, type MailboxView } from '../core/mailbox-view';
import type { LedgerEntry } from '../core/run/ledger';

/** The last run's outcome for a mailbox, decoded when it failed. */
export type RunOutcome = LedgerEntry & { decoded?: DecodedError };

type Row = { view: MailboxView; outcome?: RunOutcome };

/** A column that shows a MailboxView field as it is. */
type ViewColumn = {
    header: string;
    field: Exclude<keyof MailboxView, 'alerts' | 'scheduled' | 'approvalRequired'>;
};

const VIEW_COLUMNS: readonly ViewColumn[] = [
    { header: 'mailboxid', field: 'id' },
    { header: 'name', field: 'name' },
    { header: 'emailaddress', field: 'address' },
    { header: 'type', field: 'ownerType' },
    { header: 'emailrouteraccessapproval', field: 'approval' },
    { header: 'incomingemailstatus', field: 'incoming' },
    { header: 'outgoingemailstatus', field: 'outgoing' },
    { header: 'actstatus', field: 'act' },
    { header: 'mailboxstatus', field: 'overall' },
    { header: 'testmailboxaccesscompletedon', field: 'lastTestOn' },
];

// Column headers are stable English identifiers so spreadsheets and scripts can rely on them across languages;
// cell values are option values and cause codes, not translated labels (pain-points.md: label-based scripts break).
const COLUMNS: CsvColumn<Row>[] = [
    ...VIEW_COLUMNS.map(({ header, field }): CsvColumn<Row> => ({ header, value: (row) => row.view[field] })),
    // Failed and retrying differ only in whether Dynamics tries again; the CSV says which (the run's word first).
    { header: 'retrying', value: (row) => (row.outcome ? row.outcome.state === 'retrying' : isRetrying(row.view)) },
    { header: 'latestalertcause', value: (row) => row.view.alerts[0]?.cause },
    { header: 'latestalerttext', value: (row) => row.view.alerts[0]?.text },
    { header: 'runoutcome', value: (row) => row.outcome?.state },
    { header: 'runcause', value: (row) => row.outcome?.decoded?.cause ?? row.outcome?.reason },
    { header: 'rundetail', value: (row) => row.outcome?.detail },
];

/** CSV (UTF-8 with BOM, formula-safe) of the given mailboxes with their last run outcome. */
export function mailboxCsv(views: readonly MailboxView[], outcomes: ReadonlyMap<string, RunOutcome>): string {
    return toCsv(
        views.map((view) => ({ view, outcome: outcomes.get(view.id.toLowerCase()) })),
        COLUMNS,
    );
}
