/** The calendar day a date picker chose (local midnight) as the UTC midnight core compares against. */
export function toUtcDay(local: Date): Date {
    return new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()));
}

/** A stored UTC-midnight day as the local midnight a date picker shows. */
export function toLocalDay(utcDay: Date): Date {
    return new Date(utcDay.getUTCFullYear(), utcDay.getUTCMonth(), utcDay.getUTCDate());
}
