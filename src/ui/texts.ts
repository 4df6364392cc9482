/**
 * The admin's language and locale: the resx strings and the number and date formats. Nearly every component shows
 * text, so these come from a context instead of being passed through the props of every component on the way (each
 * pass shipped the prop's name in the bundle: the bundle budget of issue 3). App provides them.
 */
import { createContext, useContext } from './react';
import type { GetString } from './strings';

/** What components need to show text in the admin's language and locale. */
export type Texts = {
    getString: GetString;
    formatNumber: (n: number) => string;
    /** An ISO timestamp as date and time, e.g. when an alert occurred. */
    formatDateTime: (iso: string) => string;
    /** A calendar day (UTC midnight), e.g. "1 Oct 2026" / "Oct 1, 2026" / "1. Okt. 2026". */
    formatDay: (day: Date) => string;
};

/** The strings and the formats of `locale` (the browser's default when undefined). */
export function createTexts(getString: GetString, locale?: string): Texts {
    const number = new Intl.NumberFormat(locale);
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    // Days are UTC midnights (core/readiness/deadline.ts parseDay), so they are formatted in UTC: a user west of
    // Greenwich must not see the day before.
    const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    return {
        getString,
        formatNumber: (n) => number.format(n),
        formatDateTime: (iso) => dateTime.format(new Date(iso)),
        formatDay: (d) => day.format(d),
    };
}

const TextsContext = createContext<Texts | undefined>(undefined);

/** Gives the components below it their strings and formats. */
export const TextsProvider = TextsContext.Provider;

function useTexts(): Texts {
    const texts = useContext(TextsContext);
    if (!texts) throw new Error('No TextsProvider above this component');
    return texts;
}

/** The resx string lookup. */
export const useGetString = (): GetString => useTexts().getString;
/** Numbers in the admin's locale, e.g. "1,240". */
export const useFormatNumber = (): Texts['formatNumber'] => useTexts().formatNumber;
/** Timestamps in the admin's locale. */
export const useFormatDateTime = (): Texts['formatDateTime'] => useTexts().formatDateTime;
/** Calendar days in the admin's locale. */
export const useFormatDay = (): Texts['formatDay'] => useTexts().formatDay;
