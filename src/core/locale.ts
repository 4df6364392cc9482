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

/** The resx language the admin should read: the user's when the control ships it, otherwise the fallback. */
export function stringsLanguage(languageId: number | undefined): number {
    return languageId !== undefined && languageId in STRING_LANGUAGES ? languageId : RESX_FALLBACK_LANGUAGE;
}

/**
 * The language whose resx file the control must read itself, or undefined when the host's strings will do. A host
 * that picks the resx by the user's language (model-driven apps) hands over the right file; one that merges every
 * file, the last loaded winning (Microsoft's pcf-start harness, issue 13), does not. `hostLanguage` is what the host
 * returns for the key that names each file's own LCID; a host without that key answers with something else, and is
 * trusted.
 */
export function languageToLoad(languageId: number | undefined, hostLanguage: string): number | undefined {
    const wanted = stringsLanguage(languageId);
    const given = Number(hostLanguage);
    return given in STRING_LANGUAGES && given !== wanted ? wanted : undefined;
}
