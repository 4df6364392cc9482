/**
 * How the client reads a Web API answer: the JSON of a success, the Dataverse error of a failure, and the answers that
 * are not Dataverse's at all (a sign-in page or a redirect to it: signed out; a plain 404: no Web API at this path).
 */
import { parseRetryAfter } from '../core/scheduler/retry-after';
import { bodyExcerpt, DataverseError, SessionExpiredError, UNREADABLE_BODY_CODE } from './errors';

/** JSON text as a value, or undefined when it is not JSON. */
function parseJson(text: string): unknown {
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return undefined;
    }
}

/** The Dataverse error of a non-2xx answer: its {"error":{code,message}}, or the status and the body's first bytes. */
export async function toError(response: Response, nowMs: number): Promise<DataverseError> {
    const text = await response.text().catch(() => '');
    const body = parseJson(text) as { error?: { code?: string; message?: string } } | undefined;
    const code = body?.error?.code ?? (body === undefined && text ? UNREADABLE_BODY_CODE : '');
    const message =
        body?.error?.message ?? (text ? `HTTP ${response.status}: ${bodyExcerpt(text)}` : `HTTP ${response.status}`);
    // A 4xx that is not Dataverse's JSON comes from the sign-in flow or a proxy in front of it, not from Dataverse —
    // except a 404: Dataverse answers a missing record with JSON, so a plain 404 means no Web API at this path (a
    // host such as pcf-start), which the caller reports as unreachable.
    const notDataverse = body === undefined && text !== '';
    const signedOut = notDataverse && response.status < 500 && response.status !== 404;
    if (response.status === 401 || signedOut) return new SessionExpiredError(message);
    return new DataverseError(
        response.status,
        code,
        message,
        parseRetryAfter(response.headers.get('Retry-After'), nowMs),
    );
}

/**
 * The JSON body of a successful answer; 204 No Content and 304 Not Modified have none. A body that is not JSON is
 * the sign-in page an expired session gets instead of Dataverse's answer (emulator README "Signed out"): a
 * SessionExpiredError with the status and the body's first bytes, never a bare SyntaxError.
 */
export async function readJson<T>(response: Response): Promise<T> {
    const text = response.status === 204 || response.status === 304 ? '' : await response.text();
    if (!text) return undefined as T;
    const body = parseJson(text);
    if (body === undefined) {
        throw new SessionExpiredError(`HTTP ${response.status} with a body that is not JSON: ${bodyExcerpt(text)}`);
    }
    return body as T;
}

/**
 * The Web API never redirects; a redirect (not followed: redirect 'manual') leads to the sign-in page of an expired
 * session. A browser hides it as an opaque redirect with status 0.
 */
export function isRedirect(response: Response): boolean {
    return (
        response.type === 'opaqueredirect' ||
        (response.status >= 300 && response.status < 400 && response.status !== 304)
    );
}

export function dopHint(headers: Headers): number | undefined {
    const value = Number(headers.get('x-ms-dop-hint'));
    return Number.isFinite(value) && value > 0 ? value : undefined;
}
