// Tiny helper used by the build scripts and tests: reads a .resx file into a key → value map.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

/** Parse a .resx file into { key: { value, comment } }. */
export function readResx(path) {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (n) => n === 'data' });
    const doc = parser.parse(readFileSync(path, 'utf8'));
    const out = {};
    for (const d of doc.root.data ?? []) {
        out[d['@_name']] = {
            value: String(d.value ?? ''),
            comment: d.comment === undefined ? undefined : String(d.comment),
        };
    }
    return out;
}
