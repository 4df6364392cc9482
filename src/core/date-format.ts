/**
 * Dates in the Dynamics user's format. The platform hands a control the user's date settings as
 * userSettings.dateFormattingInfo — .NET DateTimeFormatInfo values: custom patterns such as "dd.MM.yyyy" and
 * "h:mm tt", month and day names, separators (PCF reference, "DateFormattingInfo"). These functions apply those
 * patterns with the .NET custom format specifiers, so the control writes a date as the rest of the form does.
 */

/** The part of userSettings.dateFormattingInfo the control uses. */
export type DateFormat = {
    shortDatePattern: string;
    shortTimePattern: string;
    /** e.g. "dddd, d. MMMM yyyy": the calendar's accessible name of a day. */
    longDatePattern: string;
    /** e.g. "MMMM yyyy": the calendar's month heading. */
    yearMonthPattern: string;
    /** January first; .NET adds a 13th, empty entry. */
    monthNames: readonly string[];
    abbreviatedMonthNames: readonly string[];
    /** Sunday first. */
    dayNames: readonly string[];
    abbreviatedDayNames: readonly string[];
    shortestDayNames: readonly string[];
    amDesignator: string;
    pmDesignator: string;
    dateSeparator: string;
    timeSeparator: string;
    /** 0 = Sunday … 6 = Saturday. */
    firstDayOfWeek: number;
};

/** The calendar fields of one moment, already in the user's time zone. */
export type DateFields = {
    year: number;
    /** 0 = January. */
    month: number;
    day: number;
    /** 0 = Sunday. */
    weekday: number;
    hours: number;
    minutes: number;
    seconds: number;
};

const MINUTE_MS = 60_000;

/** The fields of a UTC instant shifted by `offsetMinutes` (the user's offset from UTC at that instant). */
export function fieldsAt(instantMs: number, offsetMinutes = 0): DateFields {
    const shifted = new Date(instantMs + offsetMinutes * MINUTE_MS);
    return {
        year: shifted.getUTCFullYear(),
        month: shifted.getUTCMonth(),
        day: shifted.getUTCDate(),
        weekday: shifted.getUTCDay(),
        hours: shifted.getUTCHours(),
        minutes: shifted.getUTCMinutes(),
        seconds: shifted.getUTCSeconds(),
    };
}

// Quoted literals, escaped characters, then the specifiers longest first (.NET "Custom date and time format strings").
const TOKENS = /'[^']*'?|"[^"]*"?|\\.|d{1,4}|M{1,4}|y{1,5}|h{1,2}|H{1,2}|m{1,2}|s{1,2}|t{1,2}|[/:]/g;

const pad = (value: number, width: number) => String(value).padStart(width, '0');

function token(spec: string, fields: DateFields, names: DateFormat): string {
    const hours12 = fields.hours % 12 || 12;
    const designator = fields.hours < 12 ? names.amDesignator : names.pmDesignator;
    const values: Record<string, () => string> = {
        d: () => String(fields.day),
        dd: () => pad(fields.day, 2),
        ddd: () => names.abbreviatedDayNames[fields.weekday],
        dddd: () => names.dayNames[fields.weekday],
        M: () => String(fields.month + 1),
        MM: () => pad(fields.month + 1, 2),
        MMM: () => names.abbreviatedMonthNames[fields.month],
        MMMM: () => names.monthNames[fields.month],
        y: () => String(fields.year % 100),
        yy: () => pad(fields.year % 100, 2),
        h: () => String(hours12),
        hh: () => pad(hours12, 2),
        H: () => String(fields.hours),
        HH: () => pad(fields.hours, 2),
        m: () => String(fields.minutes),
        mm: () => pad(fields.minutes, 2),
        s: () => String(fields.seconds),
        ss: () => pad(fields.seconds, 2),
        t: () => designator.slice(0, 1),
        tt: () => designator,
        '/': () => names.dateSeparator,
        ':': () => names.timeSeparator,
    };
    // yyy and longer: the full year, padded to the pattern's length.
    if (spec.startsWith('yyy')) return pad(fields.year, spec.length);
    if (spec.startsWith("'") || spec.startsWith('"')) return spec.slice(1, spec.endsWith(spec[0]) ? -1 : undefined);
    if (spec.startsWith('\\')) return spec.slice(1);
    return values[spec]();
}

/** Apply a .NET custom date and time pattern ("dd.MM.yyyy", "h:mm tt") to `fields`. */
export function formatDatePattern(pattern: string, fields: DateFields, names: DateFormat): string {
    return pattern.replace(TOKENS, (spec) => token(spec, fields, names));
}

/** The fields of a date picker's day (a local midnight, as Fluent's calendar hands them). */
export function localFields(date: Date): DateFields {
    return {
        year: date.getFullYear(),
        month: date.getMonth(),
        day: date.getDate(),
        weekday: date.getDay(),
        hours: date.getHours(),
        minutes: date.getMinutes(),
        seconds: date.getSeconds(),
    };
}

/** A calendar day (stored as UTC midnight) in the user's short date pattern, e.g. "01.10.2026". */
export function formatShortDate(day: Date, names: DateFormat): string {
    return formatDatePattern(names.shortDatePattern, fieldsAt(day.getTime()), names);
}

/** An instant as the user's short date and short time in the user's time zone, e.g. "10/1/2026 4:05 PM". */
export function formatShortDateTime(instantMs: number, offsetMinutes: number, names: DateFormat): string {
    const fields = fieldsAt(instantMs, offsetMinutes);
    return `${formatDatePattern(names.shortDatePattern, fields, names)} ${formatDatePattern(names.shortTimePattern, fields, names)}`;
}
