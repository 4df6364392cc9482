import { setTimeout as sleep } from 'node:timers/promises';
import type { SignedOut } from './contract';
import { mailboxId } from './fixture-domain';
import { json, startTestServer, type TestServer } from './test-server';

const signedOut = (over: Partial<SignedOut> = {}): SignedOut => ({
    form: 'page',
    // An hour of emulated time (3.6 s real at time scale 1000): the session stays signed out for the whole test even
    // on a busy machine; a minute (60 ms real) sometimes ended before the first request arrived.
    durationMs: 3_600_000,
    startOn: 'now',
    ...over,
});

describe('emulator signed-out session', () => {
    let s: TestServer;
    beforeEach(async () => {
        s = await startTestServer({ timeScale: 1000 });
    });
    afterEach(() => s.close());

    const setTimeScale = (timeScale: number) =>
        fetch(`${s.url}/_emulator/config`, { method: 'POST', body: JSON.stringify({ timeScale }) });
    const approve = (n: number) =>
        fetch(`${s.api}mailboxes(${mailboxId(n)})`, {
            method: 'PATCH',
            headers: { 'Content-Type': 'application/json', 'If-Match': '*' },
            body: '{"emailrouteraccessapproval":1}',
        });
    const approvalOf = async (n: number) =>
        (await json(await fetch(`${s.url}/_emulator/state/mailboxes`))).value.find(
            (m: any) => m.mailboxid === mailboxId(n),
        ).emailrouteraccessapproval;

    it('answers an API call 200 text/html with a sign-in page and none of the Web API headers', async () => {
        s.emulator.setFaults({ signedOut: signedOut() });
        const res = await fetch(`${s.api}mailboxes?$select=name`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(res.headers.get('odata-version')).toBeNull();
        expect(res.headers.get('x-ms-dop-hint')).toBeNull();
        expect(await res.text()).toContain('<title>Sign in to your account</title>');
        expect(s.emulator.requestLog().at(-1)).toMatchObject({ status: 200, signedOut: true });
    });

    it('does not apply a write sent while signed out', async () => {
        s.emulator.setFaults({ signedOut: signedOut() });
        const res = await approve(2);
        expect(res.status).toBe(200);
        expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
        expect(await approvalOf(2)).toBe(2);
    });

    it('redirects 302 to the sandbox sign-in page, which a following fetch lands on as HTML', async () => {
        s.emulator.setFaults({ signedOut: signedOut({ form: 'redirect' }) });
        const manual = await fetch(`${s.api}WhoAmI`, { redirect: 'manual' });
        expect(manual.status).toBe(302);
        const location = new URL(manual.headers.get('location') ?? '', s.url);
        expect(location.pathname).toBe('/_emulator/signin');
        expect(location.searchParams.get('client_id')).toBe('00000007-0000-0000-c000-000000000000');
        expect(location.searchParams.get('redirect_uri')).toBe(`${s.url}/`);
        const followed = await fetch(`${s.api}WhoAmI`);
        expect(followed.status).toBe(200);
        expect(followed.redirected).toBe(true);
        expect(followed.headers.get('content-type')).toBe('text/html; charset=utf-8');
    });

    it('redirects to a configured location, e.g. the real sign-in host', async () => {
        const location = 'https://login.microsoftonline.com/common/oauth2/authorize?client_id=x';
        s.emulator.setFaults({ signedOut: signedOut({ form: 'redirect', location }) });
        const res = await fetch(`${s.api}$batch`, { method: 'POST', redirect: 'manual', body: '' });
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toBe(location);
    });

    it('starts after the first answered write when asked to, and ends after its duration', async () => {
        // Real time while the read must land inside the 100 emulated seconds (at 1000× they were 100 ms, which a busy
        // machine can miss); then back to 1000×, where what is left of them is at most 100 ms.
        await setTimeScale(1);
        s.emulator.setFaults({ signedOut: signedOut({ startOn: 'afterFirstWrite', durationMs: 100_000 }) });
        expect((await approve(2)).status).toBe(204);
        const during = await fetch(`${s.api}mailboxes(${mailboxId(2)})?$select=emailrouteraccessapproval`);
        expect(during.headers.get('content-type')).toContain('text/html');
        await during.text();
        await setTimeScale(1000);
        await sleep(120);
        const after = await fetch(`${s.api}mailboxes(${mailboxId(2)})?$select=emailrouteraccessapproval`);
        expect(after.headers.get('content-type')).toContain('application/json');
        expect((await json(after)).emailrouteraccessapproval).toBe(1);
    });

    it('is switched on and off through POST /_emulator/config', async () => {
        const config = (faults: unknown) =>
            fetch(`${s.url}/_emulator/config`, { method: 'POST', body: JSON.stringify({ faults }) });
        await config({ signedOut: signedOut() });
        expect((await fetch(`${s.api}WhoAmI`)).headers.get('content-type')).toContain('text/html');
        await config({ signedOut: null });
        expect((await fetch(`${s.api}WhoAmI`)).headers.get('content-type')).toContain('application/json');
    });
});
