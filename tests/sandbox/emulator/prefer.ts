/** The `Prefer` request header (dataverse.md §8): one header, comma-separated, quoted lists allowed. */

/** Parsed preferences. */
export type Preferences = {
    annotations?: string[];
    maxPageSize?: number;
    continueOnError: boolean;
    returnRepresentation: boolean;
};

/** Parses a Prefer header; unknown preferences are ignored, as HTTP requires (RFC 7240 §2). */
export function parsePrefer(header: string | undefined): Preferences {
    const prefs: Preferences = { continueOnError: false, returnRepresentation: false };
    for (const m of (header ?? '').matchAll(/\s*([\w.-]+)(?:\s*=\s*("[^"]*"|[^,]*))?\s*(?:,|$)/g)) {
        const name = m[1].toLowerCase();
        const value = (m[2] ?? '').replace(/^"|"$/g, '').trim();
        if (name === 'odata.include-annotations') prefs.annotations = value.split(',').map((s) => s.trim());
        else if (name === 'odata.maxpagesize' && /^\d+$/.test(value)) prefs.maxPageSize = Number(value);
        else if (name === 'odata.continue-on-error') prefs.continueOnError = true;
        else if (name === 'return' && value === 'representation') prefs.returnRepresentation = true;
        if (m[0] === '') break;
    }
    return prefs;
}

/** Whether an include-annotations list asks for `name` (`*`, exact name, or `Prefix.*`). */
export function wantsAnnotation(list: string[] | undefined, name: string): boolean {
    return (list ?? []).some((p) => p === '*' || p === name || (p.endsWith('.*') && name.startsWith(p.slice(0, -1))));
}
