import { readFileSync } from 'fs';
import { join } from 'path';
import { XMLParser } from 'fast-xml-parser';
import { APP_ID_HINT_KEY, FIX_KEYS, VALIDATION_KEYS } from '../../../src/core/credentials/validation-keys';
import { CAUSES } from '../../../src/core/credentials/causes';
import { DISCOVERY_KEYS } from '../../../src/core/credentials/discovery';
import { SECRET_MASK_KEY } from '../../../src/core/credentials/client-secret';
import { buildChecklist } from '../../../src/core/readiness/checklist';
import { DEADLINE_KEYS } from '../../../src/core/readiness/deadline';

type ResxData = { '@_name': string; value: string; comment?: string };

function readResx(lcid: string): Map<string, ResxData> {
    const xml = readFileSync(join(__dirname, '../../../strings', `ProfileAssistant.${lcid}.resx`), 'utf8');
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'data' });
    const doc = parser.parse(xml) as { root: { data: ResxData[] } };
    return new Map(doc.root.data.map((d) => [d['@_name'], d]));
}

function coreKeys(): string[] {
    const checklist = buildChecklist({ tenantId: '', applicationId: '', cloud: 'commercial', today: new Date(0) });
    return [
        ...Object.values(VALIDATION_KEYS).flatMap((k) => [k.messageKey, k.fixKey]),
        ...Object.values(FIX_KEYS),
        ...Object.values(CAUSES).flatMap((c) => [c.messageKey, c.fixKey]),
        ...Object.values(DISCOVERY_KEYS),
        ...Object.values(DEADLINE_KEYS),
        ...checklist.flatMap((i) => [i.titleKey, i.bodyKey]),
        APP_ID_HINT_KEY,
        SECRET_MASK_KEY,
    ];
}

describe('credential and readiness string keys', () => {
    // Listing each key in STRING_KEYS is checked by the compiler: core's catalogues are typed StringKey.
    const keys = [...new Set(coreKeys())];

    it.each(['1033', '1031'])('has every key with a value and a comment in the %s resx', (lcid) => {
        const resx = readResx(lcid);
        const missing = keys.filter((k) => !resx.get(k)?.value || !resx.get(k)?.comment);
        expect(missing).toEqual([]);
    });

    it('has a German text that differs from the English one for every sentence', () => {
        const en = readResx('1033');
        const de = readResx('1031');
        const same = keys.filter((k) => k !== SECRET_MASK_KEY && en.get(k)?.value === de.get(k)?.value);
        expect(same).toEqual([]);
    });
});
