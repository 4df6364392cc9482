import { durationParts } from '../../src/core/duration';

describe('durationParts', () => {
    it.each([
        ['6 seconds for pauseAfterMinutes=0.1', 6_000, { value: 6, unit: 'second' }],
        ['30 seconds for half a minute', 30_000, { value: 30, unit: 'second' }],
        ['at least 1 second for a few milliseconds', 40, { value: 1, unit: 'second' }],
        ['1 minute at exactly a minute', 60_000, { value: 1, unit: 'minute' }],
        ['1.5 minutes for a minute and a half', 90_000, { value: 1.5, unit: 'minute' }],
        ['30 minutes for the default limit', 1_800_000, { value: 30, unit: 'minute' }],
    ])('says %s', (_name, ms, parts) => {
        expect(durationParts(ms)).toEqual(parts);
    });
});
