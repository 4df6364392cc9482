/** Test fixture: a domain over the minimal memory store, with a write() that plays the engine's part. */
import type { EmulatorUser, Row, WriteVerdict } from '../emulator/contract';
import { createDomain, type SandboxDomain, type ScenarioOptions } from './index';
import { createMemoryStore, type MemoryStore } from './memory-store';
import { SEED_EPOCH_MS } from './ids';
import { TABLE_BY_SET } from './tables';

export type Kit = {
    domain: SandboxDomain;
    store: MemoryStore;
    now: () => number;
    /** Move emulated time forward and tick the domain, as the engine does before each request. */
    advance(ms: number): void;
    /** PATCH/POST as `user`: beforeWrite → apply (writeOnly columns are not stored) → afterWrite. */
    write(entitySet: string, id: string, patch: Row, user?: EmulatorUser): WriteVerdict;
    user(id: string): EmulatorUser;
};

/** Build a kit; emulated time starts at the seed epoch. */
export function createKit(options: ScenarioOptions = {}): Kit {
    const domain = createDomain(options);
    let now = SEED_EPOCH_MS;
    const store = createMemoryStore(domain.tables, domain.rows, now);
    const user = (id: string): EmulatorUser => {
        const found = domain.users.find((u) => u.systemuserid === id);
        if (!found) throw new Error(`no user ${id}`);
        return found;
    };
    return {
        domain,
        store,
        now: () => now,
        user,
        advance(ms) {
            now += ms;
            store.setNow(now);
            domain.tick(now, store);
        },
        write(entitySet, id, patch, as = domain.users[0]) {
            const table = TABLE_BY_SET[entitySet];
            const before = store.get(entitySet, id);
            const ctx = { table, id, before, patch, user: as, nowMs: now };
            const verdict = domain.beforeWrite(ctx);
            if (verdict.kind !== 'allow') return verdict;
            const writeOnly = new Set(table.columns.filter((c) => c.writeOnly).map((c) => c.name));
            store.upsert(entitySet, id, Object.fromEntries(Object.entries(patch).filter(([k]) => !writeOnly.has(k))));
            domain.afterWrite(ctx, store);
            return verdict;
        },
    };
}

/** Mailboxes of one profile, from the store. */
export function mailboxesOf(kit: Kit, profileId: string): Row[] {
    return kit.store.list('mailboxes').filter((m) => m._emailserverprofile_value === profileId);
}

/** Tracelogs about one record, newest modifiedon first. */
export function alertsAbout(kit: Kit, regardingId: string): Row[] {
    return kit.store
        .list('tracelogs')
        .filter((t) => t._regardingobjectid_value === regardingId)
        .sort((a, b) => String(b.modifiedon).localeCompare(String(a.modifiedon)));
}
