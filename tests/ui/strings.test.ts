import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { STRING_KEYS, countString, format, pluralRulesOf, type GetString } from '../../src/ui/strings';
import { PLURAL_FORMS, pluralFormKey } from '../../src/core/plural-forms';
import { asListItem } from '../../src/core/template';
import { CAUSES } from '../../src/core/credentials/causes';

type Data = { '@_name': string; value?: unknown; comment?: unknown };
const ROOT = join(__dirname, '..', '..');
const MANIFEST_KEYS = [
    'Control_DisplayName',
    'Control_Description',
    'Property_TenantId_DisplayName',
    'Property_TenantId_Description',
    'Property_ApplicationId_DisplayName',
    'Property_ApplicationId_Description',
    'Property_DiscoveryBaseUrl_DisplayName',
    'Property_DiscoveryBaseUrl_Description',
    'Property_PauseAfterMinutes_DisplayName',
    'Property_PauseAfterMinutes_Description',
];

function readResx(lcid: number): Data[] {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (n) => n === 'data' });
    return (
        parser.parse(readFileSync(join(ROOT, 'strings', `ProfileAssistant.${lcid}.resx`), 'utf8')) as {
            root: { data: Data[] };
        }
    ).root.data;
}

describe.each([1033, 1031, 1036])('strings/ProfileAssistant.%i.resx', (lcid) => {
    const data = readResx(lcid);
    const names = data.map((d) => d['@_name']);

    it('holds exactly the typed keys plus the manifest keys, once each', () => {
        expect([...names].sort()).toEqual([...STRING_KEYS, ...MANIFEST_KEYS].sort());
    });

    it('gives every string a value and a comment for translators', () => {
        for (const d of data) {
            expect([d['@_name'], String(d.value ?? '').trim().length > 0]).toEqual([d['@_name'], true]);
            expect([d['@_name'], String(d.comment ?? '').trim().length > 0]).toEqual([d['@_name'], true]);
        }
    });

    it('has no placeholder in a cause message, since lists and run summaries show them as they are', () => {
        const causeKeys = new Set<string>(Object.values(CAUSES).map((c) => c.messageKey));
        const withPlaceholder = data.filter((d) => causeKeys.has(d['@_name']) && /\{\d+\}/.test(String(d.value)));
        expect(causeKeys.size).toBeGreaterThan(30);
        expect(withPlaceholder.map((d) => d['@_name'])).toEqual([]);
    });

    it('keeps the same {n} placeholders as English', () => {
        const english = new Map(readResx(1033).map((d) => [d['@_name'], String(d.value)]));
        const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();
        for (const d of data)
            expect([d['@_name'], placeholders(String(d.value))]).toEqual([
                d['@_name'],
                placeholders(english.get(d['@_name']) ?? ''),
            ]);
    });

    it('gives every plural form the placeholders of its sentence', () => {
        const values = new Map(data.map((d) => [d['@_name'], String(d.value)]));
        const placeholders = (text: string) => (text.match(/\{\d+\}/g) ?? []).sort().join();
        const forms = Object.entries(PLURAL_FORMS).flatMap(([key, categories]) =>
            categories.map((category) => [key, pluralFormKey(key, category)] as const),
        );
        expect(forms.length).toBeGreaterThanOrEqual(10);
        for (const [key, form] of forms)
            expect([form, placeholders(values.get(form) ?? '')]).toEqual([form, placeholders(values.get(key) ?? '')]);
    });
});

describe('countString', () => {
    const getString = ((key: string) => `<${key}>`) as GetString;
    /** One language's resx as the platform's getString. */
    const lookupOf = (lcid: number) => {
        const values = new Map(readResx(lcid).map((d) => [d['@_name'], String(d.value)]));
        return ((key: string) => values.get(key) ?? key) as GetString;
    };

    it('picks the form by the plural rules of the language, not by "exactly one"', () => {
        const english = pluralRulesOf('en-US');
        const french = pluralRulesOf('fr-FR');
        expect(countString(getString, english, 'Approve_PendingCount', 1)).toBe('<Approve_PendingCount_One>');
        for (const count of [0, 2, 11, 1000])
            expect(countString(getString, english, 'Approve_PendingCount', count)).toBe('<Approve_PendingCount>');
        for (const count of [0, 1])
            expect(countString(getString, french, 'Approve_PendingCount', count)).toBe('<Approve_PendingCount_One>');
        for (const count of [2, 11, 1000])
            expect(countString(getString, french, 'Approve_PendingCount', count)).toBe('<Approve_PendingCount>');
    });

    it.each([
        [1033, 'en-US', ['0 mailboxes are waiting', '1 mailbox is waiting', '2 mailboxes are waiting']],
        [1031, 'de-DE', ['0 Postfächer warten', '1 Postfach wartet', '2 Postfächer warten']],
        [1036, 'fr-FR', ['0 boîte aux lettres attend', '1 boîte aux lettres attend', '2 boîtes aux lettres attendent']],
    ] as const)('counts 0, 1 and 2 mailboxes in the forms of %i', (lcid, language, sentences) => {
        const lookup = lookupOf(lcid);
        const pluralOf = pluralRulesOf(language);
        expect(
            [0, 1, 2].map((count) => format(countString(lookup, pluralOf, 'Approve_PendingCount', count), count)),
        ).toEqual(sentences.map((start) => expect.stringContaining(start) as unknown as string));
    });

    it('writes the French singular for 0 and 1 and the plural from 2 in every counted sentence', () => {
        const lookup = lookupOf(1036);
        const pluralOf = pluralRulesOf('fr-FR');
        expect(format(countString(lookup, pluralOf, 'Run_ConfirmTestOnly', 0), 0)).toBe(
            'Tester 0 boîte aux lettres\u202f?',
        );
        expect(format(countString(lookup, pluralOf, 'Run_ConfirmTestOnly', 1), 1)).toBe(
            'Tester 1 boîte aux lettres\u202f?',
        );
        expect(format(countString(lookup, pluralOf, 'Run_ConfirmTestOnly', 2), 2)).toBe(
            'Tester 2 boîtes aux lettres\u202f?',
        );
    });
});

describe('the manifest', () => {
    it('references every resx file, and names exactly the manifest keys the resx files hold', () => {
        const manifest = readFileSync(join(ROOT, 'ControlManifest.Input.xml'), 'utf8');
        expect(manifest).toContain('path="strings/ProfileAssistant.1033.resx"');
        expect(manifest).toContain('path="strings/ProfileAssistant.1031.resx"');
        expect(manifest).toContain('path="strings/ProfileAssistant.1036.resx"');
        const named = new Set(manifest.match(/(?<=-key=")[^"]+/g));
        expect([...named].sort()).toEqual([...MANIFEST_KEYS].sort());
    });
});

describe('asListItem', () => {
    it('drops only a closing full stop', () => {
        expect(asListItem("No user with this email address exists in the profile's tenant.")).toBe(
            "No user with this email address exists in the profile's tenant",
        );
        expect(asListItem('Ends with a stop and a space. ')).toBe('Ends with a stop and a space');
        expect(asListItem('Version 1.2 is not supported')).toBe('Version 1.2 is not supported');
        expect(asListItem('Really?')).toBe('Really?');
    });
});

describe('format', () => {
    it('fills numbered placeholders and leaves unknown ones visible', () => {
        expect(format('{0} of {1} ({2})', 3, 'ten')).toBe('3 of ten ({2})');
    });
});
