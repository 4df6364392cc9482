/**
 * Which locale formats numbers and dates. Dynamics gives the control the user's UI language as an LCID
 * (context.userSettings.languageId); Intl needs a BCP 47 tag, and the strings the admin reads come from the resx of
 * that language when the control ships one, otherwise (assumed) from English.
 */
import { RESX_FALLBACK_LANGUAGE } from './assumptions';

/** The languages the control ships strings for (strings/*.resx), as BCP 47 tags. */
export const STRING_LANGUAGES: Readonly<Record<number, string>> = { 1033: 'en-US', 1031: 'de-DE' };

const primary = (tag: string) => tag.split('-')[0].toLowerCase();

/**
 * The browser's locale when it speaks the language of the strings on screen (an English user in the UK keeps en-GB
 * dates), otherwise the strings' own language, so German text never comes with English dates or the reverse.
 */
export function formatLocale(languageId: number | undefined, browserLanguage: string | undefined): string {
    const strings = STRING_LANGUAGES[languageId ?? RESX_FALLBACK_LANGUAGE] ?? STRING_LANGUAGES[RESX_FALLBACK_LANGUAGE];
    return browserLanguage && primary(browserLanguage) === primary(strings) ? browserLanguage : strings;
}
