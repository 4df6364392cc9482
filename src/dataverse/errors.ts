/** Every failed Web API call becomes one of these: HTTP status, Dataverse hex code, message, and Retry-After. */
export class DataverseError extends Error {
    readonly status: number;
    readonly code: string;
    readonly retryAfterMs: number | undefined;

    constructor(status: number, code: string, message: string, retryAfterMs?: number) {
        super(message);
        this.name = 'DataverseError';
        this.status = status;
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }
}

/** Status 0 marks a request that never got an answer (dropped connection, CSP block, offline). */
export const NETWORK_ERROR_STATUS = 0;
