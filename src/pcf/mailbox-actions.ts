/**
 * The Mailboxes area's actions: load rows with their latest alert, check approval rights, plan, run, resume and
 * export. Rows are cached here so a run plans on exactly what the admin saw.
 */
import { decodeAlert } from '../core/credentials/error-catalogue';
import { toMailboxView, type MailboxAlertView, type MailboxView } from '../core/mailbox-view';
import { CAUSES } from '../core/credentials/causes';
import { APPROVAL_REQUIRED_FOR_ALL, type ApprovalPolicy } from '../core/run/approval-policy';
import { planCounts, planRun } from '../core/run/planner';
import { runNoteText } from '../core/run/run-note';
import { decodeRunFailure, failureGroupsOf } from '../core/run/run-view';
import type { LedgerEntry, LedgerSummary } from '../core/run/ledger';
import type { CauseCode } from '../core/credentials/causes';
import type { MailboxRow, RunMode } from '../core/run/types';
import { listMailboxes } from '../dataverse/mailboxes';
import { noAlertsIfRefused, readAlerts, type TraceAlert } from '../dataverse/tracelogs';
import { realSleep, type DataverseHttp } from '../dataverse/http';
import type { Sleep } from '../core/scheduler/gate';
import { addNote, RUN_NOTE_SUBJECT } from '../dataverse/notes';
import { readApprovalPolicy } from '../dataverse/organization';
import { canApprove } from '../dataverse/privileges';
import type { ApprovalCheckView, MailboxActions, RunStateView } from '../ui/actions';
import { asListItem } from '../core/template';
import { countString, pluralRulesOf, type GetString } from '../ui/strings';
import { BulkRunController, type BulkRunState } from './bulk-run';
import type { LedgerStore } from './ledger-store';
import { mailboxCsv } from './mailbox-csv';

/** Alerts older than this are not shown as a mailbox's "latest alert". */
const ALERT_LOOKBACK_MS = 30 * 86_400_000;

/** Browser services the actions use. */
export type BrowserServices = {
    storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
    /** Where a profile's run is kept for resume (IndexedDB); absent: no resume and no approvals. */
    ledgerStore?: (profileId: string) => LedgerStore | undefined;
    copyText: (text: string) => Promise<void>;
    openUrl: (url: string) => void;
    download: (fileName: string, text: string) => void;
};

function latestAlerts(alerts: readonly TraceAlert[]): Map<string, MailboxAlertView[]> {
    const byMailbox = new Map<string, MailboxAlertView[]>();
    for (const alert of alerts) {
        const id = alert._regardingobjectid_value?.toLowerCase();
        // Warnings (2) and errors (3) only: information rows are no alert.
        if (!id || alert.level === null || alert.level < 2) continue;
        const text = [alert.text, alert.errordetails].filter(Boolean).join('\n');
        const list = byMailbox.get(id) ?? [];
        list.push({
            cause: decodeAlert({ text: alert.text ?? '', errordetails: alert.errordetails ?? undefined }).cause,
            text,
            occurredOn: alert.modifiedon,
            level: alert.level,
        });
        byMailbox.set(id, list);
    }
    return byMailbox;
}

/** The latest alerts of the listed mailboxes; refused alert reads leave the rows without causes (issue 14 item 9). */
async function readListAlerts(
    http: DataverseHttp,
    profileId: string,
    rows: readonly MailboxRow[],
    signal: AbortSignal,
): Promise<Map<string, MailboxAlertView[]>> {
    const since = new Date(http.serverNow() - ALERT_LOOKBACK_MS).toISOString();
    const mailboxIds = rows.map((row) => row.mailboxid);
    return latestAlerts(await readAlerts(http, profileId, since, { signal, mailboxIds }).catch(noAlertsIfRefused));
}

function pauseView(pause: BulkRunState['pause']): RunStateView['pause'] {
    if (!pause) return null;
    return pause.reason === 'stalled' ? { reason: 'stalled', limitMs: pause.limitMs ?? 0 } : { reason: 'signedOut' };
}

function toRunView(state: BulkRunState): RunStateView {
    return {
        status: state.status,
        summary: state.view?.summary,
        failures: failureGroupsOf(state.view),
        skips: state.view?.skips ?? [],
        throttledUntilMs: state.throttledUntilMs ?? null,
        stallAtMs: state.stallAtMs ?? null,
        pause: pauseView(state.pause),
        resumed: state.resumed,
        ...(state.view?.refusal ? { refusal: state.view.refusal } : {}),
        notStored: state.notStored,
    };
}

async function checkApproval(http: DataverseHttp, userId: string, signal: AbortSignal): Promise<ApprovalCheckView> {
    const check = await canApprove(http, userId, signal);
    // 'likely' implies the privilege (verdictFor), so only one thing can be missing.
    if (check.verdict === 'likely') return { canApprove: true, blockers: [] };
    return { canApprove: false, blockers: [check.hasPrivilege ? 'missingRole' : 'missingPrivilege'] };
}

/** The signed-in user and the strings the run note is written with; `locale` is the strings' language (BCP 47). */
export type RunNoteIdentity = { userId: string; userName: string; getString: GetString; locale?: string };

function runNote(
    identity: RunNoteIdentity,
    summary: LedgerSummary,
    failures: RunStateView['failures'],
    info: { mode: RunMode; createdAt: string },
    nowIso: string,
): string {
    const getString = identity.getString;
    const number = new Intl.NumberFormat(identity.locale);
    const time = new Intl.DateTimeFormat(identity.locale, { dateStyle: 'medium', timeStyle: 'long' });
    return runNoteText(
        {
            userName: identity.userName,
            mode: info.mode,
            startedAt: info.createdAt,
            finishedAt: nowIso,
            summary,
            failures: failures.map((failure) => ({
                count: failure.count,
                label: asListItem(getString(CAUSES[failure.cause].messageKey)),
            })),
        },
        {
            header: countString(
                getString,
                pluralRulesOf(identity.locale ?? 'en-US'),
                'RunNote_Header',
                summary.selected,
            ),
            counts: getString('RunNote_Counts'),
            retrying: getString('RunNote_Retrying'),
            failures: getString('RunNote_Failures'),
            cause: getString('Run_CauseCount'),
            modeLabel: {
                approveAndTest: getString('Mailboxes_Command_ApproveAndTest'),
                testOnly: getString('Mailboxes_Command_TestOnly'),
            },
        },
        (value) => number.format(value),
        (iso) => time.format(new Date(iso)),
    );
}

/** The items whose id is one of `ids` (compared case-insensitively, as Dataverse ids are). */
function pickByIds<T>(items: readonly T[], ids: readonly string[], idOf: (item: T) => string): T[] {
    const wanted = new Set(ids.map((id) => id.toLowerCase()));
    return items.filter((item) => wanted.has(idOf(item).toLowerCase()));
}

/** The CSV of the chosen rows (all of the run's when `ids` is absent), with the run's outcome where there is one. */
function exportCsvText(
    controller: BulkRunController,
    views: readonly MailboxView[],
    ids: readonly string[] | undefined,
    getString: GetString,
): string {
    const entries = controller.entries();
    // A failed or retrying entry carries the cause its test or request met.
    const outcomes = new Map(
        entries.map((entry) => [
            entry.mailboxId.toLowerCase(),
            { ...entry, decoded: entry.cause ? decodeRunFailure(entry) : undefined },
        ]),
    );
    const wanted = ids ?? entries.map((entry) => entry.mailboxId);
    return mailboxCsv(
        pickByIds(views, wanted, (view) => view.id),
        outcomes,
        getString,
    );
}

type Timing = { now: () => number; sleep: Sleep };

/**
 * Remember what the runs of this page failed, by mailbox (lower-case id): a failure is laid onto its row until a
 * later run settles that mailbox otherwise (issue 14 item 6). Skipped mailboxes keep what they had.
 */
function noteRunFailures(failures: Map<string, CauseCode>, entries: readonly LedgerEntry[]): void {
    for (const entry of entries) {
        const id = entry.mailboxId.toLowerCase();
        if (entry.state === 'failed') failures.set(id, entry.cause ?? 'unknown');
        else if (entry.state === 'succeeded' || entry.state === 'retrying') failures.delete(id);
    }
}

/** The row with this page's run failure laid onto it, if it has one. */
function withRunFailure(view: MailboxView, failures: ReadonlyMap<string, CauseCode>): MailboxView {
    const cause = failures.get(view.id.toLowerCase());
    return cause ? { ...view, runFailure: cause } : view;
}
type RunActions = { entries: () => LedgerEntry[] } & Pick<
    MailboxActions,
    | 'start'
    | 'resume'
    | 'resumeStored'
    | 'readStoredRun'
    | 'discardStoredRun'
    | 'requestsHeldUntil'
    | 'retryFailed'
    | 'cancel'
    | 'exportCsv'
    | 'exportRunCsv'
    | 'addRunNote'
    | 'subscribe'
    | 'runIds'
>;

/** Record the finished run as a note on the profile (who, when, counts, causes). */
async function addFinishedRunNote(
    http: DataverseHttp,
    profileId: string,
    identity: RunNoteIdentity,
    controller: BulkRunController,
): Promise<void> {
    const info = controller.runInfo();
    const run = toRunView(controller.current());
    if (!info || !run.summary?.settled) throw new Error('No finished run to record');
    const now = new Date(http.serverNow()).toISOString();
    const text = runNote(identity, run.summary, run.failures, info, now);
    await addNote(http, profileId, RUN_NOTE_SUBJECT, text);
}

/**
 * The run a reload left unfinished, for the notice shown on load: its counts, Discard, and how long Dataverse still
 * holds this page's requests (the notice's Resume waits for it). Nothing is sent to Dataverse; a run going on this
 * page owns the stored record, so Discard leaves it alone.
 */
function storedRunActions(
    controller: BulkRunController,
    store: LedgerStore | undefined,
    gate: DataverseHttp['gate'],
): Pick<RunActions, 'readStoredRun' | 'discardStoredRun' | 'requestsHeldUntil'> {
    return {
        requestsHeldUntil: () => (gate.isPaused() ? gate.resumeAt : null),
        readStoredRun: async () => (await controller.restore())?.summary(),
        discardStoredRun: async () => {
            if (controller.current().status === 'idle') await store?.clear();
        },
    };
}

/** The run half of the actions: one controller, its listeners, export and the run note. */
function createRunActions(
    http: DataverseHttp,
    profileId: string,
    identity: RunNoteIdentity,
    browser: BrowserServices,
    timing: Timing,
    loaded: {
        pick: (ids: readonly string[]) => MailboxRow[];
        views: () => MailboxView[];
        policy: () => ApprovalPolicy;
    },
): RunActions {
    const listeners = new Set<(state: RunStateView) => void>();
    const ledgerStore = browser.ledgerStore?.(profileId);
    const controller = new BulkRunController({
        http,
        profileId,
        ledgerStore,
        ...timing,
        onChange: (state) => {
            const view = toRunView(state);
            listeners.forEach((listener) => listener(view));
        },
    });
    const download = (ids: readonly string[] | undefined) =>
        browser.download(
            `mailboxes-${profileId}.csv`,
            exportCsvText(controller, loaded.views(), ids, identity.getString),
        );
    return {
        start: ({ ids, mode, canApprove }) =>
            void controller.start(loaded.pick(ids), mode, canApprove, loaded.policy()),
        runIds: () => controller.entries().map((entry) => entry.mailboxId),
        entries: () => controller.entries(),
        resume: () => void controller.resume(),
        resumeStored: () => void controller.resumeStored(),
        ...storedRunActions(controller, ledgerStore, http.gate),
        retryFailed: () => void controller.retryFailed(),
        cancel: () => controller.cancel(),
        exportCsv: download,
        exportRunCsv: () => download(undefined),
        addRunNote: () => addFinishedRunNote(http, profileId, identity, controller),
        subscribe: (listener) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
        },
    };
}

/** Build the Mailboxes actions for one profile and signed-in user. */
export function createMailboxActions(
    http: DataverseHttp,
    profileId: string,
    identity: RunNoteIdentity,
    browser: BrowserServices,
    timing: Timing = { now: () => Date.now(), sleep: realSleep },
): MailboxActions {
    let rows: MailboxRow[] = [];
    let views: MailboxView[] = [];
    let policy = APPROVAL_REQUIRED_FOR_ALL;
    const runFailures = new Map<string, CauseCode>();
    const pick = (ids: readonly string[]) => pickByIds(rows, ids, (row) => row.mailboxid);
    const { entries, ...run } = createRunActions(http, profileId, identity, browser, timing, {
        pick,
        views: () => views,
        policy: () => policy,
    });
    return {
        ...run,
        load: async (onProgress, signal) => {
            noteRunFailures(runFailures, entries());
            const view = (row: MailboxRow, alerts: MailboxAlertView[] = []) =>
                withRunFailure(toMailboxView(row, alerts, policy), runFailures);
            // Unreadable switches count as on (the platform's default): then approval is asked for, never skipped.
            policy = await readApprovalPolicy(http, signal).catch(() => APPROVAL_REQUIRED_FOR_ALL);
            const arrived: MailboxView[] = [];
            rows = await listMailboxes(http, profileId, {
                signal,
                // The list and its filter counts grow with each page; the alerts follow once all rows are in.
                onPage: (page, total) => {
                    arrived.push(...page.map((row) => view(row)));
                    onProgress({ stage: 'rows', loaded: total, rowsSoFar: [...arrived] });
                },
            });
            // Every row is in: the list says what it still waits for, not "Loading 20,000 of 20,000".
            onProgress({ stage: 'alerts', loaded: rows.length });
            const alerts = await readListAlerts(http, profileId, rows, signal);
            views = rows.map((row) => view(row, alerts.get(row.mailboxid.toLowerCase())));
            return views;
        },
        checkApproval: (signal) => checkApproval(http, identity.userId, signal),
        preview: ({ ids, mode, canApprove }) => {
            const picked = pick(ids);
            const plan = planRun(picked, { canApprove, requireApproval: policy, mode }, new Date(http.serverNow()));
            return planCounts(plan, picked);
        },
        copyText: browser.copyText,
        openUrl: browser.openUrl,
    };
}
