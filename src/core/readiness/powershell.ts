/** PowerShell literals for copy-paste commands: every value goes through psQuote, never raw into a command. */

/**
 * A single-quoted PowerShell string: no variable expansion or subexpressions; a quote inside is doubled.
 * PowerShell also treats the typographic quotes U+2018/U+2019/U+201A/U+201B as single quotes, so they are
 * doubled too (about_Quoting_Rules). Line breaks are removed: a command must stay on one line.
 */
export function psQuote(value: string): string {
    const oneLine = value.replace(/[\r\n]+/g, ' ');
    return `'${oneLine.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

/** A cmdlet's parameters in order: name → value (already quoted, or a fixed keyword), or SWITCH for a switch. */
export type PsParameters = Readonly<Record<string, string | typeof SWITCH>>;

/** A switch parameter, written without a value (-WhatIf). */
export const SWITCH = true;

/** Join a cmdlet and its parameters, in the order given. */
export function psCommand(cmdlet: string, parameters: PsParameters): string {
    const parts = Object.entries(parameters).map(([name, value]) =>
        value === SWITCH ? `-${name}` : `-${name} ${value}`,
    );
    return [cmdlet, ...parts].join(' ');
}
