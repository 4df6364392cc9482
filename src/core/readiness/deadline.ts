/** EWS → Graph deadlines (entra-and-exchange.md §5) and how far away they are from an injected "today". */
import type { StringKey } from '../string-keys';

/** EWS is switched off unless the org allow-lists its apps (MC1227454). */
export const EWS_ALLOW_LIST_DEADLINE = '2026-10-01';
/** EWS off for good; cross-tenant sync needs the Graph permissions (Power Platform doc, Aug 2026). */
export const GRAPH_PERMISSIONS_DEADLINE = '2027-04-01';
/** A deadline this many days away or fewer is "soon" (our choice: one quarter). */
export const DEADLINE_SOON_DAYS = 90;

/** Where a deadline stands: days left (negative once passed) and a status. */
export type DeadlineInfo = { daysLeft: number; status: 'passed' | 'soon' | 'later' };

const DAY_MS = 86_400_000;

function utcDay(date: Date): number {
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** Parse "YYYY-MM-DD" as a UTC calendar day. */
export function parseDay(isoDay: string): Date {
    return new Date(`${isoDay}T00:00:00Z`);
}

/** Whole UTC calendar days from today to the deadline; the deadline day itself counts as passed. */
export function describeDeadline(deadline: Date, today: Date): DeadlineInfo {
    const daysLeft = Math.round((utcDay(deadline) - utcDay(today)) / DAY_MS);
    if (daysLeft <= 0) return { daysLeft, status: 'passed' };
    return { daysLeft, status: daysLeft <= DEADLINE_SOON_DAYS ? 'soon' : 'later' };
}

/** String keys for a deadline status; {0} = date, {1} = number of days. */
export const DEADLINE_KEYS = {
    passed: 'Readiness_DeadlinePassed',
    soon: 'Readiness_DeadlineSoon',
    later: 'Readiness_DeadlineLater',
} as const satisfies Record<DeadlineInfo['status'], StringKey>;
