/**
 * The run ledger ("accountant"): one entry per selected mailbox, validated transitions
 * pending → sent → confirmed → testing → succeeded | failed | retrying | skipped, and the invariant
 * succeeded + failed + retrying + skipped = selected once settled. `retrying`: the test failed an attempt that
 * server-side sync makes again by itself (dataverse.md §6), so the run stops watching it without calling it failed. Serialisable for resume after reload (ids and states only).
 */
import type { TestPatch } from '../test-and-enable';
import type { CauseCode } from '../credentials/causes';
import type { PlanItem, RunMode, RunPlan, SkipReason } from './types';

/** Where a mailbox is in the run. */
export type EntryState = 'pending' | 'sent' | 'confirmed' | 'testing' | 'succeeded' | 'failed' | 'retrying' | 'skipped';

/** One mailbox's record. */
export type LedgerEntry = {
    mailboxId: string;
    name: string;
    approve: boolean;
    state: EntryState;
    inFlight: boolean;
    approvalConfirmed: boolean;
    reason?: SkipReason;
    /** Why it failed, decoded when it happened; `detail` keeps the original text. */
    cause?: CauseCode;
    detail?: string;
};

/** Counts for the progress bar and the final summary. */
export type LedgerSummary = Record<EntryState, number> & { selected: number; inFlight: number; settled: boolean };

/** Mailboxes with a final answer in this run: succeeded, failed, retrying (Dynamics tries again by itself) or skipped. */
export function endedCount(counts: Pick<LedgerSummary, 'succeeded' | 'failed' | 'retrying' | 'skipped'>): number {
    return counts.succeeded + counts.failed + counts.retrying + counts.skipped;
}

/** Any entry still in progress may fail or be skipped. */
const ENDINGS: readonly EntryState[] = ['failed', 'skipped'];

const ALLOWED: Record<EntryState, readonly EntryState[]> = {
    pending: ['sent', 'testing', ...ENDINGS],
    // sent → pending only when the server said the batch was not processed (429), so approval is not repeated.
    sent: ['confirmed', 'pending', ...ENDINGS],
    confirmed: ['testing', ...ENDINGS],
    testing: ['succeeded', 'retrying', ...ENDINGS],
    succeeded: [],
    failed: [],
    retrying: [],
    skipped: [],
};

/** 2: failure causes are decoded causes (CauseCode); a version-1 ledger is discarded, not misread. */
const SERIAL_VERSION = 2;

/** Serialised form (JSON-safe). */
export type LedgerSnapshot = {
    version: number;
    mode: RunMode;
    createdAt: string;
    testPatch: TestPatch;
    cancelled: boolean;
    entries: LedgerEntry[];
};

function entryFor(item: PlanItem): LedgerEntry {
    const entry: LedgerEntry = {
        mailboxId: item.mailboxId,
        name: item.name,
        approve: item.approve,
        state: item.skip ? 'skipped' : 'pending',
        inFlight: false,
        approvalConfirmed: false,
    };
    return item.skip ? { ...entry, reason: item.skip } : entry;
}

/** Mutable run ledger. */
export class RunLedger {
    private readonly entries = new Map<string, LedgerEntry>();
    /** Entries per state and in flight, kept as entries move: the page asks for them after every answer. */
    private readonly counts: Record<EntryState, number> = {
        pending: 0,
        sent: 0,
        confirmed: 0,
        testing: 0,
        succeeded: 0,
        failed: 0,
        retrying: 0,
        skipped: 0,
    };
    private inFlightCount = 0;
    /** The entries in plan order, and each one's place in it: the key of its stored record. */
    private readonly order: LedgerEntry[] = [];
    private readonly places = new Map<string, number>();
    /** Places of the entries changed since the store last took them, so a save writes only those (issue 14 item 8). */
    private readonly unsaved = new Set<number>();
    cancelled = false;

    private constructor(
        readonly mode: RunMode,
        readonly createdAt: string,
        readonly testPatch: TestPatch,
        entries: LedgerEntry[],
        saved: boolean,
    ) {
        entries.forEach((entry, place) => {
            this.entries.set(entry.mailboxId, entry);
            this.order.push(entry);
            this.places.set(entry.mailboxId, place);
            this.counts[entry.state] += 1;
            if (entry.inFlight) this.inFlightCount += 1;
            if (!saved) this.unsaved.add(place);
        });
    }

    /** A fresh ledger from a plan: none of it is stored yet. */
    static fromPlan(plan: RunPlan): RunLedger {
        return new RunLedger(plan.mode, plan.createdAt, plan.testPatch, plan.items.map(entryFor), false);
    }

    /** Restore a serialised ledger; in-flight marks are dropped (those responses are lost with the page). */
    static deserialise(json: string): RunLedger {
        return RunLedger.fromSnapshot(JSON.parse(json) as LedgerSnapshot);
    }

    /**
     * Restore a snapshot (from JSON or a browser database); an unknown version is refused, not misread. What it was
     * read from holds it, so nothing counts as unsaved until an entry changes.
     */
    static fromSnapshot(snap: LedgerSnapshot): RunLedger {
        if (snap.version !== SERIAL_VERSION || !Array.isArray(snap.entries)) throw new Error('Unknown ledger format');
        const ledger = new RunLedger(
            snap.mode,
            snap.createdAt,
            snap.testPatch,
            snap.entries.map((entry) => ({ ...entry, inFlight: false })),
            true,
        );
        ledger.cancelled = snap.cancelled;
        return ledger;
    }

    /** JSON of the snapshot: ids, names and states only — no secrets. */
    serialise(): string {
        return JSON.stringify(this.snapshot());
    }

    /** What is kept for resume: the run's settings and every entry (live, not copies) in plan order. */
    snapshot(): LedgerSnapshot {
        return { ...this.settings(), entries: [...this.list()] };
    }

    /** The run's settings as kept for resume: the snapshot without its entries. */
    settings(): Omit<LedgerSnapshot, 'entries'> {
        return {
            version: SERIAL_VERSION,
            mode: this.mode,
            createdAt: this.createdAt,
            testPatch: this.testPatch,
            cancelled: this.cancelled,
        };
    }

    /** Number of mailboxes in the run. */
    get size(): number {
        return this.entries.size;
    }

    /**
     * The entries changed since the last call, each with its place in plan order (copies), and from now on they count
     * as saved. A store that then fails to write them hands them back with `markUnsaved`.
     */
    takeUnsaved(): Array<[number, LedgerEntry]> {
        const places = [...this.unsaved].sort((a, b) => a - b);
        const changed = places.map((place): [number, LedgerEntry] => [place, { ...this.order[place] }]);
        this.unsaved.clear();
        return changed;
    }

    /** A write of these places failed: they are written again with the next save. */
    markUnsaved(places: readonly number[]): void {
        for (const place of places) this.unsaved.add(place);
    }

    /** Every entry in plan order (copies). */
    all(): LedgerEntry[] {
        return this.list().map((entry) => ({ ...entry }));
    }

    /** One entry (copy). */
    get(id: string): LedgerEntry | undefined {
        const entry = this.entries.get(id);
        return entry ? { ...entry } : undefined;
    }

    /** Entries in `state` (copies), in plan order. */
    entriesIn(state: EntryState): LedgerEntry[] {
        return this.list()
            .filter((entry) => entry.state === state)
            .map((entry) => ({ ...entry }));
    }

    /** Ids in `state` and not in flight. */
    idsIn(state: EntryState): string[] {
        return this.list()
            .filter((entry) => entry.state === state && !entry.inFlight)
            .map((entry) => entry.mailboxId);
    }

    /** Mark ids as dispatched (their request is on the wire). */
    markInFlight(ids: readonly string[], inFlight: boolean): void {
        for (const id of ids) {
            const entry = this.must(id);
            if (entry.inFlight !== inFlight) this.inFlightCount += inFlight ? 1 : -1;
            entry.inFlight = inFlight;
        }
    }

    /** Approval PATCH dispatched; refuses a second approval for the same mailbox. */
    approvalSent(id: string): void {
        const entry = this.must(id);
        if (!entry.approve || entry.approvalConfirmed) throw new Error(`Mailbox ${id} must not be approved again`);
        this.move(entry, 'sent');
    }

    /** The re-read shows the approval applied. */
    approvalConfirmed(id: string): void {
        const entry = this.must(id);
        entry.approvalConfirmed = true;
        if (this.cancelled) this.move(entry, 'skipped', { reason: 'cancelledApproved' });
        else this.move(entry, 'confirmed');
    }

    /** The server did not process the approval (whole-batch 429): it may be sent again. */
    approvalNotProcessed(id: string): void {
        const entry = this.must(id);
        if (this.cancelled) this.skipCancelled(entry);
        else this.move(entry, 'pending');
    }

    /** Test & Enable accepted by the server. */
    testQueued(id: string): void {
        const entry = this.must(id);
        if (entry.state === 'pending' && entry.approve) throw new Error(`Mailbox ${id} is not approved yet`);
        this.move(entry, 'testing');
    }

    /** Final outcome of the test. */
    succeeded(id: string, detail?: string): void {
        this.move(this.must(id), 'succeeded', detail ? { detail } : {});
    }

    /** The test failed an attempt Dynamics makes again by itself: `cause` is what the attempt met. */
    retrying(id: string, cause: CauseCode, detail?: string): void {
        this.move(this.must(id), 'retrying', detail ? { cause, detail } : { cause });
    }

    /** Record a failure with its cause. */
    failed(id: string, cause: CauseCode, detail?: string): void {
        this.move(this.must(id), 'failed', detail ? { cause, detail } : { cause });
    }

    /** Cancel: everything not yet sent becomes skipped('cancelled'); in-flight entries are accounted when answered. */
    cancel(): void {
        this.cancelled = true;
        for (const entry of this.entries.values()) {
            if (entry.inFlight) continue;
            if (entry.state === 'pending') this.skipCancelled(entry);
            if (entry.state === 'confirmed') this.move(entry, 'skipped', { reason: 'cancelledApproved' });
        }
    }

    /** The first approval was refused because of who sent it: nothing still pending is sent; each is skipped. */
    stopAfterRefusal(): void {
        for (const entry of this.entries.values()) {
            if (!entry.inFlight && entry.state === 'pending')
                this.move(entry, 'skipped', { reason: 'approvalRefused' });
        }
    }

    /**
     * After a cancelled run has drained: tests already queued are no longer watched, though Dynamics still runs them
     * (the list shows their results). Approved mailboxes the run had not tested yet say they were approved.
     */
    abandonTesting(): void {
        for (const entry of this.entries.values()) {
            if (entry.inFlight) continue;
            if (entry.state === 'testing') this.move(entry, 'skipped', { reason: 'cancelledNotWatched' });
            if (entry.state === 'confirmed') this.move(entry, 'skipped', { reason: 'cancelledApproved' });
        }
    }

    /** Counts by state plus selected/inFlight/settled. */
    summary(): LedgerSummary {
        const counts = { ...this.counts };
        const inFlight = this.inFlightCount;
        const selected = this.entries.size;
        const ended = endedCount(counts);
        const settled = ended === selected && inFlight === 0;
        return { ...counts, selected, inFlight, settled };
    }

    /** True when every selected mailbox is succeeded, failed, retrying or skipped. */
    isSettled(): boolean {
        return this.summary().settled;
    }

    /** Failures grouped by cause, for the summary panel. */
    failuresByCause(): Map<CauseCode, LedgerEntry[]> {
        const groups = new Map<CauseCode, LedgerEntry[]>();
        for (const entry of this.entries.values()) {
            if (entry.state !== 'failed' || !entry.cause) continue;
            groups.set(entry.cause, [...(groups.get(entry.cause) ?? []), { ...entry }]);
        }
        return groups;
    }

    /** A new plan covering only the failures; approval is repeated only where it was never confirmed. */
    retryFailed(now: Date, testPatch: TestPatch): RunPlan {
        const items = this.list()
            .filter((entry) => entry.state === 'failed')
            .map((entry) => ({
                mailboxId: entry.mailboxId,
                name: entry.name,
                approve: entry.approve && !entry.approvalConfirmed,
                test: true,
            }));
        return { mode: this.mode, createdAt: now.toISOString(), items, testPatch };
    }

    /** The live entries in plan order (callers only read it). */
    private list(): readonly LedgerEntry[] {
        return this.order;
    }

    private must(id: string): LedgerEntry {
        const entry = this.entries.get(id);
        if (!entry) throw new Error(`Mailbox ${id} is not in this run`);
        return entry;
    }

    private move(entry: LedgerEntry, to: EntryState, extra: Partial<LedgerEntry> = {}): void {
        if (!ALLOWED[entry.state].includes(to))
            throw new Error(`Invalid transition ${entry.state} → ${to} for ${entry.mailboxId}`);
        this.counts[entry.state] -= 1;
        this.counts[to] += 1;
        entry.state = to;
        Object.assign(entry, extra);
        const place = this.places.get(entry.mailboxId);
        if (place !== undefined) this.unsaved.add(place);
    }

    private skipCancelled(entry: LedgerEntry, extra: Partial<LedgerEntry> = {}): void {
        this.move(entry, 'skipped', { reason: 'cancelled', ...extra });
    }
}
