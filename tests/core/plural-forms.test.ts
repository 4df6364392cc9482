import { PLURAL_FORMS, pluralFormKey, pluralKey } from '../../src/core/plural-forms';
import { STRING_KEYS } from '../../src/core/string-keys';

describe('PLURAL_FORMS', () => {
    const keys: readonly string[] = STRING_KEYS;

    it('names a key of its own for each listed plural category', () => {
        for (const [key, categories] of Object.entries(PLURAL_FORMS)) {
            expect([key, keys.includes(key)]).toEqual([key, true]);
            for (const category of categories) {
                const formKey = pluralFormKey(key, category);
                expect([formKey, keys.includes(formKey)]).toEqual([formKey, true]);
            }
        }
    });

    it('lists every plural-form key of STRING_KEYS under the sentence it belongs to', () => {
        const listed = Object.entries(PLURAL_FORMS).flatMap(([key, categories]) =>
            categories.map((category) => pluralFormKey(key, category)),
        );
        const formKeys = keys.filter((key) => /_(Zero|One|Two|Few|Many)$/.test(key));
        expect([...listed].sort()).toEqual([...formKeys].sort());
    });
});

describe('pluralKey', () => {
    it("reads a category's own form where the sentence has one, and the other form for the rest", () => {
        expect(pluralKey('Approve_PendingCount', 'one')).toBe('Approve_PendingCount_One');
        expect(pluralKey('Approve_PendingCount', 'other')).toBe('Approve_PendingCount');
        expect(pluralKey('Approve_PendingCount', 'many')).toBe('Approve_PendingCount');
        expect(pluralKey('Approve_PendingCount', 'few')).toBe('Approve_PendingCount');
    });
});
