/** Types of cultures.js, so the unit tests read the same format settings the sandbox hands the control. */
import type { DateFormat } from '../../../src/core/date-format';

export type Culture = {
    tag: string;
    name: string;
    dateFormattingInfo: DateFormat & Record<string, unknown>;
    numberDecimalSeparator: string;
    numberGroupSeparator: string;
    currencySymbol: string;
    currencyFirst: boolean;
};

export const CULTURES: Readonly<Record<1033 | 1031 | 1036, Culture>>;
