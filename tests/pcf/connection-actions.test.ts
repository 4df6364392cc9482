import { DataverseHttp } from '../../src/dataverse/http';
import { createConnectionActions, hostOverrideFrom } from '../../src/pcf/connection-actions';
import type { ConnectionTestView } from '../../src/ui/connection/connection-state';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { startSandbox, type Sandbox } from '../sandbox/server';

// The Connection actions against the seeded sandbox: what the card is given when the chosen mailbox is gone.
let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, timeScale: 200, mailboxCount: 10 });
});
afterAll(() => sandbox.close());

describe('createConnectionActions', () => {
    it('tells the admin to pick another mailbox when the chosen one was deleted, and schedules nothing', async () => {
        const http = new DataverseHttp(sandbox.url, (u, i) => fetch(u, i));
        const actions = createConnectionActions(http, PROFILE_IDS.commercial);
        const { defaultId } = await actions.loadCanaries(new AbortController().signal);
        expect(defaultId).toBeDefined();
        sandbox.emulator.store.remove('mailboxes', defaultId!);
        const from = sandbox.emulator.requestLog().length;
        const views: ConnectionTestView[] = [];
        const result = await actions.runConnectionTest(defaultId!, (v) => views.push(v), new AbortController().signal);
        expect(result.status).toBe('error');
        if (result.status !== 'error') return;
        expect(result.failure.cause).toBe('recordNotFound');
        expect(result.failure.fixKey).toBe('Fix_CanaryGone');
        expect(result.failure.code).toBe('0x80040217');
        // Only the read that found it missing went to the mailbox: no Test & Enable was scheduled.
        const sent = sandbox.emulator
            .requestLog()
            .slice(from)
            .filter((r) => r.path.includes('mailboxes'));
        expect(sent.map((r) => [r.method, r.status])).toEqual([['GET', 404]]);
        // And the list no longer offers it.
        const after = await actions.loadCanaries(new AbortController().signal);
        expect(after.options.map((o) => o.id)).not.toContain(defaultId);
    });
});

describe('the last connection test, for the run confirmation', () => {
    it('is unknown until a test ran, then recorded with how it ended and judged against later writes', async () => {
        const http = new DataverseHttp(sandbox.url, (u, i) => fetch(u, i));
        const profile = PROFILE_IDS.badSecret;
        const actions = createConnectionActions(http, profile, undefined, 'Dana Admin');
        expect(await actions.checkLastTest()).toEqual({ kind: 'none' });
        expect(await actions.readLastTest()).toBeUndefined();

        // A test that could not run (its mailbox was deleted) vouches for nothing.
        const { defaultId } = await actions.loadCanaries(new AbortController().signal);
        sandbox.emulator.store.remove('mailboxes', defaultId!);
        await actions.runConnectionTest(defaultId!, () => undefined, new AbortController().signal);
        expect(await actions.checkLastTest()).toMatchObject({ kind: 'notFinished' });
        // The overview's connection card shows who ran it and why it did not finish.
        expect(await actions.readLastTest()).toMatchObject({
            result: 'error',
            by: 'Dana Admin',
            cause: 'recordNotFound',
        });

        // The form saves a new application ID: the profile is not the one that was tested.
        await http.send(`emailserverprofiles(${profile})`, {
            method: 'PATCH',
            body: { oauthclientid: '6e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b' },
            ifMatch: '*',
        });
        expect(await actions.checkLastTest()).toMatchObject({ kind: 'changedSince' });
        // Another instance of the control (a reload) reads the same record from the profile.
        expect(await createConnectionActions(http, profile).checkLastTest()).toMatchObject({ kind: 'changedSince' });
    });

    it('does not record a cancelled test', async () => {
        const http = new DataverseHttp(sandbox.url, (u, i) => fetch(u, i));
        const actions = createConnectionActions(http, PROFILE_IDS.gcc);
        const { defaultId } = await actions.loadCanaries(new AbortController().signal);
        const controller = new AbortController();
        const running = actions.runConnectionTest(defaultId!, () => controller.abort(), controller.signal);
        await expect(running).resolves.toEqual({ status: 'cancelled' });
        expect(await actions.checkLastTest()).toEqual({ kind: 'none' });
    });
});

describe('hostOverrideFrom (the discoveryBaseUrl test hook)', () => {
    it.each([
        ['https://sandbox.example/_discovery', 'https://sandbox.example/_discovery/login.microsoftonline.com'],
        ['https://sandbox.example/_discovery/ ', 'https://sandbox.example/_discovery/login.microsoftonline.com'],
        ['http://127.0.0.1:8181/_discovery', 'http://127.0.0.1:8181/_discovery/login.microsoftonline.com'],
        ['http://localhost:8181/_discovery', 'http://localhost:8181/_discovery/login.microsoftonline.com'],
    ])('sends discovery for %j to the stand-in', (base, url) => {
        expect(hostOverrideFrom(base)?.('login.microsoftonline.com')).toBe(url);
    });

    it.each([
        ['plain http to another machine', 'http://sandbox.example/_discovery'],
        ['plain http to a host that only starts like loopback', 'http://127.0.0.1.attacker.example/_discovery'],
        ['plain http to localhost as a subdomain', 'http://localhost.attacker.example/_discovery'],
        ['another scheme', 'ftp://127.0.0.1/_discovery'],
        ['no URL at all', 'sandbox.example'],
        ['an empty value (production)', ''],
        ['no value (production)', null],
    ])('ignores %s, so the real sign-in hosts are asked', (_, base) => {
        expect(hostOverrideFrom(base)).toBeUndefined();
    });
});
