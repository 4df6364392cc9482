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

/** 401: the browser session ended; the run pauses until the user signs in again. */
export class SessionExpiredError extends DataverseError {
    constructor(message: string) {
        super(401, 'SessionExpired', message);
        this.name = 'SessionExpiredError';
    }
}

/**
 * Dataverse answered nothing but 429 for longer than the client's stall limit. A 429 is an instruction to wait, never
 * a failure (dataverse.md §9); only this long a time without progress stops waiting, and a run pauses with Resume.
 */
export class ThrottleStallError extends DataverseError {
    /** When the unbroken run of 429s began (client clock, ms). */
    readonly sinceMs: number;

    constructor(code: string, message: string, sinceMs: number, retryAfterMs?: number) {
        super(429, code, message, retryAfterMs);
        this.name = 'ThrottleStallError';
        this.sinceMs = sinceMs;
    }
}

/** An error after which a run pauses (with Resume) instead of ending: nothing it stands for is the mailboxes' fault. */
export function isRunPause(error: unknown): error is SessionExpiredError | ThrottleStallError {
    return error instanceof SessionExpiredError || error instanceof ThrottleStallError;
}

/** Code of the error for an answer whose body is not the JSON Dataverse sends (a gateway or sign-in page). */
export const UNREADABLE_BODY_CODE = 'UnreadableBody';

/** How much of an unreadable body an error keeps: enough to recognise the page, not a whole document. */
export const BODY_EXCERPT_LENGTH = 200;

/** The first bytes of a body, white space collapsed, for an error message. */
export function bodyExcerpt(text: string): string {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > BODY_EXCERPT_LENGTH ? `${flat.slice(0, BODY_EXCERPT_LENGTH)}…` : flat;
}
