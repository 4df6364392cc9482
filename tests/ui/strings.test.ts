import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { STRING_KEYS, countString, format, type GetString } from '../../src/ui/strings';
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

describe.each([1033, 1031])('strings/ProfileAssistant.%i.resx', (lcid) => {
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

    it('gives every singular variant (<key>_One) its plural sentence with the same placeholders', () => {
        const values = new Map(data.map((d) => [d['@_name'], String(d.value)]));
        const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();
        const singulars = names.filter((n) => n.endsWith('_One'));
        expect(singulars.length).toBeGreaterThanOrEqual(10);
        for (const one of singulars) {
            const plural = values.get(one.slice(0, -'_One'.length));
            expect([one, plural !== undefined]).toEqual([one, true]);
            expect([one, placeholders(values.get(one) ?? '')]).toEqual([one, placeholders(plural ?? '')]);
        }
    });
});

describe('countString', () => {
    const getString = ((key: string) => `<${key}>`) as GetString;

    it('uses the singular sentence for exactly one and the plural for every other count', () => {
        expect(countString(getString, 'Approve_PendingCount', 1)).toBe('<Approve_PendingCount_One>');
        for (const count of [0, 2, 11, 1000, -1])
            expect(countString(getString, 'Approve_PendingCount', count)).toBe('<Approve_PendingCount>');
    });

    it('reads "1 mailbox is waiting" in English and "1 Postfach wartet" in German', () => {
        for (const [lcid, one, many] of [
            [1033, '1 mailbox is waiting for approval.', '2 mailboxes are waiting for approval.'],
            [1031, '1 Postfach wartet auf Genehmigung.', '2 Postfächer warten auf Genehmigung.'],
        ] as const) {
            const values = new Map(readResx(lcid).map((d) => [d['@_name'], String(d.value)]));
            const lookup = ((key: string) => values.get(key) ?? key) as GetString;
            expect(format(countString(lookup, 'Approve_PendingCount', 1), 1)).toBe(one);
            expect(format(countString(lookup, 'Approve_PendingCount', 2), 2)).toBe(many);
        }
    });
});

describe('the manifest', () => {
    it('references every resx file, and names exactly the manifest keys the resx files hold', () => {
        const manifest = readFileSync(join(ROOT, 'ControlManifest.Input.xml'), 'utf8');
        expect(manifest).toContain('path="strings/ProfileAssistant.1033.resx"');
        expect(manifest).toContain('path="strings/ProfileAssistant.1031.resx"');
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
