import { RunLedger } from '../../../src/core/run/ledger';
import { planRun } from '../../../src/core/run/planner';
import { row } from './rows';

const NOW = new Date('2026-11-23T12:00:00.000Z');

function ledgerOf(...rows: Parameters<typeof row>[]): RunLedger {
    return RunLedger.fromPlan(
        planRun(
            rows.map((r) => row(...r)),
            { canApprove: true, requireApproval: true, mode: 'approveAndTest' },
            NOW,
        ),
    );
}

const id = (n: number): string => row(n).mailboxid;

describe('RunLedger', () => {
    it('walks pending → sent → confirmed → testing → succeeded and settles', () => {
        const ledger = ledgerOf([1]);
        ledger.approvalSent(id(1));
        ledger.approvalConfirmed(id(1));
        ledger.testQueued(id(1));
        expect(ledger.isSettled()).toBe(false);
        ledger.succeeded(id(1));
        expect(ledger.summary()).toMatchObject({ selected: 1, succeeded: 1, settled: true });
    });

    it.each<[string, (ledger: RunLedger) => void, string]>([
        [
            'approving twice',
            (ledger) => {
                ledger.approvalSent(id(1));
                ledger.approvalConfirmed(id(1));
                ledger.approvalSent(id(1));
            },
            `Mailbox ${id(1)} must not be approved again`,
        ],
        [
            'approving an already approved mailbox',
            (ledger) => ledger.approvalSent(id(2)),
            `Mailbox ${id(2)} must not be approved again`,
        ],
        ['testing before approval', (ledger) => ledger.testQueued(id(1)), `Mailbox ${id(1)} is not approved yet`],
        [
            'leaving a final state',
            (ledger) => {
                ledger.failed(id(2), 'unknown');
                ledger.testQueued(id(2));
            },
            `Invalid transition failed → testing for ${id(2)}`,
        ],
        ['an unknown mailbox', (ledger) => ledger.succeeded('nope'), 'Mailbox nope is not in this run'],
    ])('refuses %s, saying why', (_name, act, reason) => {
        const ledger = ledgerOf([1], [2, { emailrouteraccessapproval: 1 }]);
        expect(() => act(ledger)).toThrow(new Error(reason));
    });

    it('keeps its counts in step with the entries through every move and a restore', () => {
        const ledger = ledgerOf([1], [2], [3], [4, { statecode: 1 }]);
        ledger.approvalSent(id(1));
        ledger.approvalConfirmed(id(1));
        ledger.testQueued(id(1));
        ledger.approvalSent(id(2));
        ledger.markInFlight([id(2), id(3)], true);
        ledger.markInFlight([id(3)], false);
        ledger.failed(id(3), 'approvalRefused', '0x80040256');
        const recount = (entries: ReturnType<RunLedger['all']>) => ({
            testing: entries.filter((e) => e.state === 'testing').length,
            sent: entries.filter((e) => e.state === 'sent').length,
            failed: entries.filter((e) => e.state === 'failed').length,
            skipped: entries.filter((e) => e.state === 'skipped').length,
            inFlight: entries.filter((e) => e.inFlight).length,
        });
        expect(ledger.summary()).toMatchObject({ ...recount(ledger.all()), testing: 1, sent: 1, inFlight: 1 });
        const restored = RunLedger.deserialise(ledger.serialise());
        expect(restored.summary()).toMatchObject({ ...recount(restored.all()), inFlight: 0 });
        expect(ledger.entriesIn('failed').map((e) => e.mailboxId)).toEqual([id(3)]);
    });

    it('settles a test Dynamics retries as retrying, with its cause, apart from failures', () => {
        const ledger = ledgerOf([1, { emailrouteraccessapproval: 1 }], [2, { emailrouteraccessapproval: 1 }]);
        ledger.testQueued(id(1));
        ledger.testQueued(id(2));
        ledger.retrying(id(1), 'ewsServerBusy', 'ErrorServerBusy');
        ledger.failed(id(2), 'ewsNoMailbox');
        expect(ledger.summary()).toMatchObject({ selected: 2, retrying: 1, failed: 1, settled: true });
        expect(ledger.get(id(1))).toMatchObject({
            state: 'retrying',
            cause: 'ewsServerBusy',
            detail: 'ErrorServerBusy',
        });
        // Retry failed takes the failure only: Dynamics is already retrying the other.
        expect(
            ledger.retryFailed(NOW, { testemailconfigurationscheduled: true }).items.map((i) => i.mailboxId),
        ).toEqual([id(2)]);
    });

    it('counts planner skips as skipped from the start', () => {
        const ledger = ledgerOf([1, { statecode: 1 }], [2]);
        expect(ledger.summary()).toMatchObject({ selected: 2, skipped: 1, pending: 1, settled: false });
        expect(ledger.get(id(1))?.reason).toBe('inactive');
    });

    it('cancel skips what was not sent and leaves in-flight entries to be accounted', () => {
        const ledger = ledgerOf([1], [2], [3, { emailrouteraccessapproval: 1 }]);
        ledger.approvalSent(id(1));
        ledger.markInFlight([id(1)], true);
        ledger.cancel();
        expect(ledger.get(id(2))).toMatchObject({ state: 'skipped', reason: 'cancelled' });
        expect(ledger.get(id(3))).toMatchObject({ state: 'skipped', reason: 'cancelled' });
        expect(ledger.get(id(1))?.state).toBe('sent');
        ledger.markInFlight([id(1)], false);
        ledger.approvalConfirmed(id(1));
        expect(ledger.get(id(1))).toMatchObject({ state: 'skipped', reason: 'cancelled', detail: 'approved' });
        expect(ledger.isSettled()).toBe(true);
    });

    it('a whole-batch 429 returns approvals to pending so they may be sent again', () => {
        const ledger = ledgerOf([1]);
        ledger.approvalSent(id(1));
        ledger.approvalNotProcessed(id(1));
        expect(() => ledger.approvalSent(id(1))).not.toThrow();
    });

    it('round-trips through JSON without in-flight marks', () => {
        const ledger = ledgerOf([1], [2]);
        ledger.approvalSent(id(1));
        ledger.markInFlight([id(1)], true);
        ledger.failed(id(2), 'approvalRefused', '0x80040256');
        const restored = RunLedger.deserialise(ledger.serialise());
        expect(restored.all()).toEqual(ledger.all().map((e) => ({ ...e, inFlight: false })));
        expect(restored.testPatch).toEqual(ledger.testPatch);
        expect(() => RunLedger.deserialise('{"version":9}')).toThrow(new Error('Unknown ledger format'));
    });

    it('discards a run stored with the earlier failure vocabulary (version 1) instead of misreading it', () => {
        const stored = { ...(JSON.parse(ledgerOf([1]).serialise()) as object), version: 1 };
        expect(() => RunLedger.deserialise(JSON.stringify(stored))).toThrow('Unknown ledger format');
    });

    it('groups failures by cause and retries only failures, approving only where it never applied', () => {
        const ledger = ledgerOf([1], [2], [3]);
        ledger.approvalSent(id(1));
        ledger.failed(id(1), 'approvalRefused');
        ledger.approvalSent(id(2));
        ledger.approvalConfirmed(id(2));
        ledger.testQueued(id(2));
        ledger.failed(id(2), 'mailboxNotEnabledForRest');
        ledger.approvalSent(id(3));
        ledger.approvalConfirmed(id(3));
        ledger.testQueued(id(3));
        ledger.succeeded(id(3));
        expect([...ledger.failuresByCause().keys()].sort()).toEqual(['approvalRefused', 'mailboxNotEnabledForRest']);
        const retry = ledger.retryFailed(NOW, ledger.testPatch);
        expect(retry.items).toEqual([
            { mailboxId: id(1), name: 'Mailbox 1', approve: true, test: true },
            { mailboxId: id(2), name: 'Mailbox 2', approve: false, test: true },
        ]);
        const s = ledger.summary();
        expect(s.succeeded + s.failed + s.skipped).toBe(s.selected);
    });

    it('abandonTesting settles queued tests of a cancelled run', () => {
        const ledger = ledgerOf([1, { emailrouteraccessapproval: 1 }]);
        ledger.testQueued(id(1));
        ledger.cancel();
        ledger.abandonTesting('queued');
        expect(ledger.get(id(1))).toMatchObject({ state: 'skipped', reason: 'cancelled', detail: 'queued' });
    });
});
