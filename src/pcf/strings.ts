/**
 * The strings the admin reads, in the language of context.userSettings.languageId. Model-driven apps hand the control
 * the resx file of the user's language through context.resources.getString. Microsoft's pcf-start harness loads every
 * resx the manifest lists into one table, the last file loaded winning, so an en-US user there got German (issue 13).
 * Each file names its own LCID (key Strings_LanguageId); when that is not the user's, the control reads the right file
 * from next to its bundle, and keeps the host's strings if it cannot.
 */
import { languageToLoad } from '../core/locale';
import type { GetString, StringKey } from '../ui/strings';
import { BUNDLE_URL } from './platform';

/** Where each language's file sits, relative to bundle.js, as ControlManifest.Input.xml lists them. */
export const resxPath = (lcid: number): string => `strings/ProfileAssistant.${lcid}.resx`;

/** The `<data name><value>` pairs of a resx document. */
export function parseResx(xml: string): ReadonlyMap<string, string> {
    const document = new DOMParser().parseFromString(xml, 'application/xml');
    if (document.getElementsByTagName('parsererror').length > 0) throw new Error('not a resx file');
    const entries = Array.from(document.getElementsByTagName('data'), (data): [string, string] => [
        data.getAttribute('name') ?? '',
        data.getElementsByTagName('value')[0]?.textContent ?? '',
    ]);
    return new Map(entries.filter(([name]) => name !== ''));
}

/**
 * The strings of the user's language when the host's are of another one, read once per control instance;
 * undefined when the host's strings are the right ones (or the bundle's location is unknown). A key missing from the
 * file falls back to the host's string.
 */
export function loadUserStrings(
    languageId: number | undefined,
    hostGetString: GetString,
    bundleUrl: string | undefined = BUNDLE_URL,
    read: (url: string) => Promise<string> = readText,
): Promise<GetString> | undefined {
    const lcid = languageToLoad(languageId, hostGetString('Strings_LanguageId'));
    if (lcid === undefined || bundleUrl === undefined) return undefined;
    return read(new URL(resxPath(lcid), bundleUrl).href).then((xml) => {
        const strings = parseResx(xml);
        return (key: StringKey) => strings.get(key) ?? hostGetString(key);
    });
}

/** A same-origin static file (the resx beside bundle.js); not a Web API call, so not through dataverse/http.ts. */
async function readText(url: string): Promise<string> {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.text();
}
