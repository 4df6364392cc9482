/**
 * A minimal in-memory Store over the domain's seed rows, for the domain's own tests and for `outcomeOf` without an
 * engine. The real engine (tests/sandbox/emulator/) owns ETags, validation and HTTP; this only stores rows.
 */
import type { Row, Store, TableDef } from '../emulator/contract';
import { iso } from './ids';

/** A Store plus the clock it stamps modifiedon with. */
export type MemoryStore = Store & { setNow(ms: number): void; versionOf(entitySet: string, id: string): number };

/** Build a store from tables and rows (rows are copied, so the seed stays untouched). */
export function createMemoryStore(tables: TableDef[], rows: Record<string, Row[]>, nowMs = 0): MemoryStore {
    const keyOf = new Map(tables.map((t) => [t.entitySet, t.primaryKey]));
    const sets = new Map<string, Map<string, Row>>();
    const versions = new Map<string, number>();
    let now = nowMs;
    const setOf = (entitySet: string): Map<string, Row> => {
        let set = sets.get(entitySet);
        if (!set) sets.set(entitySet, (set = new Map()));
        return set;
    };
    for (const [entitySet, list] of Object.entries(rows)) {
        const key = keyOf.get(entitySet) ?? 'id';
        const set = setOf(entitySet);
        for (const row of list) set.set(String(row[key]), { ...row });
    }
    return {
        get: (entitySet, id) => sets.get(entitySet)?.get(id),
        list: (entitySet) => [...(sets.get(entitySet)?.values() ?? [])],
        upsert(entitySet, id, columns) {
            const set = setOf(entitySet);
            const key = keyOf.get(entitySet) ?? 'id';
            const row = { ...(set.get(id) ?? { [key]: id }), modifiedon: iso(now), ...columns };
            set.set(id, row);
            versions.set(`${entitySet}|${id}`, (versions.get(`${entitySet}|${id}`) ?? 0) + 1);
            return row;
        },
        remove: (entitySet, id) => void sets.get(entitySet)?.delete(id),
        setNow: (ms) => void (now = ms),
        versionOf: (entitySet, id) => versions.get(`${entitySet}|${id}`) ?? 0,
    };
}
