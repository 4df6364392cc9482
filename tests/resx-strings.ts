/** The shipped strings (strings/ProfileAssistant.<lcid>.resx) for tests that check what the admin reads. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

const STRINGS_DIR = join(__dirname, '..', 'strings');
const parsed = new Map<number, ReadonlyMap<string, string>>();

function readStrings(lcid: number): ReadonlyMap<string, string> {
    const cached = parsed.get(lcid);
    if (cached) return cached;
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (n) => n === 'data' });
    const xml = readFileSync(join(STRINGS_DIR, `ProfileAssistant.${lcid}.resx`), 'utf8');
    const data = (parser.parse(xml) as { root: { data: { '@_name': string; value: unknown }[] } }).root.data;
    const strings = new Map(data.map((entry) => [entry['@_name'], String(entry.value)]));
    parsed.set(lcid, strings);
    return strings;
}

/** One language's strings as a lookup (key → text, as context.resources.getString) that throws on an unknown key. */
export function resxStrings(lcid: number): (key: string) => string {
    const strings = readStrings(lcid);
    return (key) => {
        const value = strings.get(key);
        if (value === undefined) throw new Error(`${key} is not in the ${lcid} resx`);
        return value;
    };
}
