import { createDomain, PROFILE_IDS, USER_IDS } from '../domain';
import { json, startTestServer, type TestServer } from './test-server';

describe('emulator alert-read refusal', () => {
    let s: TestServer;
    let mailboxId: string;
    beforeEach(async () => {
        const domain = createDomain({ mailboxCount: 10 });
        mailboxId = String(domain.rows.mailboxes[0].mailboxid);
        s = await startTestServer({ domain, userId: USER_IDS.approver });
    });
    afterEach(() => s.close());

    const alertQueries = () => [
        `tracelogs?$select=level,tracecode,text,errordetails,modifiedon&$filter=_regardingobjectid_value eq ${mailboxId}&$orderby=modifiedon desc`,
        `tracelogs?$filter=regardingobjectid_mailbox/_emailserverprofile_value eq ${PROFILE_IDS.commercial}`,
        `mailboxes(${mailboxId})/tracelog_Mailbox?$select=level,text`,
        `emailserverprofiles(${PROFILE_IDS.commercial})/EmailServerProfile_TraceLogs?$select=text`,
    ];

    it('answers every alert query 200 while the fault is off', async () => {
        for (const q of alertQueries()) expect((await fetch(`${s.api}${q}`)).status).toBe(200);
    });

    it('refuses every alert query 403 with 0x80040220 naming prvReadTraceLog', async () => {
        s.emulator.setFaults({ alertReadRefusal: 403 });
        for (const q of alertQueries()) {
            const res = await fetch(`${s.api}${q}`);
            expect(res.status).toBe(403);
            const { error } = await json(res);
            expect(error.code).toBe('0x80040220');
            expect(error.message).toMatch(
                new RegExp(`^Principal user \\(Id=${USER_IDS.approver}, .*is missing prvReadTraceLog privilege`),
            );
        }
    });

    it('refuses every alert query 400 with 0x80060888, and leaves other reads alone', async () => {
        s.emulator.setFaults({ alertReadRefusal: 400 });
        for (const q of alertQueries()) {
            const res = await fetch(`${s.api}${q}`);
            expect(res.status).toBe(400);
            expect((await json(res)).error).toEqual({
                code: '0x80060888',
                message:
                    "Could not find a property named 'regardingobjectid_mailbox' on type 'Microsoft.Dynamics.CRM.tracelog'.",
            });
        }
        expect((await fetch(`${s.api}mailboxes(${mailboxId})?$select=name`)).status).toBe(200);
    });

    it('refuses an alert read inside a $batch as a part, the other parts answer', async () => {
        s.emulator.setFaults({ alertReadRefusal: 403 });
        const part = (url: string) =>
            `--batch_R\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET ${encodeURI(url)} HTTP/1.1\r\n\r\n`;
        const res = await fetch(`${s.api}$batch`, {
            method: 'POST',
            headers: { 'Content-Type': 'multipart/mixed; boundary=batch_R', Prefer: 'odata.continue-on-error' },
            body: `${part(`mailboxes(${mailboxId})?$select=name`)}\r\n${part(alertQueries()[0])}\r\n--batch_R--\r\n`,
        });
        const statuses = [...(await res.text()).matchAll(/^HTTP\/1\.1 (\d+)/gm)].map((m) => m[1]);
        expect(statuses).toEqual(['200', '403']);
    });
});
