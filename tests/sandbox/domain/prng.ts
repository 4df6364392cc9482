/** Seeded randomness for the sandbox domain: the same seed always yields the same rows (mulberry32). */

/** A small deterministic random source. */
export type Rng = {
    /** Uniform float in [0, 1). */
    next(): number;
    /** Integer in [0, n). */
    int(n: number): number;
    pick<T>(items: readonly T[]): T;
    chance(p: number): boolean;
    /** Pick a key by weight, e.g. `{ 1: 0.6, 2: 0.4 }`. */
    weighted<K extends string | number>(weights: Record<K, number>): K;
    /** A random v4-shaped GUID, lower case. */
    guid(): string;
};

/** Two hex digits per byte value, for fast GUIDs (50,000 mailboxes need ~150,000 of them). */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Object keys are strings; numeric option values come back as numbers. */
function toKey<K>(key: string): K {
    return (/^\d+$/.test(key) ? Number(key) : key) as K;
}

type Cumulative = { keys: (string | number)[]; bounds: number[]; total: number };

/** Prefix sums of a weight table, computed once per table object. */
function cumulate(weights: object): Cumulative {
    let total = 0;
    const entries = Object.entries(weights) as [string, number][];
    const bounds = entries.map(([, w]) => (total += w));
    return { keys: entries.map(([k]) => toKey<string | number>(k)), bounds, total };
}

/** mulberry32: tiny, fast, good enough for test data (not for crypto). */
export function createRng(seed: number): Rng {
    let state = seed >>> 0;
    const cumulative = new WeakMap<object, Cumulative>();
    const next = (): number => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const word = (): number => Math.floor(next() * 4294967296) >>> 0;
    const hex = (w: number): string => HEX[w >>> 24] + HEX[(w >>> 16) & 255] + HEX[(w >>> 8) & 255] + HEX[w & 255];
    const rng: Rng = {
        next,
        int: (n) => Math.floor(next() * n),
        pick: (items) => items[Math.floor(next() * items.length)],
        chance: (p) => next() < p,
        weighted<K extends string | number>(weights: Record<K, number>): K {
            let table = cumulative.get(weights);
            if (!table) cumulative.set(weights, (table = cumulate(weights)));
            const roll = next() * table.total;
            const i = table.bounds.findIndex((bound) => roll < bound);
            return table.keys[i < 0 ? table.keys.length - 1 : i] as K;
        },
        guid: () => {
            const b = word();
            const c = word();
            const b2 = (b & 0xffff & 0x0fff) | 0x4000;
            const c1 = (((c >>> 16) & 0x3fff) | 0x8000) >>> 0;
            const s1 = hex(b2).slice(4);
            const s2 = hex(c1).slice(4);
            return `${hex(word())}-${hex(b).slice(0, 4)}-${s1}-${s2}-${hex(c).slice(4)}${hex(word())}`;
        },
    };
    return rng;
}

/** Derive an independent sub-seed, so one profile's data does not shift when another's size changes. */
export function deriveSeed(seed: number, ...parts: number[]): number {
    let h = (seed ^ 0x9e3779b9) >>> 0;
    for (const part of parts) {
        h = Math.imul(h ^ (part >>> 0), 0x85ebca6b) >>> 0;
        h = (h ^ (h >>> 13)) >>> 0;
    }
    return h;
}
