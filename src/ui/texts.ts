/**
 * The admin's language and locale: the resx strings and the number and date formats. Nearly every component shows
 * text, so these come from a context instead of being passed through the props of every component on the way. App
 * provides them.
 */
import * as React from 'react';
import { defaultDatePickerStrings, type IDatePickerStrings } from '@fluentui/react';
import { countString, format, type CountKey, type GetString } from './strings';

/** What components need to show text in the admin's language and locale. */
export type Texts = {
    getString: GetString;
    formatNumber: (value: number) => string;
    /** An ISO timestamp as date and time, e.g. when an alert occurred. */
    formatDateTime: (iso: string) => string;
    /** A calendar day (UTC midnight), e.g. "1 Oct 2026" / "Oct 1, 2026" / "1. Okt. 2026". */
    formatDay: (day: Date) => string;
    /** The calendar in the admin's language: month and day names from Intl, button names from the resx. */
    datePicker: IDatePickerStrings;
    /** 0 = Sunday … 6 = Saturday, from the Dynamics user's settings (undefined: Sunday, Fluent's default). */
    firstDayOfWeek?: number;
};

/** Twelve month names (January first) or seven day names (Sunday first, as Fluent expects) in `locale`. */
function names(locale: string | undefined, options: Intl.DateTimeFormatOptions, count: 7 | 12): string[] {
    const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    // 3 January 2021 was a Sunday.
    return Array.from({ length: count }, (_, index) =>
        format.format(count === 12 ? Date.UTC(2021, index, 1) : Date.UTC(2021, 0, 3 + index)),
    );
}

function datePickerStrings(getString: GetString, locale: string | undefined): IDatePickerStrings {
    return {
        ...defaultDatePickerStrings,
        months: names(locale, { month: 'long' }, 12),
        shortMonths: names(locale, { month: 'short' }, 12),
        days: names(locale, { weekday: 'long' }, 7),
        shortDays: names(locale, { weekday: 'narrow' }, 7),
        goToToday: getString('DatePicker_GoToToday'),
        prevMonthAriaLabel: getString('DatePicker_PrevMonth'),
        nextMonthAriaLabel: getString('DatePicker_NextMonth'),
        prevYearAriaLabel: getString('DatePicker_PrevYear'),
        nextYearAriaLabel: getString('DatePicker_NextYear'),
        closeButtonAriaLabel: getString('DatePicker_Close'),
        prevYearRangeAriaLabel: getString('DatePicker_PrevYearRange'),
        nextYearRangeAriaLabel: getString('DatePicker_NextYearRange'),
        selectedDateFormatString: getString('DatePicker_SelectedDate'),
        todayDateFormatString: getString('DatePicker_TodayDate'),
        monthPickerHeaderAriaLabel: getString('DatePicker_MonthPickerHeader'),
        yearPickerHeaderAriaLabel: getString('DatePicker_YearPickerHeader'),
    };
}

/** The strings and the formats of `locale` (the browser's default when undefined). */
export function createTexts(getString: GetString, locale?: string, firstDayOfWeek?: number): Texts {
    const number = new Intl.NumberFormat(locale);
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    // Days are UTC midnights (core/readiness/deadline.ts parseDay), so they are formatted in UTC: a user west of
    // Greenwich must not see the day before.
    const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    return {
        getString,
        formatNumber: (value) => number.format(value),
        formatDateTime: (iso) => dateTime.format(new Date(iso)),
        formatDay: (value) => day.format(value),
        datePicker: datePickerStrings(getString, locale),
        firstDayOfWeek,
    };
}

const TextsContext = React.createContext<Texts | undefined>(undefined);

/** Gives the components below it their strings and formats. */
export const TextsProvider = TextsContext.Provider;

function useTexts(): Texts {
    const texts = React.useContext(TextsContext);
    if (!texts) throw new Error('No TextsProvider above this component');
    return texts;
}

/** The resx string lookup. */
export const useGetString = (): GetString => useTexts().getString;
/** Numbers in the admin's locale, e.g. "1,240". */
export const useFormatNumber = (): Texts['formatNumber'] => useTexts().formatNumber;
/** Timestamps in the admin's locale. */
export const useFormatDateTime = (): Texts['formatDateTime'] => useTexts().formatDateTime;
/** The calendar's strings and first day of the week. */
export const useCalendar = (): Pick<Texts, 'datePicker' | 'firstDayOfWeek'> => useTexts();
/** Calendar days in the admin's locale. */
export const useFormatDay = (): Texts['formatDay'] => useTexts().formatDay;

/** A sentence whose only placeholder {0} is a count, in its singular or plural form: "1 mailbox is waiting…". */
export function useFormatCount(): (key: CountKey, count: number) => string {
    const { getString, formatNumber } = useTexts();
    return (key, count) => format(countString(getString, key, count), formatNumber(count));
}
