/**
 * Which failed Dataverse requests are worth sending again, and how often (issue 14). The table follows the emulator
 * README's "Which Dataverse error codes are transient" (Microsoft Learn: "Service protection API limits",
 * "Troubleshoot Dataverse bulk operation errors", "Web service error codes").
 */

/**
 * - `wait`: service protection (429) — wait Retry-After and send again, as often as it takes (dataverse.md §9);
 * - `transient`: the server did not finish the request for a passing reason — send again with back-off, bounded;
 * - `transientOnce`: a 5xx nobody has classified — send again once;
 * - `permanent`: sending it again gives the same answer.
 */
export type Transience = 'wait' | 'transient' | 'transientOnce' | 'permanent';

/** Dataverse error codes (lower-case hex) whose class does not follow from the HTTP status alone. */
export const TRANSIENCE_BY_CODE: Readonly<Record<string, Transience>> = {
    // Service protection: requests, execution time, concurrency.
    '0x80072322': 'wait',
    '0x80072321': 'wait',
    '0x80072326': 'wait',
    // Generic SQL error (Sql Number 1205 = a deadlock on concurrent updates of one record).
    '0x80044150': 'transient',
    // SQL timeout expired.
    '0x80044151': 'transient',
    // TransactionAborted: a deadlock a plug-in swallowed; the transaction was rolled back.
    '0x80040255': 'transient',
    // TransactionNotStarted: a plug-in swallowed an error; sending again repeats it.
    '0x80040251': 'permanent',
};

/** How many times a request of each class is sent again (on top of the first send). */
export const RESENDS: Readonly<Record<Transience, number>> = {
    wait: Number.POSITIVE_INFINITY,
    transient: 3,
    transientOnce: 1,
    permanent: 0,
};

/** Classify a failed request or $batch part by its Dataverse code first, then its HTTP status. */
export function classifyFailure(status: number, code: string | undefined): Transience {
    const known = TRANSIENCE_BY_CODE[(code ?? '').toLowerCase()];
    if (known) return known;
    if (status === 429) return 'wait';
    // 503: the server was unavailable and did not process the request.
    if (status === 503) return 'transient';
    return status >= 500 ? 'transientOnce' : 'permanent';
}

/** Back-off before resend `attempt` (1-based) of a transient failure: 2 s, 4 s, 8 s … at most 30 s. */
export function transientBackoffMs(attempt: number): number {
    return Math.min(30_000, 1000 * 2 ** Math.max(1, attempt));
}
