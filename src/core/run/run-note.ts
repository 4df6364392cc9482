/**
 * The optional record of a bulk run on the profile's timeline (issue 6 §3): who ran what, when, with the counts
 * and the failures by cause. Pure: the caller supplies the localised templates and the formatters.
 */
import type { LedgerSummary } from './ledger';
import { format } from '../template';
import type { RunMode } from './types';

/** Everything the note states. */
export type RunNoteFacts = {
    userName: string;
    mode: RunMode;
    /** ISO time the run was planned (server clock). */
    startedAt: string;
    /** ISO time the note is written (server clock). */
    finishedAt: string;
    summary: LedgerSummary;
    /** Failure groups with a readable label, largest first. */
    failures: readonly { label: string; count: number }[];
};

/** Localised templates the note is built from ({n} placeholders as in the resx). */
export type RunNoteTemplates = {
    /** {0} user, {1} mode label, {2} selected, {3} started, {4} finished. */
    header: string;
    /** {0} enabled, {1} failed, {2} skipped. */
    counts: string;
    /** {0} retrying (said only when some are). */
    retrying: string;
    /** {0} the comma-separated "count cause" list. */
    failures: string;
    /** {0} count, {1} cause. */
    cause: string;
    modeLabel: Record<RunMode, string>;
};

/** The note's text: a header line, the counts, and the failures by cause when there are any. */
export function runNoteText(
    facts: RunNoteFacts,
    templates: RunNoteTemplates,
    formatNumber: (value: number) => string,
    formatTime: (iso: string) => string,
): string {
    const { summary } = facts;
    const lines = [
        format(
            templates.header,
            facts.userName,
            templates.modeLabel[facts.mode],
            formatNumber(summary.selected),
            formatTime(facts.startedAt),
            formatTime(facts.finishedAt),
        ),
        format(
            templates.counts,
            formatNumber(summary.succeeded),
            formatNumber(summary.failed),
            formatNumber(summary.skipped),
        ),
    ];
    if (summary.retrying > 0) lines.push(format(templates.retrying, formatNumber(summary.retrying)));
    if (facts.failures.length > 0) {
        const list = facts.failures
            .map((failure) => format(templates.cause, formatNumber(failure.count), failure.label))
            .join(', ');
        lines.push(format(templates.failures, list));
    }
    return lines.join('\n');
}
