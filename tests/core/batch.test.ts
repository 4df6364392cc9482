import { boundaryOf, buildBatch, chunk, MAX_BATCH_OPS, parseBatchResponse, type BatchOp } from '../../src/core/batch';

const BASE = 'https://org.crm.dynamics.com';
const ID = '00000000-0000-0000-0000-000000000001';

describe('buildBatch', () => {
    it('writes top-level parts with absolute URLs, entry content type, If-Match and CRLF', () => {
        const ops: BatchOp[] = [
            { method: 'PATCH', path: `mailboxes(${ID})`, body: { emailrouteraccessapproval: 1 }, ifMatch: '*' },
            { method: 'GET', path: `mailboxes(${ID})?$select=name` },
        ];
        const body = buildBatch(ops, { boundary: 'batch_A', baseUrl: `${BASE}/` });
        expect(body).toBe(
            [
                '--batch_A',
                'Content-Type: application/http',
                'Content-Transfer-Encoding: binary',
                '',
                `PATCH ${BASE}/api/data/v9.2/mailboxes(${ID}) HTTP/1.1`,
                'Content-Type: application/json; type=entry',
                'If-Match: *',
                '',
                '{"emailrouteraccessapproval":1}',
                '--batch_A',
                'Content-Type: application/http',
                'Content-Transfer-Encoding: binary',
                '',
                `GET ${BASE}/api/data/v9.2/mailboxes(${ID})?$select=name HTTP/1.1`,
                '',
                '',
                '--batch_A--',
                '',
            ].join('\r\n'),
        );
        expect(body).not.toMatch(/changeset/);
        expect(body.replace(/\r\n/g, '')).not.toMatch(/\n/);
    });

    it('refuses more than 1000 operations', () => {
        const ops = Array.from({ length: MAX_BATCH_OPS + 1 }, () => ({ method: 'GET' as const, path: 'x' }));
        expect(() => buildBatch(ops, { boundary: 'b', baseUrl: BASE })).toThrow(/1000/);
    });

    it('keeps absolute paths as they are', () => {
        const body = buildBatch([{ method: 'GET', path: 'https://other.example/x' }], { boundary: 'b', baseUrl: BASE });
        expect(body).toContain('GET https://other.example/x HTTP/1.1');
    });
});

describe('chunk', () => {
    it.each([
        [0, 10, []],
        [5, 2, [2, 2, 1]],
        [2500, 5000, [1000, 1000, 500]],
        [3, 0, [1, 1, 1]],
    ])('splits %i items by %i into %j', (n, size, sizes) => {
        expect(
            chunk(
                Array.from({ length: n }, (_, i) => i),
                size,
            ).map((c) => c.length),
        ).toEqual(sizes);
    });
});

describe('boundaryOf', () => {
    it.each([
        ['multipart/mixed; boundary=batchresponse_1', 'batchresponse_1'],
        ['multipart/mixed; boundary="batchresponse_2"', 'batchresponse_2'],
        ['application/json', undefined],
    ])('reads %s', (header, expected) => expect(boundaryOf(header)).toBe(expected));
});

const RESPONSE = [
    '--batchresponse_1',
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    '',
    'HTTP/1.1 204 No Content',
    'OData-Version: 4.0',
    '',
    '',
    '--batchresponse_1',
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    '',
    'HTTP/1.1 403 Forbidden',
    'Content-Type: application/json; odata.metadata=minimal',
    '',
    '{"error":{"code":"0x80040256","message":"should be a global administrator"}}',
    '--batchresponse_1',
    'Content-Type: multipart/mixed; boundary=changesetresponse_9',
    '',
    '--changesetresponse_9',
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    'Content-ID: 1',
    '',
    'HTTP/1.1 200 OK',
    'Content-Type: application/json',
    '',
    '{"value":[{"name":"a"}]}',
    '--changesetresponse_9',
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    '',
    'HTTP/1.1 429 Too Many Requests',
    'Retry-After: 7',
    '',
    '',
    '--changesetresponse_9--',
    '--batchresponse_1--',
    '',
];

describe('parseBatchResponse', () => {
    it.each([
        ['CRLF', RESPONSE.join('\r\n')],
        ['LF', RESPONSE.join('\n')],
    ])('returns every part in order as a value with %s line ends', (_name, body) => {
        const parts = parseBatchResponse('multipart/mixed; boundary=batchresponse_1', body);
        expect(parts.map((p) => p.status)).toEqual([204, 403, 200, 429]);
        expect(parts[0].error).toBeUndefined();
        expect(parts[1].error).toEqual({
            status: 403,
            code: '0x80040256',
            message: 'should be a global administrator',
        });
        expect(parts[2].body).toEqual({ value: [{ name: 'a' }] });
        expect(parts[3].headers['retry-after']).toBe('7');
        expect(parts[3].error).toEqual({ status: 429, code: '', message: 'HTTP 429' });
    });

    it('throws only when the response is not multipart', () => {
        expect(() => parseBatchResponse('application/json', '{}')).toThrow(/boundary/);
    });

    it('keeps a non-JSON error body as text', () => {
        const body = ['--b', 'Content-Type: application/http', '', 'HTTP/1.1 500 Oops', '', 'gateway', '--b--'].join(
            '\r\n',
        );
        const [part] = parseBatchResponse('multipart/mixed; boundary=b', body);
        expect(part).toMatchObject({ status: 500, body: 'gateway', error: { status: 500, message: 'HTTP 500' } });
    });
});
