import { guidLiteral, normaliseGuid, stringLiteral } from '../../src/core/odata';

describe('odata literals', () => {
    it('normalises platform ids with braces and upper case to bare lowercase GUIDs', () => {
        expect(normaliseGuid('{ABCDEF01-2345-6789-ABCD-EF0123456789}')).toBe('abcdef01-2345-6789-abcd-ef0123456789');
    });

    it.each(['', '  ', 'not-a-guid', "1234') or (1 eq 1", '{abcdef01-2345-6789-abcd-ef012345678}'])(
        'rejects %p as a GUID',
        (value) => {
            expect(normaliseGuid(value)).toBeUndefined();
            expect(() => guidLiteral(value)).toThrow('Not a GUID');
        },
    );

    it('doubles single quotes and URL-encodes string literals', () => {
        expect(stringLiteral("O'Brien & co")).toBe(encodeURIComponent("'O''Brien & co'"));
        expect(decodeURIComponent(stringLiteral("x' or 1 eq 1 or 'y"))).toBe("'x'' or 1 eq 1 or ''y'");
    });
});
