import { mailboxId, PROFILE_A } from './fixture-domain';
import { json, startTestServer, type TestServer } from './test-server';

type Op = { method: string; url: string; body?: unknown; headers?: Record<string, string>; contentId?: string };

function httpPart(op: Op, eol: string): string {
    const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
    if (op.contentId) lines.push(`Content-ID: ${op.contentId}`);
    lines.push('', `${op.method} ${op.url} HTTP/1.1`, 'Content-Type: application/json; type=entry');
    for (const [k, v] of Object.entries(op.headers ?? {})) lines.push(`${k}: ${v}`);
    lines.push('', op.body === undefined ? '' : JSON.stringify(op.body));
    return lines.join(eol);
}

/** Builds a batch body: an array item is a change set. */
function buildBatch(items: (Op | Op[])[], eol = '\r\n'): string {
    const chunks = items.map((item, n) => {
        if (!Array.isArray(item)) return `--batch_A${eol}${httpPart(item, eol)}`;
        const cs = `changeset_${n}`;
        const inner = item.map((op) => `--${cs}${eol}${httpPart(op, eol)}`).join(eol);
        return `--batch_A${eol}Content-Type: multipart/mixed; boundary=${cs}${eol}${eol}${inner}${eol}--${cs}--`;
    });
    return `${chunks.join(eol)}${eol}--batch_A--${eol}`;
}

/** Status codes of the response parts, in order (change set members flattened). */
function statuses(text: string): number[] {
    return [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));
}

describe('emulator $batch', () => {
    let s: TestServer;
    beforeEach(async () => {
        s = await startTestServer();
    });
    afterEach(() => s.close());

    const send = (items: (Op | Op[])[], headers: Record<string, string> = {}, eol = '\r\n') =>
        fetch(`${s.api}$batch`, {
            method: 'POST',
            headers: { 'Content-Type': 'multipart/mixed; boundary=batch_A', ...headers },
            body: buildBatch(items, eol),
        });
    const approve = (n: number, extra: Partial<Op> = {}): Op => ({
        method: 'PATCH',
        url: `${s.api}mailboxes(${mailboxId(n)})`,
        body: { emailrouteraccessapproval: 1 },
        headers: { 'If-Match': '*' },
        ...extra,
    });
    const approval = (n: number) => s.emulator.store.get('mailboxes', mailboxId(n))?.emailrouteraccessapproval;

    it('answers parts in request order with a batchresponse boundary', async () => {
        const res = await send([
            { method: 'GET', url: `/api/data/v9.2/mailboxes(${mailboxId(1)})?$select=name` },
            approve(2),
            { method: 'GET', url: `mailboxes(${mailboxId(3)})?$select=name` },
        ]);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=batchresponse_[0-9a-f]+$/);
        const text = await res.text();
        expect(statuses(text)).toEqual([200, 204, 200]);
        expect(text.indexOf('Mailbox 00001')).toBeLessThan(text.indexOf("O'Brien Mailbox"));
        expect(text).toMatch(/--batchresponse_[0-9a-f]+--\r\n$/);
        expect(approval(2)).toBe(1);
        const log = s.emulator.requestLog();
        expect(log[log.length - 1]).toMatchObject({ path: '/api/data/v9.2/$batch', operations: 3, status: 200 });
    });

    it('parses LF line endings too', async () => {
        const res = await send([approve(1), approve(2)], {}, '\n');
        expect(statuses(await res.text())).toEqual([204, 204]);
        expect([approval(1), approval(2)]).toEqual([1, 1]);
    });

    it('stops at the first failed part without continue-on-error', async () => {
        const res = await send([approve(1), approve(999), approve(2)]);
        expect(res.status).toBe(400);
        expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=batchresponse_/);
        const text = await res.text();
        expect(statuses(text)).toEqual([204, 404]);
        expect(text).toContain('0x80040217');
        expect([approval(1), approval(2)]).toEqual([1, 2]);
    });

    it('runs every part with odata.continue-on-error and reports each status', async () => {
        const res = await send([approve(1), approve(999), approve(2)], { Prefer: 'odata.continue-on-error' });
        expect(res.status).toBe(200);
        expect(res.headers.get('preference-applied')).toBe('odata.continue-on-error');
        expect(statuses(await res.text())).toEqual([204, 404, 204]);
        expect([approval(1), approval(2)]).toEqual([1, 1]);
    });

    it('commits a change set atomically and echoes Content-ID', async () => {
        const res = await send([[approve(1, { contentId: '1' }), approve(2, { contentId: '2' })]]);
        const text = await res.text();
        expect(statuses(text)).toEqual([204, 204]);
        expect(text).toMatch(/Content-ID: 1\r\n/);
        expect(text).toMatch(/boundary=changesetresponse_/);
        expect([approval(1), approval(2)]).toEqual([1, 1]);
    });

    it('rolls back the whole change set when one part fails', async () => {
        const res = await send([
            [approve(1, { contentId: '1' }), approve(2, { contentId: '2' }), approve(999, { contentId: '3' })],
        ]);
        const text = await res.text();
        expect(statuses(text)).toEqual([404]);
        expect(text).toContain('Content-ID: 3');
        // Seeded values (1 and 2) survive, and neither row was stamped by the rolled-back writes.
        expect([approval(1), approval(2)]).toEqual([1, 2]);
        expect(s.emulator.store.get('mailboxes', mailboxId(1))?.modifiedon).toBeUndefined();
        expect(s.emulator.store.get('mailboxes', mailboxId(2))?.modifiedon).toBeUndefined();
    });

    it('resolves $n Content-ID references inside a change set', async () => {
        const create: Op = { method: 'POST', url: 'emailserverprofiles', body: { name: 'From batch' }, contentId: '1' };
        const res = await send([[create, { method: 'PATCH', url: '$1', body: { name: 'Renamed' }, contentId: '2' }]]);
        expect(statuses(await res.text())).toEqual([204, 204]);
        expect(s.emulator.store.list('emailserverprofiles').map((r) => r.name)).toContain('Renamed');
    });

    it('refuses a GET inside a change set with 400', async () => {
        const res = await send([[approve(1), { method: 'GET', url: `emailserverprofiles(${PROFILE_A})` }]]);
        expect(res.status).toBe(400);
        expect((await json(res)).error.message).toContain('GET');
        expect(s.emulator.store.get('mailboxes', mailboxId(1))?.modifiedon).toBeUndefined();
    });

    it('refuses more than 1,000 operations with 400 and runs none', async () => {
        const ops = Array.from({ length: 1001 }, () => approve(1));
        const res = await send(ops);
        expect(res.status).toBe(400);
        expect((await json(res)).error.message).toContain('1000');
        expect(s.domain.afterWrites).toEqual([]);
        expect((await send(ops.slice(0, 1000))).status).toBe(200);
    });

    it('answers 400 for a body without the closing delimiter', async () => {
        const res = await fetch(`${s.api}$batch`, {
            method: 'POST',
            headers: { 'Content-Type': 'multipart/mixed; boundary=batch_A' },
            body: '--batch_A\r\n',
        });
        expect(res.status).toBe(400);
    });
});
