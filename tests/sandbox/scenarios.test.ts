import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { NO_FAULTS } from './emulator';
import { PROFILE_IDS } from './domain/ids';
import { FAULT_SCENARIOS, scenarioSettings } from './scenarios';
import { startSandbox, type Sandbox } from './server';

const ROOT = join(__dirname, '..', '..');

describe('fault scenarios', () => {
    it('give every scenario a full set of faults, so switching never leaves the previous one behind', () => {
        for (const name of FAULT_SCENARIOS)
            expect(Object.keys(scenarioSettings(name).faults).sort()).toEqual(Object.keys(NO_FAULTS).sort());
        expect(scenarioSettings('none').faults).toEqual(NO_FAULTS);
    });
});

describe('fault scenarios over HTTP', () => {
    let sandbox: Sandbox;
    const api = (path: string, init?: RequestInit) => fetch(new URL(`/api/data/v9.2/${path}`, sandbox.url), init);
    const firstMailbox = () => sandbox.domain.rows.mailboxes[0].mailboxid as string;

    beforeAll(async () => {
        sandbox = await startSandbox({ port: 0, root: ROOT, mailboxCount: 10, timeScale: 10 });
    });
    afterAll(() => sandbox.close());

    it('sql-errors answers a share of $batch parts 500 with 0x80044150 and runs the others', async () => {
        sandbox.setScenario({ fault: 'sql-errors', mailboxCount: 100 });
        const ids = sandbox.domain.rows.mailboxes.slice(0, 60).map((m) => m.mailboxid as string);
        const body = `${ids
            .map(
                (id) =>
                    `--batch_Q\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET mailboxes(${id})?$select=name HTTP/1.1\r\n\r\n`,
            )
            .join('\r\n')}\r\n--batch_Q--\r\n`;
        const res = await api('$batch', {
            method: 'POST',
            headers: { 'Content-Type': 'multipart/mixed; boundary=batch_Q', Prefer: 'odata.continue-on-error' },
            body,
        });
        const text = await res.text();
        const statuses = [...text.matchAll(/^HTTP\/1\.1 (\d+)/gm)].map((m) => m[1]);
        expect(statuses.filter((x) => x === '500').length).toBeGreaterThan(0);
        expect(statuses.filter((x) => x === '200').length).toBeGreaterThan(30);
        expect(text).toContain('"code":"0x80044150"');
        sandbox.setScenario({ fault: 'none', mailboxCount: 10 });
    });

    it.each(['signed-out-page', 'signed-out-redirect'] as const)(
        '%s answers API calls with the sign-in page once the first write is answered',
        async (fault) => {
            sandbox.setScenario({ fault });
            expect((await api('WhoAmI')).headers.get('content-type')).toContain('application/json');
            const write = await api(`mailboxes(${firstMailbox()})`, {
                method: 'PATCH',
                headers: { 'Content-Type': 'application/json', 'If-Match': '*' },
                body: '{"testemailconfigurationscheduled":false}',
            });
            expect(write.status).toBe(204);
            const after = await api(`mailboxes(${firstMailbox()})?$select=name`);
            expect(after.status).toBe(200);
            expect(after.redirected).toBe(fault === 'signed-out-redirect');
            expect(after.headers.get('content-type')).toBe('text/html; charset=utf-8');
            expect(await after.text()).toContain('Sign in to your account');
            sandbox.setScenario({ fault: 'none' });
        },
    );

    it.each([
        ['alerts-refused-400', 400, '0x80060888'],
        ['alerts-refused-403', 403, '0x80040220'],
    ] as const)('%s refuses alert reads with %i %s and answers mailbox reads', async (fault, status, code) => {
        sandbox.setScenario({ fault });
        const alerts = await api(`mailboxes(${firstMailbox()})/tracelog_Mailbox?$select=level,text`);
        expect(alerts.status).toBe(status);
        expect(((await alerts.json()) as { error: { code: string } }).error.code).toBe(code);
        expect((await api(`mailboxes(${firstMailbox()})?$select=name`)).status).toBe(200);
        sandbox.setScenario({ fault: 'none' });
    });

    it.each(['long-429-storm', 'long-429-storm-execution-time'] as const)(
        '%s lets reads through until the first write is answered, then refuses every request',
        async (fault) => {
            sandbox.setScenario({ fault });
            expect((await api(`emailserverprofiles(${PROFILE_IDS.commercial})?$select=name`)).status).toBe(200);
            const write = await api(`mailboxes(${firstMailbox()})`, {
                method: 'PATCH',
                headers: { 'Content-Type': 'application/json', 'If-Match': '*' },
                body: '{"testemailconfigurationscheduled":false}',
            });
            expect(write.status).toBe(204);
            const reRead = await api(`mailboxes(${firstMailbox()})?$select=emailrouteraccessapproval`);
            expect(reRead.status).toBe(429);
            const code = fault === 'long-429-storm' ? '0x80072322' : '0x80072321';
            expect(((await reRead.json()) as { error: { code: string } }).error.code).toBe(code);
            expect(Number(reRead.headers.get('retry-after'))).toBe(2); // 20 emulated s at 10×
            sandbox.setScenario({ fault: 'none' });
            expect((await api(`mailboxes(${firstMailbox()})?$select=name`)).status).toBe(200);
        },
    );
});

describe('transient Test & Enable failures over HTTP', () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
        sandbox = await startSandbox({
            port: 0,
            root: ROOT,
            mailboxCount: 200,
            timeScale: 1000,
            testDelayMs: 20_000,
            fault: 'transient-test-failures',
        });
    });
    afterAll(() => sandbox.close());

    it('shows the mailbox failed but still scheduled while it retries, then disabled with an error alert', async () => {
        const api = (path: string, init?: RequestInit) => fetch(new URL(`/api/data/v9.2/${path}`, sandbox.url), init);
        const row = sandbox.domain.rows.mailboxes.find(
            (m) =>
                sandbox.domain.plannedOutcomeOf(String(m.mailboxid)) === 'transient' &&
                m.emailrouteraccessapproval === 1 &&
                m.actdeliverymethod === 1 &&
                sandbox.domain.outcomeOf(String(m.mailboxid)) === 'transient',
        );
        const id = String(row?.mailboxid);
        const started = sandbox.emulator.now();
        const scheduled = await api(`mailboxes(${id})`, {
            method: 'PATCH',
            headers: { 'Content-Type': 'application/json', 'If-Match': '*' },
            body: JSON.stringify({
                testemailconfigurationscheduled: true,
                postponetestemailconfigurationuntil: new Date(started).toISOString(),
            }),
        });
        expect(scheduled.status).toBe(204);
        const seen: string[] = [];
        for (;;) {
            const m = (await (
                await api(
                    `mailboxes(${id})?$select=mailboxstatus,testemailconfigurationscheduled,testemailconfigurationretrycount`,
                )
            ).json()) as Record<string, unknown>;
            const state = `${String(m.mailboxstatus)}|${String(m.testemailconfigurationscheduled)}`;
            if (seen.at(-1) !== state) seen.push(state);
            if (m.testemailconfigurationscheduled === false) {
                expect(m.testemailconfigurationretrycount).toBe(11);
                break;
            }
            await sleep(50);
        }
        expect(seen).toContain('2|true');
        expect(seen.at(-1)).toBe('2|false');
        expect(sandbox.emulator.now() - started).toBeGreaterThanOrEqual(50 * 60_000);
        const alerts = (await (
            await api(`mailboxes(${id})/tracelog_Mailbox?$select=level,modifiedon&$orderby=modifiedon desc`)
        ).json()) as { value: { level: number }[] };
        expect(alerts.value.map((a) => a.level).slice(0, 2)).toEqual([3, 2]);
    }, 20_000);
});
