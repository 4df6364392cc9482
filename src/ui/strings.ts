/** How the UI reads its strings: the typed key list (kept in core), the lookup and counted sentences. */
import { SINGULAR_KEYS, type CountKey, type StringKey } from '../core/string-keys';

export { STRING_KEYS, type CountKey, type StringKey } from '../core/string-keys';

/** Looks a string up by key (context.resources.getString in the platform). */
export type GetString = (key: StringKey) => string;

/**
 * The sentence for `count` things: `<key>_One` for exactly one ("1 mailbox is waiting"), otherwise `key`. English and
 * German, the languages shipped, use the singular for 1 and only for 1; a language with other plural rules (French
 * uses it for 0 too, Polish has more forms) would need Intl.PluralRules on the language of the strings here.
 */
export function countString(getString: GetString, key: CountKey, count: number): string {
    return getString(count === 1 ? SINGULAR_KEYS[key] : key);
}

export { format } from '../core/template';
