import { SINGULAR_KEYS, STRING_KEYS } from '../../src/core/string-keys';

describe('SINGULAR_KEYS', () => {
    it('lists every singular (_One) key of STRING_KEYS, each under the key of its plural', () => {
        const singulars = STRING_KEYS.filter((key) => key.endsWith('_One')).sort();
        expect(Object.values(SINGULAR_KEYS).sort()).toEqual(singulars);
        for (const [plural, singular] of Object.entries(SINGULAR_KEYS)) expect(singular).toBe(`${plural}_One`);
    });
});
