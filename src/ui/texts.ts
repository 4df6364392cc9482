/**
 * The admin's language and formats: the resx strings, plural rules, and the number and date formats of the Dynamics
 * user (not the browser's). Nearly every component shows text, so these come from a context instead of being passed
 * through the props of every component on the way. App provides them.
 */
import * as React from 'react';
import { defaultDatePickerStrings, type IDateFormatting, type IDatePickerStrings } from '@fluentui/react';
import {
    formatDatePattern,
    formatShortDate,
    formatShortDateTime,
    localFields,
    type DateFormat,
} from '../core/date-format';
import { countString, format, pluralRulesOf, type CountKey, type GetString, type PluralOf } from './strings';

/** The user's language and formats as the platform gives them (src/pcf builds this from userSettings and formatting). */
export type UserLocale = {
    /** BCP 47 tag of the strings shown (core/locale.ts stringsLanguage): plural rules and Intl fallbacks. */
    language: string;
    /** userSettings.dateFormattingInfo, when the host gives it: patterns, names, first day of the week. */
    dateFormat?: DateFormat;
    /** The user's offset from UTC at an instant, in minutes (userSettings.getTimeZoneOffsetMinutes). */
    timeZoneOffset?: (instant: Date) => number;
    /** Whole numbers in the user's number format (context.formatting.formatInteger). */
    formatInteger?: (value: number) => string;
};

/** What components need to show text in the admin's language and formats. */
export type Texts = {
    getString: GetString;
    /** The language of the strings, for the `lang` attribute of the control and its layers. */
    language: string;
    pluralOf: PluralOf;
    formatNumber: (value: number) => string;
    /** An ISO timestamp as date and time in the user's time zone, e.g. when an alert occurred. */
    formatDateTime: (iso: string) => string;
    /** A calendar day (UTC midnight), e.g. "10/1/2026" / "01.10.2026" / "01/10/2026". */
    formatDay: (day: Date) => string;
    /** The calendar in the user's language: month and day names, button names from the resx. */
    datePicker: IDatePickerStrings;
    /** How the calendar writes its month heading and each day's accessible name, in the user's order. */
    calendarFormat: IDateFormatting;
    /** 0 = Sunday … 6 = Saturday, from the Dynamics user's settings (undefined: Sunday, Fluent's default). */
    firstDayOfWeek?: number;
};

/** Twelve month names (January first) or seven day names (Sunday first, as Fluent expects) in `language`. */
function names(language: string, options: Intl.DateTimeFormatOptions, count: 7 | 12): string[] {
    const format = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
    // 3 January 2021 was a Sunday.
    return Array.from({ length: count }, (_, index) =>
        format.format(count === 12 ? Date.UTC(2021, index, 1) : Date.UTC(2021, 0, 3 + index)),
    );
}

/** Month and day names: the user's Dynamics settings, else Intl's for the language of the strings. */
function calendarNames({ language, dateFormat }: UserLocale) {
    if (dateFormat) {
        return {
            months: dateFormat.monthNames.slice(0, 12),
            shortMonths: dateFormat.abbreviatedMonthNames.slice(0, 12),
            days: dateFormat.dayNames.slice(0, 7),
            shortDays: dateFormat.shortestDayNames.slice(0, 7),
        };
    }
    return {
        months: names(language, { month: 'long' }, 12),
        shortMonths: names(language, { month: 'short' }, 12),
        days: names(language, { weekday: 'long' }, 7),
        shortDays: names(language, { weekday: 'narrow' }, 7),
    };
}

function datePickerStrings(getString: GetString, locale: UserLocale): IDatePickerStrings {
    return {
        ...defaultDatePickerStrings,
        ...calendarNames(locale),
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

/** The calendar's headings and day names: the user's long date and year-month patterns, else Intl's. */
function calendarFormat({ language, dateFormat }: UserLocale): IDateFormatting {
    const intl = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(language, options);
    const long = intl({ dateStyle: 'full' });
    const monthYear = intl({ month: 'long', year: 'numeric' });
    const pattern = (date: Date, key: 'longDatePattern' | 'yearMonthPattern', fallback: Intl.DateTimeFormat) =>
        dateFormat ? formatDatePattern(dateFormat[key], localFields(date), dateFormat) : fallback.format(date);
    return {
        formatDay: (date) => String(date.getDate()),
        // The month picker shows the short names and is named by this: the name holds the visible text first (WCAG
        // 2.5.3 Label in Name, axe label-content-name-mismatch), then the full name, "Mrz (März)".
        formatMonth: (date, { shortMonths, months }) => {
            const [short, long] = [shortMonths[date.getMonth()], months[date.getMonth()]];
            return short === long ? long : `${short} (${long})`;
        },
        formatYear: (date) => String(date.getFullYear()),
        formatMonthDayYear: (date) => pattern(date, 'longDatePattern', long),
        formatMonthYear: (date) => pattern(date, 'yearMonthPattern', monthYear),
    };
}

/** Date formatters: the user's Dynamics patterns and time zone, else Intl in the language of the strings. */
function dateFormatters({ language, dateFormat, timeZoneOffset }: UserLocale) {
    const offsetAt = (instant: Date) => timeZoneOffset?.(instant);
    if (dateFormat) {
        return {
            formatDateTime: (iso: string) => {
                const instant = new Date(iso);
                return formatShortDateTime(instant.getTime(), offsetAt(instant) ?? 0, dateFormat);
            },
            formatDay: (day: Date) => formatShortDate(day, dateFormat),
        };
    }
    // Without an offset from the host, the browser's time zone is the best guess.
    const zone = timeZoneOffset ? 'UTC' : undefined;
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
    // Days are UTC midnights (core/readiness/deadline.ts parseDay), so they are formatted in UTC: a user west of
    // Greenwich must not see the day before.
    const day = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    return {
        formatDateTime: (iso: string) => {
            const instant = new Date(iso);
            return dateTime.format(instant.getTime() + (offsetAt(instant) ?? 0) * 60_000);
        },
        formatDay: (value: Date) => day.format(value),
    };
}

/** The strings and the formats of the user (English formats when the locale is not given). */
export function createTexts(getString: GetString, locale: UserLocale = { language: 'en-US' }): Texts {
    const number = new Intl.NumberFormat(locale.language);
    return {
        getString,
        language: locale.language,
        pluralOf: pluralRulesOf(locale.language),
        formatNumber: locale.formatInteger ?? ((value) => number.format(value)),
        ...dateFormatters(locale),
        datePicker: datePickerStrings(getString, locale),
        calendarFormat: calendarFormat(locale),
        firstDayOfWeek: locale.dateFormat?.firstDayOfWeek,
    };
}

const TextsContext = React.createContext<Texts | undefined>(undefined);

/** Gives the components below it their strings and formats. */
export const TextsProvider = TextsContext.Provider;

/** Everything the TextsProvider above gives. */
export function useTexts(): Texts {
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
export const useCalendar = (): Pick<Texts, 'datePicker' | 'calendarFormat' | 'firstDayOfWeek'> => useTexts();
/** Calendar days in the admin's locale. */
export const useFormatDay = (): Texts['formatDay'] => useTexts().formatDay;

/** A counted sentence in the plural form the language needs, placeholders still open: (key, count) → template. */
export function useCountString(): (key: CountKey, count: number) => string {
    const { getString, pluralOf } = useTexts();
    return (key, count) => countString(getString, pluralOf, key, count);
}

/** A sentence whose only placeholder {0} is a count, in its plural form: "1 mailbox is waiting…". */
export function useFormatCount(): (key: CountKey, count: number) => string {
    const { formatNumber } = useTexts();
    const countTemplate = useCountString();
    return (key, count) => format(countTemplate(key, count), formatNumber(count));
}
