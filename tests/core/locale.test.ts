import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STRING_LANGUAGES, stringsLanguage } from '../../src/core/locale';

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
