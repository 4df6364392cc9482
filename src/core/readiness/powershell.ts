/** PowerShell literals for copy-paste commands: every value goes through psQuote, never raw into a command. */

/**
 * A single-quoted PowerShell string: no variable expansion or subexpressions; a quote inside is doubled.
 * PowerShell also treats the typographic quotes U+2018/U+2019/U+201A/U+201B as single quotes, so they are
 * doubled too (about_Quoting_Rules). Line breaks are removed: a command must stay on one line.
 */
export function psQuote(value: string): string {
    const oneLine = value.replace(/[\r\n]+/g, ' ');
    return `'${oneLine.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** Join a cmdlet and its parameters; values must already be quoted or be fixed switches/keywords. */
export function psCommand(cmdlet: string, params: readonly (readonly [string, string?])[]): string {
    const parts = params.map(([name, value]) => (value === undefined ? `-${name}` : `-${name} ${value}`));
    return [cmdlet, ...parts].join(' ');
}
