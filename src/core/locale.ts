/**
 * The language of the strings the admin reads. Dynamics gives the control the user's UI language as an LCID
 * (context.userSettings.languageId); the platform shows the resx of that language when the control ships one,
 * otherwise (assumed) the English one. Plural rules, and the number and date formats Intl provides where the host
 * gives none, follow that language — never the browser's, which may differ from the user's Dynamics settings.
 */
import { RESX_FALLBACK_LANGUAGE } from './assumptions';

/** The languages the control ships strings for (strings/*.resx), as BCP 47 tags. */
export const STRING_LANGUAGES: Readonly<Record<number, string>> = { 1033: 'en-US', 1031: 'de-DE', 1036: 'fr-FR' };

/** The BCP 47 tag of the strings shown for a Dynamics user language. */
export function stringsLanguage(languageId: number | undefined): string {
    return STRING_LANGUAGES[languageId ?? RESX_FALLBACK_LANGUAGE] ?? STRING_LANGUAGES[RESX_FALLBACK_LANGUAGE];
}
