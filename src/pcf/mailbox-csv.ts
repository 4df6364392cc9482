/**
 * The mailbox CSV export as the admin reads it (issue 16 item 3): headers and option labels in the admin's language,
 * as the list shows them, the decoded cause and its fix, and for support the cause's fixed code and the original text.
 */
import { CAUSES } from '../core/credentials/causes';
import type { DecodedError } from '../core/credentials/error-catalogue';
import { toCsv, type CsvColumn } from '../core/csv';
import { approvalLabel, statusLabel, TYPE_LABELS } from '../core/mailbox-labels';
import { isFailed, isRetrying, type MailboxView } from '../core/mailbox-view';
import type { EntryState, LedgerEntry } from '../core/run/ledger';
import { SKIP_REASONS } from '../core/run/skip-reasons';
import type { StringKey } from '../core/string-keys';
import type { GetString } from '../ui/strings';

/** The last run's outcome for a mailbox, decoded when it failed. */
export type RunOutcome = LedgerEntry & { decoded?: DecodedError };

type Row = { view: MailboxView; outcome?: RunOutcome };

/** Why a row is what it is: sentence, fix, code for support and the original text; empty when nothing went wrong. */
type Cause = { messageKey?: StringKey; fixKey?: StringKey; code?: string; raw?: string };

const RESULT_LABELS: Readonly<Record<EntryState, StringKey>> = {
    succeeded: 'Csv_Result_Succeeded',
    failed: 'Csv_Result_Failed',
    retrying: 'Csv_Result_Retrying',
    skipped: 'Csv_Result_Skipped',
    pending: 'Csv_Result_Unfinished',
    sent: 'Csv_Result_Unfinished',
    confirmed: 'Csv_Result_Unfinished',
    testing: 'Csv_Result_Unfinished',
};

/** The run's cause when it failed or skipped the mailbox; else, for a failed or retrying mailbox, its latest alert's. */
function causeOf({ view, outcome }: Row): Cause {
    if (outcome?.decoded) {
        const { messageKey, fixKey, cause, raw } = outcome.decoded;
        return { messageKey, fixKey, code: cause, raw };
    }
    if (outcome?.state === 'skipped' && outcome.reason)
        return { messageKey: SKIP_REASONS[outcome.reason].detailKey, code: outcome.reason };
    const alert = view.alerts[0];
    if (!alert || !(isFailed(view) || isRetrying(view))) return {};
    return { ...CAUSES[alert.cause], code: alert.cause, raw: alert.text };
}

/** The columns in order; `text` turns a key into the admin's language, and nothing into an empty cell. */
function columns(getString: GetString): CsvColumn<Row>[] {
    const text = (key: StringKey | undefined) => (key ? getString(key) : '');
    const status = (pick: (view: MailboxView) => number | null) => (row: Row) =>
        getString(statusLabel(pick(row.view), isRetrying(row.view)));
    const column = (header: StringKey, value: CsvColumn<Row>['value']) => ({ header: getString(header), value });
    return [
        column('Csv_MailboxId', (row) => row.view.id),
        column('Mailboxes_Col_Name', (row) => row.view.name),
        column('Mailboxes_Col_Address', (row) => row.view.address),
        column('Mailboxes_Col_Type', (row) => getString(TYPE_LABELS[row.view.ownerType])),
        column('Mailboxes_Col_Approval', (row) => getString(approvalLabel(row.view))),
        column(
            'Mailboxes_Col_Incoming',
            status((view) => view.incoming),
        ),
        column(
            'Mailboxes_Col_Outgoing',
            status((view) => view.outgoing),
        ),
        column(
            'Mailboxes_Col_Act',
            status((view) => view.act),
        ),
        column(
            'Mailboxes_Col_Overall',
            status((view) => view.overall),
        ),
        // ISO 8601 in UTC: every spreadsheet reads it the same, whatever its locale's date order.
        column('Mailboxes_Col_LastTest', (row) => row.view.lastTestOn),
        column('Mailboxes_Col_Alert', (row) => text(row.view.alerts[0] && CAUSES[row.view.alerts[0].cause].messageKey)),
        column('Csv_RunResult', (row) => text(row.outcome && RESULT_LABELS[row.outcome.state])),
        column('Csv_Cause', (row) => text(causeOf(row).messageKey)),
        column('Csv_Fix', (row) => text(causeOf(row).fixKey)),
        column('Csv_Code', (row) => causeOf(row).code),
        column('Csv_OriginalText', (row) => causeOf(row).raw),
    ];
}

/** CSV (UTF-8 with BOM, formula-safe) of the given mailboxes with their last run outcome, in the admin's language. */
export function mailboxCsv(
    views: readonly MailboxView[],
    outcomes: ReadonlyMap<string, RunOutcome>,
    getString: GetString,
): string {
    return toCsv(
        views.map((view) => ({ view, outcome: outcomes.get(view.id.toLowerCase()) })),
        columns(getString),
    );
}
