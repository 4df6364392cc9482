/** What a bulk run's modules share: its dependencies (runBulk's second argument) and how it reports progress. */
import type { LedgerSummary, RunLedger } from '../core/run/ledger';
import type { Sleep } from '../core/scheduler/gate';
import type { RunGateway } from './run-gateway';

/** What runBulk needs: the gateway to Dataverse, a clock and a sleep, and whom to tell. */
export type ExecutorDeps = {
    gateway: RunGateway;
    now: () => number;
    sleep: Sleep;
    signal?: AbortSignal;
    onProgress?: (summary: LedgerSummary, ledger: RunLedger) => void;
    /**
     * Approvals were just marked 'sent' and are about to leave: keep the ledger so a reload re-reads, not resends.
     * They leave once this resolves; if it rejects they are not sent (back to pending) and the run stops with it.
     */
    onApprovalsSent?: (ledger: RunLedger) => void | Promise<void>;
    pollScheduleMs?: readonly number[];
    pollTimeoutMs?: number;
};

/** Tell the page where the run stands (after every chunk, re-read and poll). */
export function reportProgress(ledger: RunLedger, deps: ExecutorDeps): void {
    deps.onProgress?.(ledger.summary(), ledger);
}
