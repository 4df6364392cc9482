import { formatLocale, STRING_LANGUAGES } from '../../src/core/locale';

describe('formatLocale', () => {
    it("keeps the browser's regional format when it speaks the language of the strings", () => {
        expect(formatLocale(1033, 'en-GB')).toBe('en-GB');
        expect(formatLocale(1031, 'de-AT')).toBe('de-AT');
        expect(formatLocale(1033, 'EN-us')).toBe('EN-us');
    });

    it('uses the language of the strings when the browser speaks another one', () => {
        expect(formatLocale(1031, 'en-US')).toBe('de-DE');
        expect(formatLocale(1033, 'de-DE')).toBe('en-US');
        expect(formatLocale(1031, undefined)).toBe('de-DE');
    });

    it('falls back to English, like the strings, for a language the control does not ship', () => {
        expect(STRING_LANGUAGES[1036]).toBeUndefined();
        expect(formatLocale(1036, 'fr-FR')).toBe('en-US');
        expect(formatLocale(1036, 'en-AU')).toBe('en-AU');
        expect(formatLocale(undefined, undefined)).toBe('en-US');
    });

    it('ships a tag for every resx the manifest lists', () => {
        const manifest: string = require('node:fs').readFileSync(
            require('node:path').join(__dirname, '../../ControlManifest.Input.xml'),
            'utf8',
        );
        const lcids = [...manifest.matchAll(/\.(\d{4})\.resx/g)].map((m) => Number(m[1])).sort();
        expect(Object.keys(STRING_LANGUAGES).map(Number).sort()).toEqual(lcids);
    });
});
