/**
 * Where a bulk run's ledger is kept for resume after a reload: IndexedDB, one database per profile (issue 14 item 8).
 * sessionStorage held it as one JSON string, which at 50,000 mailboxes is over the browser's quota. Writes are
 * incremental: the ledger tracks which entries changed, only their records are put, in one transaction, and a write
 * counts as stored once its transaction completes — the guard against approving twice waits for that.
 */
import { clear, createStore, entries, setMany, type UseStore } from 'idb-keyval';
import { fromRecords, headOf, toRecord, type EntryRecord, type LedgerHead } from '../core/run/ledger-record';
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
    /** The head record as last written (JSON), so a write puts it only when it changed. */
    private writtenHead: string | undefined;
    /** Writes one after another, so each takes the changes the previous one left. */
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
        this.writtenHead = JSON.stringify(head);
        return RunLedger.fromSnapshot(snap);
    }

    save(ledger: RunLedger): Promise<void> {
        const write = this.queue.then(() => this.write(ledger));
        this.queue = write.catch(() => undefined);
        return write;
    }

    clear(): Promise<void> {
        const cleared = this.queue.then(() => clear(this.store)).then(() => (this.writtenHead = undefined));
        this.queue = cleared.catch(() => undefined);
        return cleared;
    }

    /** Put the entries the ledger changed since the last write, and the head if it changed, in one transaction. */
    private async write(ledger: RunLedger): Promise<void> {
        const changed = ledger.takeUnsaved();
        const head = headOf(ledger);
        const headJson = JSON.stringify(head);
        const rows: [IDBValidKey, unknown][] = changed.map(([place, entry]) => [place, toRecord(entry)]);
        if (headJson !== this.writtenHead) rows.push([HEAD, head]);
        if (rows.length === 0) return;
        try {
            await setMany(rows, this.store);
        } catch (error) {
            // Not written: the next write puts these entries and the head again.
            ledger.markUnsaved(changed.map(([place]) => place));
            this.writtenHead = undefined;
            throw new LedgerNotStoredError(error);
        }
        this.writtenHead = headJson;
    }
}
