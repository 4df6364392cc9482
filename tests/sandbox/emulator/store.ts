/**
 * The in-memory store: one Map per entity set (insertion order kept for fast 50k-row scans), a global
 * monotonically increasing row version (the ETag, dataverse.md §8) and an undo journal so a $batch change set
 * can roll back every write, including the ones the domain's afterWrite made.
 */
import type { Row, Store, TableDef } from './contract';

/** The store plus the engine-only operations. */
export type EngineStore = Store & {
    /** Row version of a row, for @odata.etag. */
    version(entitySet: string, id: string): number | undefined;
    /** Start recording undo information (change sets). */
    begin(): void;
    commit(): void;
    rollback(): void;
    /** Replace all data. */
    load(tables: TableDef[], rows: Record<string, Row[]>): void;
};

type Entry = { row: Row; version: number };
type Undo = { set: string; id: string; prior: Entry | undefined };

/** Creates an empty store; `now` stamps modifiedon in emulated time. */
export function createStore(now: () => number): EngineStore {
    const sets = new Map<string, Map<string, Entry>>();
    const keys = new Map<string, string>();
    let versionCounter = 470_000;
    let journal: Undo[] | undefined;

    const table = (set: string): Map<string, Entry> => {
        const t = sets.get(set);
        if (!t) throw new Error(`Unknown entity set ${set}`);
        return t;
    };
    const record = (set: string, id: string, prior: Entry | undefined) => journal?.push({ set, id, prior });

    const store: EngineStore = {
        get: (set, id) => sets.get(set)?.get(id.toLowerCase())?.row,
        list: (set) => Array.from(sets.get(set)?.values() ?? [], (e) => e.row),
        version: (set, id) => sets.get(set)?.get(id.toLowerCase())?.version,
        upsert(set, rawId, columns) {
            const id = rawId.toLowerCase();
            const rows = table(set);
            const prior = rows.get(id);
            record(set, id, prior);
            // A domain job may stamp modifiedon itself (e.g. a backdated trace); otherwise it is emulated now.
            const row: Row = {
                ...(prior?.row ?? {}),
                ...columns,
                modifiedon: columns.modifiedon ?? new Date(now()).toISOString(),
            };
            const key = keys.get(set);
            if (key) row[key] = id;
            if (!prior && row.createdon === undefined) row.createdon = row.modifiedon;
            versionCounter += 1;
            rows.set(id, { row, version: versionCounter });
            return row;
        },
        remove(set, rawId) {
            const id = rawId.toLowerCase();
            const rows = table(set);
            record(set, id, rows.get(id));
            rows.delete(id);
        },
        begin() {
            journal = [];
        },
        commit() {
            journal = undefined;
        },
        rollback() {
            const undo = journal ?? [];
            journal = undefined;
            for (const u of undo.reverse()) {
                if (u.prior) table(u.set).set(u.id, u.prior);
                else table(u.set).delete(u.id);
            }
        },
        load(tables, rows) {
            sets.clear();
            keys.clear();
            journal = undefined;
            for (const t of tables) {
                keys.set(t.entitySet, t.primaryKey);
                const map = new Map<string, Entry>();
                for (const r of rows[t.entitySet] ?? []) {
                    const id = String(r[t.primaryKey]).toLowerCase();
                    versionCounter += 1;
                    map.set(id, { row: { ...r, [t.primaryKey]: id }, version: versionCounter });
                }
                sets.set(t.entitySet, map);
            }
        },
    };
    return store;
}
