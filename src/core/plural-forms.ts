/**
 * Plural forms of the counted sentences (the string keys themselves are in string-keys.ts). Kept in core so that
 * core's catalogues can name counted sentences too.
 */
import type { StringKey } from './string-keys';

/** A CLDR plural category, as Intl.PluralRules.select names it. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/**
 * Sentences that count something, and the plural categories each has a sentence of its own for. The key itself holds
 * the `other` form; a category listed here reads `<key>_<Category>` (e.g. `Approve_PendingCount_One`); any other
 * category uses the `other` form. Which category a number is in depends on the language of the strings
 * (Intl.PluralRules): `one` is 1 in English and German but 0 and 1 in French. A language that needs more forms (Polish
 * `few`, say) gets its keys added here and in every resx. A test checks that each listed key exists and has the same
 * placeholders as the `other` form.
 */
export const PLURAL_FORMS = {
    Readiness_DeadlineSoon: ['one'],
    Secret_ExpiryReminder: ['one'],
    Mailboxes_Summary: ['one'],
    Approve_PendingCount: ['one'],
    Approve_MailTruncated: ['one'],
    Run_ConfirmTestOnly: ['one'],
    Run_ConfirmApproveAndTest: ['one'],
    Run_ConfirmSkipped: ['one'],
    ConnectionTest_NextCheck: ['one'],
    RunNote_Header: ['one'],
    Run_ConfirmRejected: ['one'],
    Overview_SecretExpiresIn: ['one'],
    Overview_NextDeadline: ['one'],
    Run_ShowMailboxes: ['one'],
    Run_ConfirmSkippedMore: ['one'],
} as const satisfies Partial<Record<StringKey, readonly Exclude<PluralCategory, 'other'>[]>>;

/** A key whose sentence counts something and so has plural forms. */
export type CountKey = keyof typeof PLURAL_FORMS;

/** The key of a category's form: `Approve_PendingCount` + `one` → `Approve_PendingCount_One`. */
export function pluralFormKey(key: string, category: PluralCategory): string {
    return `${key}_${category.charAt(0).toUpperCase()}${category.slice(1)}`;
}

/** The key of the sentence for `category`: its own form when the key has one, else the `other` form (the key). */
export function pluralKey(key: CountKey, category: PluralCategory): StringKey {
    const forms: readonly PluralCategory[] = PLURAL_FORMS[key];
    return forms.includes(category) ? (pluralFormKey(key, category) as StringKey) : key;
}
