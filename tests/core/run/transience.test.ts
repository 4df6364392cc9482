import { classifyFailure, RESENDS, transientBackoffMs } from '../../../src/core/run/transience';

describe('classifyFailure', () => {
    it.each<[number, string, string]>([
        [429, '0x80072322', 'wait'],
        [429, '0x80072321', 'wait'],
        [429, '', 'wait'],
        [503, '0x80072326', 'wait'],
        [500, '0x80044150', 'transient'],
        [500, '0X80044151', 'transient'],
        [500, '0x80040255', 'transient'],
        [503, '', 'transient'],
        [500, '0x80040251', 'permanent'],
        [500, '0x80040216', 'transientOnce'],
        [502, '', 'transientOnce'],
        [412, '0x80060882', 'permanent'],
        [403, '0x80040256', 'permanent'],
        [400, '0x80044331', 'permanent'],
        [404, '0x80040217', 'permanent'],
    ])('classifies %i %s as %s', (status, code, expected) => {
        expect(classifyFailure(status, code)).toBe(expected);
    });

    it('waits out throttling without a cap and re-sends the others a bounded number of times', () => {
        expect(RESENDS.wait).toBe(Number.POSITIVE_INFINITY);
        expect(RESENDS.transient).toBe(3);
        expect(RESENDS.transientOnce).toBe(1);
        expect(RESENDS.permanent).toBe(0);
    });
});

describe('transientBackoffMs', () => {
    it('doubles from 2 s and stops growing at 30 s', () => {
        expect([1, 2, 3, 4, 5, 9].map(transientBackoffMs)).toEqual([2000, 4000, 8000, 16_000, 30_000, 30_000]);
    });
});
