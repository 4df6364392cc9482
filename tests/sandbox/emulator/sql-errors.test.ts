import { mailboxId } from './fixture-domain';
import { json, startTestServer, type TestServer } from './test-server';

const approvals = (ids: number[]) =>
    `${ids
        .map(
            (n) =>
                `--batch_S\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nPATCH mailboxes(${mailboxId(n)}) HTTP/1.1\r\nContent-Type: application/json; type=entry\r\nIf-Match: *\r\n\r\n{"emailrouteraccessapproval":1}`,
        )
        .join('\r\n')}\r\n--batch_S--\r\n`;

/** Status and JSON body of every part, in order. */
function parts(text: string): { status: number; body?: any }[] {
    return text
        .split(/--batchresponse_\w+/)
        .filter((chunk) => /HTTP\/1\.1 \d+/.test(chunk))
        .map((chunk) => {
            const status = Number(/HTTP\/1\.1 (\d+)/.exec(chunk)?.[1]);
            const body = /\r\n\r\n(\{.*\})\s*$/s.exec(chunk)?.[1];
            return { status, body: body ? JSON.parse(body) : undefined };
        });
}

describe('emulator SQL errors on $batch parts', () => {
    let s: TestServer;
    beforeEach(async () => {
        s = await startTestServer({ mailboxCount: 120 });
    });
    afterEach(() => s.close());

    const send = (ids: number[], continueOnError = true) =>
        fetch(`${s.api}$batch`, {
            method: 'POST',
            headers: {
                'Content-Type': 'multipart/mixed; boundary=batch_S',
                ...(continueOnError ? { Prefer: 'odata.continue-on-error' } : {}),
            },
            body: approvals(ids),
        });
    const approvalOf = async (n: number) =>
        (await json(await fetch(`${s.url}/_emulator/state/mailboxes`))).value.find(
            (m: any) => m.mailboxid === mailboxId(n),
        ).emailrouteraccessapproval;

    it('answers a part 500 with 0x80044150 and the Generic SQL error text, and leaves its record unchanged', async () => {
        s.emulator.setFaults({ batchPartSqlErrorRate: 1 });
        const res = await send([2]);
        expect(res.status).toBe(200);
        const [part] = parts(await res.text());
        expect(part).toEqual({
            status: 500,
            body: {
                error: {
                    code: '0x80044150',
                    message:
                        ' Sql error: Generic SQL error. CRM ErrorCode: -2147204784 Sql ErrorCode: -2146232060 Sql Number: 1205',
                },
            },
        });
        expect(await approvalOf(2)).toBe(2);
    });

    it('answers the timeout variant with 0x80044151 and Sql Number -2', async () => {
        s.emulator.setFaults({ batchPartSqlErrorRate: 1, batchPartSqlError: 'timeout' });
        const [part] = parts(await (await send([2])).text());
        expect(part.body.error).toEqual({
            code: '0x80044151',
            message:
                ' Sql error: SQL timeout expired. CRM ErrorCode: -2147204783 Sql ErrorCode: -2146232060 Sql Number: -2',
        });
    });

    it('fails about the configured share of parts, the others run, and the same seed replays the same parts', async () => {
        s.emulator.setFaults({ batchPartSqlErrorRate: 0.25 });
        const ids = Array.from({ length: 100 }, (_, i) => i + 1);
        const statuses = parts(await (await send(ids)).text()).map((p) => p.status);
        const failed = statuses.filter((x) => x === 500).length;
        expect(statuses).toHaveLength(100);
        expect(failed).toBeGreaterThan(10);
        expect(failed).toBeLessThan(45);
        expect(statuses.filter((x) => x === 204)).toHaveLength(100 - failed);
        const replay = await startTestServer({ mailboxCount: 120, faults: { batchPartSqlErrorRate: 0.25 } });
        const again = await fetch(`${replay.api}$batch`, {
            method: 'POST',
            headers: { 'Content-Type': 'multipart/mixed; boundary=batch_S', Prefer: 'odata.continue-on-error' },
            body: approvals(ids),
        });
        expect(parts(await again.text()).map((p) => p.status)).toEqual(statuses);
        await replay.close();
    });

    it('stops a batch without continue-on-error at the failed part', async () => {
        s.emulator.setFaults({ batchPartSqlErrorRate: 1 });
        const res = await send([2, 3], false);
        expect(res.status).toBe(400);
        expect(parts(await res.text()).map((p) => p.status)).toEqual([500]);
        expect(await approvalOf(3)).toBe(3);
    });
});
