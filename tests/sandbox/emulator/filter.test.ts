import { mailboxId, PROFILE_A, PROFILE_B } from './fixture-domain';
import { json, startTestServer, type TestServer } from './test-server';

describe('emulator $filter', () => {
    let s: TestServer;
    beforeAll(async () => {
        s = await startTestServer();
    });
    afterAll(() => s.close());

    const seqs = async (filter: string): Promise<number[]> => {
        const res = await fetch(
            `${s.api}mailboxes?$select=sequence&$orderby=sequence&$filter=${encodeURIComponent(filter)}`,
        );
        expect(res.status).toBe(200);
        return (await json(res)).value.map((r: any) => r.sequence);
    };
    const error = async (filter: string) => {
        const res = await fetch(`${s.api}mailboxes?$filter=${encodeURIComponent(filter)}`);
        return { status: res.status, body: await json(res) };
    };

    it.each([
        ['sequence eq 5', [5]],
        ['sequence ne 5 and sequence lt 4', [1, 2, 3]],
        ['sequence gt 10', [11, 12]],
        ['sequence ge 11', [11, 12]],
        ['sequence lt 2', [1]],
        ['sequence le 2', [1, 2]],
        ["name eq 'mailbox 00007'", [7]],
        ["name eq 'O''Brien Mailbox'", [3]],
        ["name gt 'Mailbox 00010'", [11, 12, 3]],
        [`mailboxid eq ${mailboxId(8)}`, [8]],
        // Or-chains of equalities on one column are evaluated as a set; the result must be the same.
        [`mailboxid eq ${mailboxId(8)} or mailboxid eq ${mailboxId(2)} or mailboxid eq ${mailboxId(11)}`, [2, 8, 11]],
        [`mailboxid eq ${mailboxId(8).toUpperCase()} or mailboxid eq ${mailboxId(2)}`, [2, 8]],
        [
            `(mailboxid eq ${mailboxId(8)} or mailboxid eq ${mailboxId(3)}) and _emailserverprofile_value eq ${PROFILE_B}`,
            [3],
        ],
        [`mailboxid eq ${mailboxId(4)} or mailboxid eq ${mailboxId(5)} and sequence gt 9`, [4]],
        [`mailboxid eq ${mailboxId(6)} or sequence eq 1 or mailboxid eq ${mailboxId(7)}`, [1, 6, 7]],
        [`not (mailboxid eq ${mailboxId(1)} or mailboxid eq ${mailboxId(2)}) and sequence lt 5`, [3, 4]],
        [`_emailserverprofile_value eq ${PROFILE_B}`, [3, 6, 9, 12]],
        [`_emailserverprofile_value ne ${PROFILE_A}`, [3, 6, 9, 12]],
        ['lasttestdate lt 2026-11-04T00:00:00Z', [1, 2]],
        ['lasttestdate ge 2026-11-12', [11, 12]],
        ['enabledforincomingemail eq true and sequence lt 7', [2, 4, 6]],
        ['emailaddress eq null', [4]],
        ['emailaddress ne null and sequence lt 6', [1, 2, 3, 5]],
        ['sequence eq 1 or sequence eq 12', [1, 12]],
        ['not (sequence gt 2)', [1, 2]],
        ['(sequence eq 1 or sequence eq 2) and emailrouteraccessapproval eq 2', [2]],
        ["contains(emailaddress, 'ER1')", [1, 10, 11, 12]],
        ["startswith(name, 'o''bri')", [3]],
        ["endswith(emailaddress, '9@contoso.com')", [9]],
        ["emailserverprofile/name eq 'Fabrikam'", [3, 6, 9, 12]],
        ["startswith(emailserverprofile/name, 'contoso') and sequence lt 3", [1, 2]],
    ])('filters %s', async (filter, expected) => {
        const got = await seqs(filter);
        expect([...got].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    });

    it('answers 400 with the real shape for an unknown filter column', async () => {
        expect(await error("nope eq 'x'")).toEqual({
            status: 400,
            body: {
                error: {
                    code: '0x80060888',
                    message: "Could not find a property named 'nope' on type 'Microsoft.Dynamics.CRM.mailbox'.",
                },
            },
        });
    });

    it.each(["name eq 'unterminated", 'sequence eq', '(sequence eq 1', 'sequence eq 1 sequence', 'sequence like 3'])(
        'answers 400 Syntax error for %s',
        async (filter) => {
            const r = await error(filter);
            expect(r.status).toBe(400);
            expect(r.body.error.code).toBe('0x80060888');
            expect(r.body.error.message).toMatch(/^Syntax error at position \d+ in '/);
        },
    );

    it('answers 400 for an unknown navigation in a filter path', async () => {
        const r = await error("nope/name eq 'x'");
        expect(r.status).toBe(400);
        expect(r.body.error.message).toBe(
            "Could not find a property named 'nope' on type 'Microsoft.Dynamics.CRM.mailbox'.",
        );
    });

    it('answers 400 for incompatible operand types', async () => {
        const r = await error("sequence eq 'five'");
        expect(r.status).toBe(400);
        expect(r.body.error.message).toContain("Found operand types 'Edm.Int32' and 'Edm.String'");
    });
});
