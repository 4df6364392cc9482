import { mailboxId } from './fixture-domain';
import { json, startTestServer, type TestServer } from './test-server';

describe('emulator faults', () => {
    let s: TestServer;
    beforeEach(async () => {
        s = await startTestServer();
    });
    afterEach(() => s.close());

    it('adds latency to every Web API call', async () => {
        s.emulator.setFaults({ latencyMs: 300 });
        const t0 = Date.now();
        expect((await fetch(`${s.api}WhoAmI`)).status).toBe(200);
        expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    });

    it('answers 503 with the platform error shape', async () => {
        s.emulator.setFaults({ error503Rate: 1 });
        const res = await fetch(`${s.api}WhoAmI`);
        expect(res.status).toBe(503);
        expect((await json(res)).error.code).toBe('0x80040216');
    });

    it('drops the connection without an answer', async () => {
        s.emulator.setFaults({ dropConnectionRate: 1 });
        await expect(fetch(`${s.api}WhoAmI`)).rejects.toThrow();
        expect(s.emulator.requestLog().at(-1)?.status).toBe(0);
    });

    it('fails single $batch parts with 500', async () => {
        s.emulator.setFaults({ batchPartFailureRate: 1 });
        const part = `--batch_A\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET WhoAmI HTTP/1.1\r\n\r\n`;
        const res = await fetch(`${s.api}$batch`, {
            method: 'POST',
            headers: { 'Content-Type': 'multipart/mixed; boundary=batch_A', Prefer: 'odata.continue-on-error' },
            body: `${part}\r\n${part}\r\n--batch_A--\r\n`,
        });
        expect(res.status).toBe(200);
        const text = await res.text();
        expect([...text.matchAll(/^HTTP\/1\.1 (\d+)/gm)].map((m) => m[1])).toEqual(['500', '500']);
    });

    it('fails a write sent on its own like a $batch part, without applying it', async () => {
        s.emulator.setFaults({ batchPartFailureRate: 1 });
        const res = await fetch(`${s.api}mailboxes(${mailboxId(1)})`, {
            method: 'PATCH',
            headers: { 'Content-Type': 'application/json', 'If-Match': '*' },
            body: JSON.stringify({ name: 'changed' }),
        });
        expect(res.status).toBe(500);
        s.emulator.setFaults({ batchPartFailureRate: 0 });
        expect((await json(await fetch(`${s.api}mailboxes(${mailboxId(1)})?$select=name`))).name).not.toBe('changed');
    });

    it('answers 412 to an If-Match PATCH with a current ETag when staleEtag is injected', async () => {
        const etag = (await json(await fetch(`${s.api}mailboxes(${mailboxId(1)})`)))['@odata.etag'];
        s.emulator.setFaults({ staleEtagRate: 1 });
        const patch = (ifMatch: string) =>
            fetch(`${s.api}mailboxes(${mailboxId(1)})`, {
                method: 'PATCH',
                headers: { 'Content-Type': 'application/json', 'If-Match': ifMatch },
                body: '{"sequence":7}',
            });
        const res = await patch(etag);
        expect(res.status).toBe(412);
        expect((await json(res)).error.code).toBe('0x80060882');
        expect((await patch('*')).status).toBe(204);
    });

    it('answers 401 with WWW-Authenticate and a body while the session is expired', async () => {
        s.emulator.setFaults({ sessionExpired: true });
        const res = await fetch(`${s.api}mailboxes`);
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
        expect((await json(res)).error.message).toMatch(/expired/);
        s.emulator.setFaults({ sessionExpired: false });
        expect((await fetch(`${s.api}mailboxes`)).status).toBe(200);
    });

    it('draws faults from a seeded PRNG: the same seed replays the same failures', async () => {
        const run = async (seed: number) => {
            const t = await startTestServer({ seed, faults: { error503Rate: 0.5 } });
            const out: number[] = [];
            for (let i = 0; i < 16; i += 1) out.push((await fetch(`${t.api}WhoAmI`)).status);
            await t.close();
            return out;
        };
        const a = await run(7);
        expect(await run(7)).toEqual(a);
        expect(a).toContain(503);
        expect(a).toContain(200);
    });
});
