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
        ['429 is retried', part(429), true, 'retry', ''],
        ['503 is retried', part(503), false, 'retry', ''],
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

describe('classifyBatchError', () => {
    it.each([
        [429, 'retry'],
        [503, 'retry'],
        [0, 'unknown'],
        [500, 'failed'],
    ])('status %i → %s', (status, kind) => expect(classifyBatchError(status, 'x').kind).toBe(kind));
});
