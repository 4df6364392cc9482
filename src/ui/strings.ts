/** How the UI reads its strings: the typed key list (kept in core), the lookup and counted sentences. */
import { pluralKey, type CountKey, type PluralCategory } from '../core/plural-forms';
import type { StringKey } from '../core/string-keys';

export { type CountKey, type PluralCategory } from '../core/plural-forms';
export { STRING_KEYS, type StringKey } from '../core/string-keys';

/** Looks a string up by key (context.resources.getString in the platform). */
export type GetString = (key: StringKey) => string;

/** The plural category of a count in the language of the strings. */
export type PluralOf = (count: number) => PluralCategory;

/** Intl.PluralRules of `language` (a BCP 47 tag): French says "0 boîte" where English says "0 mailboxes". */
export function pluralRulesOf(language: string): PluralOf {
    const rules = new Intl.PluralRules(language);
    return (count) => rules.select(count);
}

/** The sentence for `count` things in the plural form the language's rules pick (core/plural-forms.ts PLURAL_FORMS). */
export function countString(getString: GetString, pluralOf: PluralOf, key: CountKey, count: number): string {
    return getString(pluralKey(key, pluralOf(count)));
}

export { format } from '../core/template';
