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

/** The resx language the admin should read: the user's when the control ships it, otherwise the fallback. */
export function resxLanguage(languageId: number | undefined): number {
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
    const wanted = resxLanguage(languageId);
    const given = Number(hostLanguage);
    return given in STRING_LANGUAGES && given !== wanted ? wanted : undefined;
}
