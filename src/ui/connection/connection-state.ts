import type { DecodedError } from '../../core/credentials/error-catalogue';

/** What the connection test card shows. */
export type ConnectionTestView =
    | { status: 'idle' }
    | { status: 'running'; step: 'queued' | 'running'; polls: number; nextPollAtMs?: number }
    | { status: 'succeeded'; completedOn: string }
    | { status: 'failed'; failures: DecodedError[] }
    | { status: 'timedOut' }
    | { status: 'cancelled' }
    | { status: 'error'; failure: DecodedError };

/** A mailbox the admin can pick as the canary. */
export type CanaryOption = { id: string; label: string };
