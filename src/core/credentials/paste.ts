/** Undo the usual paste slips (whitespace, wrapping quotes, braces) and say which ones were undone. */

/** Every correction the UI can offer as "apply fix". */
export const FIX_CODES = [
    'trimmed',
    'removedQuotes',
    'removedBraces',
    'extractedFromUrl',
    'lowercased',
    'removedLineBreaks',
] as const;

/** A correction the UI can offer as "apply fix". */
export type FixCode = (typeof FIX_CODES)[number];

/** The cleaned text and the corrections that produced it. */
export type CleanedPaste = { text: string; fixes: FixCode[] };

/** Quotes people wrap a pasted value in: ASCII, and the typographic pairs word processors and mail put in. */
const QUOTE_PAIRS: readonly { open: string; close: string }[] = [
    { open: '"', close: '"' },
    { open: "'", close: "'" },
    { open: '`', close: '`' },
    { open: '\u201c', close: '\u201d' },
    { open: '\u201e', close: '\u201c' },
    { open: '\u2018', close: '\u2019' },
];

/** Strip one pair of matching wrapping quotes, or return undefined when there is none. */
export function unquote(text: string): string | undefined {
    for (const { open, close } of QUOTE_PAIRS) {
        if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) return text.slice(1, -1);
    }
    return undefined;
}

/** Trim, then strip wrapping quotes, then braces (each at most once, in the order people paste them). */
export function cleanPaste(raw: string, stripBraces: boolean): CleanedPaste {
    const fixes: FixCode[] = [];
    let text = raw.trim();
    if (text !== raw) fixes.push('trimmed');
    const unquoted = unquote(text);
    if (unquoted !== undefined) {
        text = unquoted.trim();
        fixes.push('removedQuotes');
    }
    if (stripBraces && /^\{.*\}$/s.test(text)) {
        text = text.slice(1, -1).trim();
        fixes.push('removedBraces');
    }
    return { text, fixes };
}

/** decodeURIComponent that returns the input instead of throwing on a malformed escape. */
export function safeDecode(text: string): string {
    try {
        return decodeURIComponent(text);
    } catch {
        return text;
    }
}
