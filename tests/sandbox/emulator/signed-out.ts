/**
 * A signed-out session (contract.ts SignedOut): while it lasts, Web API calls are answered by the sign-in flow, not by
 * Dataverse — a 200 text/html sign-in page or a 302 to the sign-in host — with none of the OData or service-protection
 * headers, and nothing reaches the store. A client must treat any non-JSON answer to an API call as "signed out"
 * (issue 14), never as data and never as a reason to send an approval again.
 */
import type { Engine } from './engine';
import { timeLeft } from './timed-faults';

/** The emulator's own stand-in for the sign-in page (same origin, so a browser test never leaves the sandbox). */
export const SIGN_IN_PATH = '/_emulator/signin';

/**
 * First-party application id of Dynamics 365 / Dataverse that a redirect to login.microsoftonline.com names as
 * client_id; the query's exact shape is (unconfirmed) — only "302 to the sign-in host" is what a client can rely on.
 */
export const DATAVERSE_CLIENT_ID = '00000007-0000-0000-c000-000000000000';

/** The answer of the front door while signed out. */
export type SignInReply = { status: 200 | 302; headers: Record<string, string>; body: string };

/** A small page shaped like the Microsoft sign-in page (title, heading, form): what `response.text()` would show. */
export function signInPageHtml(): string {
    return [
        '<!DOCTYPE html>',
        '<html lang="en"><head><meta charset="utf-8"><title>Sign in to your account</title></head>',
        '<body><h1>Sign in</h1>',
        '<form method="post" action="https://login.microsoftonline.com/common/login">',
        '<label>Email, phone, or Skype <input type="email" name="loginfmt"></label>',
        '<button type="submit">Next</button></form></body></html>',
    ].join('\n');
}

/** Location of the redirect: the configured one, else the sandbox's sign-in page carrying the usual parameters. */
function redirectLocation(location: string | undefined, returnTo: string): string {
    if (location) return location;
    const query = new URLSearchParams({
        client_id: DATAVERSE_CLIENT_ID,
        response_mode: 'form_post',
        response_type: 'code id_token',
        scope: 'openid profile',
        redirect_uri: returnTo,
    });
    return `${SIGN_IN_PATH}?${query.toString()}`;
}

/** The sign-in answer for a Web API request arriving while signed out, else undefined. */
export function signedOutReply(e: Engine, nowMs: number, returnTo: string): SignInReply | undefined {
    const fault = e.faults.signedOut;
    if (!fault || timeLeft(e, 'signedOut', nowMs) === undefined) return undefined;
    const noStore = { 'Cache-Control': 'no-store' };
    if (fault.form === 'redirect')
        return { status: 302, headers: { ...noStore, Location: redirectLocation(fault.location, returnTo) }, body: '' };
    return { status: 200, headers: { ...noStore, 'Content-Type': 'text/html; charset=utf-8' }, body: signInPageHtml() };
}
