/**
 * Where a bulk run's ledger is kept for resume after a reload: IndexedDB, one database per profile (issue 14 item 8).
 * sessionStorage held it as one JSON string, which at 50,000 mailboxes is over the browser's quota. Writes are
 * incremental: only records that changed since the last write are put, in one transaction, and a write counts as
 * stored once its transaction completes — the guard against approving twice waits for that.
 */
import { clear, createStore, entries, setMany, type UseStore } from 'idb-keyval';
import { fromRecords, toRecords, type EntryRecord, type LedgerHead } from '../core/run/ledger-record';
import { RunLedger } from '../core/run/ledger';

/** The ledger could not be stored (no IndexedDB, quota, a failed transaction): approvals must not be sent. */
export class LedgerNotStoredError extends Error {
    constructor(cause: unknown) {
        super(`The run's ledger could not be stored: ${cause instanceof Error ? cause.message : String(cause)}`);
        this.name = 'LedgerNotStoredError';
    }
}

/** Keeps one profile's unfinished run. */
export type LedgerStore = {
    /** The stored run, if a complete one is there (its records are then known to be written). */
    load(): Promise<RunLedger | undefined>;
    /** Store what changed since the last write; rejects with LedgerNotStoredError when it could not. */
    save(ledger: RunLedger): Promise<void>;
    /** Forget the stored run. */
    clear(): Promise<void>;
};

const HEAD = 'head';

/** The record store of one profile, or undefined where the browser offers no IndexedDB (some private modes). */
export function openLedgerStore(profileId: string): LedgerStore | undefined {
    if (typeof indexedDB === 'undefined') return undefined;
    return new IndexedDbLedgerStore(createStore(`esp-bulk-run-${profileId}`, 'ledger'));
}

class IndexedDbLedgerStore implements LedgerStore {
    /** What the database holds, as JSON by key, so a write puts only what changed. */
    private written = new Map<IDBValidKey, string>();
    /** Writes one after another, so each compares with what the previous one stored. */
    private queue: Promise<void> = Promise.resolve();

    constructor(private readonly store: UseStore) {}

    async load(): Promise<RunLedger | undefined> {
        const rows = await entries<IDBValidKey, unknown>(this.store);
        const head = rows.find(([key]) => key === HEAD)?.[1] as LedgerHead | undefined;
        const records = rows.filter((row): row is [number, EntryRecord] => typeof row[0] === 'number');
        const snap =
            head &&
            fromRecords(
                head,
                records.sort((a, b) => a[0] - b[0]).map(([, record]) => record),
            );
        if (!head || !snap) return undefined;
        const ledger = RunLedger.fromSnapshot(snap);
        this.written = new Map(rows.map(([key, value]) => [key, JSON.stringify(value)]));
        return ledger;
    }

    save(ledger: RunLedger): Promise<void> {
        const write = this.queue.then(() => this.write(ledger));
        this.queue = write.catch(() => undefined);
        return write;
    }

    clear(): Promise<void> {
        const cleared = this.queue.then(() => clear(this.store)).then(() => this.written.clear());
        this.queue = cleared.catch(() => undefined);
        return cleared;
    }

    private async write(ledger: RunLedger): Promise<void> {
        const { head, records } = toRecords(ledger.snapshot());
        const changed: [IDBValidKey, unknown, string][] = [];
        const compare = (key: IDBValidKey, value: unknown) => {
            const json = JSON.stringify(value);
            if (this.written.get(key) !== json) changed.push([key, value, json]);
        };
        records.forEach((record, index) => compare(index, record));
        compare(HEAD, head);
        if (changed.length === 0) return;
        try {
            await setMany(
                changed.map(([key, value]) => [key, value]),
                this.store,
            );
        } catch (error) {
            // Unknown what the database holds now: the next write puts everything again.
            this.written.clear();
            throw new LedgerNotStoredError(error);
        }
        for (const [key, , json] of changed) this.written.set(key, json);
    }
}
