import {
    describeDeadline,
    EWS_ALLOW_LIST_DEADLINE,
    GRAPH_PERMISSIONS_DEADLINE,
    parseDay,
} from '../../../src/core/readiness/deadline';

const TODAY = new Date('2026-11-23T09:30:00Z');

describe('describeDeadline', () => {
    it('says the 1 Oct 2026 EWS allow-list date has passed on 23 Nov 2026', () => {
        expect(describeDeadline(parseDay(EWS_ALLOW_LIST_DEADLINE), TODAY)).toEqual({ daysLeft: -53, status: 'passed' });
    });

    it('counts 129 days to the 1 Apr 2027 Graph deadline from 23 Nov 2026', () => {
        expect(describeDeadline(parseDay(GRAPH_PERMISSIONS_DEADLINE), TODAY)).toEqual({
            daysLeft: 129,
            status: 'later',
        });
    });

    it.each([
        ['2026-11-23', 0, 'passed'],
        ['2026-11-24', 1, 'soon'],
        ['2027-02-21', 90, 'soon'],
        ['2027-02-22', 91, 'later'],
        ['2026-11-22', -1, 'passed'],
    ])('describes %s', (day, daysLeft, status) => {
        expect(describeDeadline(parseDay(day), TODAY)).toEqual({ daysLeft, status });
    });

    it('counts calendar days regardless of the time of day', () => {
        expect(describeDeadline(parseDay('2026-11-24'), new Date('2026-11-23T23:59:59Z')).daysLeft).toBe(1);
    });
});
