import { fieldsAt, formatDatePattern, formatShortDate, formatShortDateTime } from '../../src/core/date-format';
import { CULTURES } from '../sandbox/host/cultures.js';

const en = CULTURES[1033].dateFormattingInfo;
const de = CULTURES[1031].dateFormattingInfo;
const fr = CULTURES[1036].dateFormattingInfo;
/** 1 October 2026, 16:05:09 UTC: a Thursday. */
const INSTANT = Date.UTC(2026, 9, 1, 16, 5, 9);

describe('formatShortDate', () => {
    it("writes a day in each culture's own order and separators", () => {
        const day = new Date(Date.UTC(2026, 9, 1));
        expect(formatShortDate(day, en)).toBe('10/1/2026');
        expect(formatShortDate(day, de)).toBe('01.10.2026');
        expect(formatShortDate(day, fr)).toBe('01/10/2026');
    });
});

describe('formatShortDateTime', () => {
    it("writes the time in the user's time zone and clock", () => {
        expect(formatShortDateTime(INSTANT, 0, en)).toBe('10/1/2026 4:05 PM');
        expect(formatShortDateTime(INSTANT, 120, de)).toBe('01.10.2026 18:05');
        expect(formatShortDateTime(INSTANT, 600, fr)).toBe('02/10/2026 02:05');
    });
});

describe('formatDatePattern', () => {
    const fields = fieldsAt(INSTANT);

    it.each([
        ['dddd, MMMM d, yyyy', en, 'Thursday, October 1, 2026'],
        ['dddd, d. MMMM yyyy', de, 'Donnerstag, 1. Oktober 2026'],
        ['ddd d MMM yy', fr, 'jeu. 1 oct. 26'],
        ['hh:mm:ss tt', en, '04:05:09 PM'],
        ['H:m:s', de, '16:5:9'],
        ["yyyy'-'MM'-'dd'T'HH':'mm", de, '2026-10-01T16:05'],
        ['d \\d yyyy', en, '1 d 2026'],
    ])('applies %s', (pattern, names, expected) => {
        expect(formatDatePattern(pattern, fields, names)).toBe(expected);
    });

    it('writes the separators of the culture for / and :', () => {
        expect(formatDatePattern('d/M/yyyy H:mm', fields, { ...de, dateSeparator: '-', timeSeparator: '.' })).toBe(
            '1-10-2026 16.05',
        );
    });

    it('writes midnight and noon on a 12-hour clock as 12', () => {
        expect(formatDatePattern('h tt', fieldsAt(Date.UTC(2026, 0, 1, 0)), en)).toBe('12 AM');
        expect(formatDatePattern('h tt', fieldsAt(Date.UTC(2026, 0, 1, 12)), en)).toBe('12 PM');
    });
});
