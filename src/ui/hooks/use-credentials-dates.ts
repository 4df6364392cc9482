import { useMemo } from '../react';

/**
 * A formatter for calendar days in the user's locale, e.g. "1 Oct 2026" / "Oct 1, 2026" / "1. Okt. 2026".
 * Days are UTC midnights (core/readiness/deadline.ts parseDay), so they are formatted in UTC: a user west of
 * Greenwich must not see the day before.
 */
export function useDayFormatter(locale?: string): (day: Date) => string {
    return useMemo(() => {
        const formatter = new Intl.DateTimeFormat(locale, {
            day: 'numeric',
            month: 'short',
            year: 'numeric',
            timeZone: 'UTC',
        });
        return (day: Date) => formatter.format(day);
    }, [locale]);
}

/** The calendar day a date picker chose (local midnight) as the UTC midnight core compares against. */
export function toUtcDay(local: Date): Date {
    return new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()));
}

/** A stored UTC-midnight day as the local midnight a date picker shows. */
export function toLocalDay(utcDay: Date): Date {
    return new Date(utcDay.getUTCFullYear(), utcDay.getUTCMonth(), utcDay.getUTCDate());
}
