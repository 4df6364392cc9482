/**
 * The run ledger in IndexedDB (fake-indexeddb: jsdom and node have none): 50,000 entries fit, a reload reads back
 * exactly what was stored, and a change puts only the records that changed.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { RunLedger } from '../../src/core/run/ledger';
import { planRun } from '../../src/core/run/planner';
import { openLedgerStore } from '../../src/pcf/ledger-store';
import { row } from '../core/run/rows';

const PROFILE = 'aaaaaaaa-0000-0000-0000-000000000001';

function ledgerOf(count: number): RunLedger {
    const rows = Array.from({ length: count }, (_, n) => row(n));
    const plan = planRun(rows, { canApprove: true, requireApproval: true, mode: 'approveAndTest' }, new Date(0));
    return RunLedger.fromPlan(plan);
}

beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
});
afterEach(() => jest.restoreAllMocks());

describe('openLedgerStore', () => {
    it('keeps 50,000 entries and gives them back after a reload as they were', async () => {
        const ledger = ledgerOf(50_000);
        const ids = ledger.all().map((entry) => entry.mailboxId);
        ledger.approvalSent(ids[7]);
        ledger.failed(ids[9], 'ownerDisabled', 'The owner is disabled.');
        await openLedgerStore(PROFILE)?.save(ledger);

        const restored = await openLedgerStore(PROFILE)?.load();
        expect(restored?.snapshot()).toEqual(ledger.snapshot());
    }, 60_000);

    it('puts only the records that changed since the last write', async () => {
        const ledger = ledgerOf(2_000);
        const store = openLedgerStore(PROFILE);
        await store?.save(ledger);
        const put = jest.spyOn(IDBObjectStore.prototype, 'put');
        const [first, second] = ledger.all().map((entry) => entry.mailboxId);
        ledger.approvalSent(first);
        ledger.approvalSent(second);
        await store?.save(ledger);
        expect(put.mock.calls.map(([value]) => (value as unknown[])[0])).toEqual([first, second]);
        put.mockClear();
        await store?.save(ledger);
        expect(put).not.toHaveBeenCalled();
    });

    it('puts the records of a refused write again with the next one, and keeps a cancel', async () => {
        const ledger = ledgerOf(20);
        const store = openLedgerStore(PROFILE);
        await store?.save(ledger);
        const [first, second] = ledger.all().map((entry) => entry.mailboxId);
        ledger.approvalSent(first);
        const refuse = jest.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        });
        await expect(store?.save(ledger)).rejects.toThrow(/could not be stored/);
        refuse.mockRestore();

        const put = jest.spyOn(IDBObjectStore.prototype, 'put');
        ledger.approvalSent(second);
        await store?.save(ledger);
        // The refused write's entry, the new change, and the head (unknown after a refused write).
        expect(put.mock.calls.map(([, key]) => key)).toEqual([0, 1, 'head']);

        ledger.cancel();
        await store?.save(ledger);
        const restored = await openLedgerStore(PROFILE)?.load();
        expect(restored?.snapshot()).toEqual(ledger.snapshot());
        expect(restored?.cancelled).toBe(true);
    });

    it('has nothing to give back once cleared, and nothing where the browser has no IndexedDB', async () => {
        const store = openLedgerStore(PROFILE);
        await store?.save(ledgerOf(3));
        await store?.clear();
        await expect(openLedgerStore(PROFILE)?.load()).resolves.toBeUndefined();
        // @ts-expect-error a browser without IndexedDB
        delete globalThis.indexedDB;
        expect(openLedgerStore(PROFILE)).toBeUndefined();
    });

    it('rejects a write the database refuses, so the caller can hold back approvals', async () => {
        jest.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        });
        await expect(openLedgerStore(PROFILE)?.save(ledgerOf(3))).rejects.toThrow(/could not be stored: .*quota/i);
    });
});
