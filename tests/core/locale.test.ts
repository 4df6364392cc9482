import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { languageToLoad, STRING_LANGUAGES, stringsLanguage } from '../../src/core/locale';

describe('stringsLanguage', () => {
    it('names the language of each resx the control ships', () => {
        expect(stringsLanguage(1033)).toBe('en-US');
        expect(stringsLanguage(1031)).toBe('de-DE');
        expect(stringsLanguage(1036)).toBe('fr-FR');
    });

    it('falls back to English, like the strings, for a language the control does not ship', () => {
        expect(stringsLanguage(1041)).toBe('en-US');
        expect(stringsLanguage(undefined)).toBe('en-US');
    });

    it('ships a tag for every resx the manifest lists', () => {
        const manifest = readFileSync(join(__dirname, '../../ControlManifest.Input.xml'), 'utf8');
        const lcids = [...manifest.matchAll(/\.(\d{4})\.resx/g)].map((m) => Number(m[1])).sort();
        expect(Object.keys(STRING_LANGUAGES).map(Number).sort()).toEqual(lcids);
    });
});

describe('languageToLoad', () => {
    it.each([
        ['the host mixed the files and German won for an English user', 1033, '1031', 1033],
        ['the host mixed the files and English won for a German user', 1031, '1033', 1031],
        ['the host gave German to an Italian user (English is the fallback)', 1040, '1031', 1033],
    ])('loads the user’s file when %s', (_, user, host, expected) => {
        expect(languageToLoad(user, host)).toBe(expected);
    });

    it.each([
        ['the host gave the user’s language', 1031, '1031'],
        ['the host does not know the key (it answers with the key)', 1033, 'Strings_LanguageId'],
        ['the host answers with a language the control does not ship', 1033, '1040'],
    ])('loads nothing when %s', (_, user, host) => {
        expect(languageToLoad(user, host)).toBeUndefined();
    });
});
