import { formatLocale, languageToLoad, STRING_LANGUAGES } from '../../src/core/locale';

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

describe('languageToLoad', () => {
    it.each([
        ['the host mixed the files and German won for an English user', 1033, '1031', 1033],
        ['the host mixed the files and English won for a German user', 1031, '1033', 1031],
        ['the host gave German to a French user (English is the fallback)', 1036, '1031', 1033],
    ])('loads the user’s file when %s', (_, user, host, expected) => {
        expect(languageToLoad(user, host)).toBe(expected);
    });

    it.each([
        ['the host gave the user’s language', 1031, '1031'],
        ['the host does not know the key (it answers with the key)', 1033, 'Strings_LanguageId'],
        ['the host answers with a language the control does not ship', 1033, '1036'],
    ])('loads nothing when %s', (_, user, host) => {
        expect(languageToLoad(user, host)).toBeUndefined();
    });
});
