/**
 * @jest-environment jsdom
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STRING_LANGUAGES } from '../../src/core/locale';
import { loadUserStrings, parseResx, resxPath } from '../../src/pcf/strings';
import type { GetString } from '../../src/ui/strings';
import { resxStrings } from '../resx-strings';

const ROOT = join(__dirname, '..', '..');
const BUNDLE = 'https://contoso.crm.dynamics.com/cc/EmailServerProfile.ProfileAssistant/bundle.js';
const resx = (lcid: number) => readFileSync(join(ROOT, resxPath(lcid)), 'utf8');
/** A host whose one string table holds the file of `lcid` (pcf-start: the one it loaded last). */
const host = (lcid: number) => resxStrings(lcid) as GetString;

describe('resxPath', () => {
    it('names the files the manifest lists, one per shipped language', () => {
        const manifest = readFileSync(join(ROOT, 'ControlManifest.Input.xml'), 'utf8');
        const listed = [...manifest.matchAll(/<resx path="([^"]+)"/g)].map((m) => m[1]).sort();
        expect(listed).toEqual(
            Object.keys(STRING_LANGUAGES)
                .map((lcid) => resxPath(Number(lcid)))
                .sort(),
        );
    });
});

describe('parseResx', () => {
    it('reads every <data> of a shipped file as the platform does', () => {
        const strings = parseResx(resx(1031));
        expect(strings.get('Header_Title')).toBe(resxStrings(1031)('Header_Title'));
        expect(strings.get('Strings_LanguageId')).toBe('1031');
    });

    it('refuses a document that is not XML', () => {
        expect(() => parseResx('<html><body>not found')).toThrow('not a resx file');
    });
});

describe('loadUserStrings', () => {
    it('reads the user’s file beside the bundle when the host hands over another language', async () => {
        const read = jest.fn((url: string) => Promise.resolve(url.endsWith('.1033.resx') ? resx(1033) : ''));
        const getString = await loadUserStrings(1033, host(1031), BUNDLE, read);
        expect(read.mock.calls).toEqual([
            [
                'https://contoso.crm.dynamics.com/cc/EmailServerProfile.ProfileAssistant/strings/ProfileAssistant.1033.resx',
            ],
        ]);
        expect(getString?.('Header_Title')).toBe(resxStrings(1033)('Header_Title'));
    });

    it('reads nothing when the host’s strings are the user’s language', () => {
        const read = jest.fn(() => Promise.resolve(''));
        expect(loadUserStrings(1031, host(1031), BUNDLE, read)).toBeUndefined();
        expect(read).not.toHaveBeenCalled();
    });

    it('trusts a host that does not know the language key, and one without a bundle URL', () => {
        const read = jest.fn(() => Promise.resolve(''));
        expect(loadUserStrings(1033, (key) => `[[${key}]]`, BUNDLE, read)).toBeUndefined();
        expect(loadUserStrings(1033, host(1031), undefined, read)).toBeUndefined();
        expect(read).not.toHaveBeenCalled();
    });

    it('falls back to the host’s string for a key the file lacks', async () => {
        const partial = '<root><data name="Strings_LanguageId"><value>1033</value></data></root>';
        const getString = await loadUserStrings(1033, host(1031), BUNDLE, () => Promise.resolve(partial));
        expect(getString?.('Header_Title')).toBe(resxStrings(1031)('Header_Title'));
    });

    it('rejects when the file cannot be read, so the control keeps the host’s strings', async () => {
        const failing = () => Promise.reject(new Error('HTTP 404'));
        await expect(loadUserStrings(1033, host(1031), BUNDLE, failing)).rejects.toThrow('HTTP 404');
    });
});
