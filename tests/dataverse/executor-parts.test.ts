import type { BatchPart } from '../../src/core/batch';
import { classifyBatchError, classifyPart } from '../../src/dataverse/executor-parts';

const part = (status: number, code = '', message = `HTTP ${status}`): BatchPart => ({
    status,
    headers: {},
    body: undefined,
    error: status >= 400 ? { status, code, message } : undefined,
});

describe('classifyPart', () => {
    it.each<[string, BatchPart, boolean, string, string]>([
        ['204 is ok', part(204), true, 'ok', ''],
        ['429 is waited out', part(429), true, 'wait', ''],
        ['a throttling code is waited out', part(500, '0x80072321'), false, 'wait', ''],
        ['503 is retried', part(503), false, 'retry', ''],
        [
            'a SQL deadlock (0x80044150) is retried',
            part(500, '0x80044150', ' Sql error: Generic SQL error.'),
            true,
            'retry',
            '',
        ],
        ['a SQL timeout (0x80044151) is retried', part(500, '0x80044151'), false, 'retry', ''],
        ['a swallowed plug-in error (0x80040251) is final', part(500, '0x80040251'), false, 'failed', 'unknown'],
        ['an unknown 5xx is retried', part(500, '0x80040216'), false, 'retry', ''],
        ['refusal code on approval', part(403, '0x80040256'), true, 'failed', 'approvalRefused'],
        ['outer refusal code on approval', part(500, '0x80040216'), true, 'failed', 'approvalRefused'],
        [
            'refusal text on approval',
            part(400, '0x1', 'should be a global administrator'),
            true,
            'failed',
            'approvalRefused',
        ],
        ['refusal code on a test is just an error', part(403, '0x80040256', 'not allowed'), false, 'failed', 'unknown'],
        ['412 is a concurrency conflict', part(412, '0x80060882'), false, 'failed', 'concurrencyConflict'],
        ['404 (deleted mailbox) is a concurrency conflict', part(404), false, 'failed', 'concurrencyConflict'],
        ['other errors keep code and message', part(400, '0x80044331', 'bad'), false, 'failed', 'unknown'],
    ])('%s', (_name, p, isApproval, kind, cause) => {
        const verdict = classifyPart(p, isApproval);
        expect(verdict.kind).toBe(kind);
        if (verdict.kind === 'failed') expect(verdict.cause).toBe(cause);
    });

    it('puts the Dataverse code in the detail', () => {
        expect(classifyPart(part(400, '0x80044331', 'bad'), false)).toEqual({
            kind: 'failed',
            cause: 'unknown',
            detail: '0x80044331: bad',
        });
    });
});

describe('classifyPart re-sends', () => {
    it.each<[string, BatchPart, number]>([
        ['a transient code', part(500, '0x80044150'), 3],
        ['503', part(503), 3],
        ['an unknown 5xx only once', part(500, '0x80040216'), 1],
    ])('bounds the re-sends of %s', (_name, p, resends) => {
        expect(classifyPart(p, false)).toMatchObject({ kind: 'retry', resends });
    });

    it('keeps the cause and detail to record once the re-sends are used up', () => {
        expect(classifyPart(part(500, '0x80044151', 'SQL timeout expired'), false)).toMatchObject({
            failure: { detail: '0x80044151: SQL timeout expired' },
        });
    });
});

describe('classifyBatchError', () => {
    it.each([
        [429, '0x80072322', 'wait'],
        [503, '', 'retry'],
        [0, 'NetworkError', 'retry'],
        [500, '0x80044150', 'retry'],
        [400, '0x80044331', 'failed'],
    ])('status %i %s → %s', (status, code, kind) => expect(classifyBatchError(status, code, 'x').kind).toBe(kind));
});
