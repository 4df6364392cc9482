/**
 * OData $filter for the emulator: tokenizer, recursive-descent parser and a compiler to a row predicate.
 * Supports eq/ne/gt/ge/lt/le, and/or/not, parentheses, contains/startswith/endswith, GUID/number/bool/null/
 * datetime/'string' literals ('' escapes a quote) and lookup value columns (`_x_value eq <guid>`). String
 * comparisons are case-insensitive like Dataverse's default collation. Errors use 0x80060888 (dataverse.md §8).
 */
import type { ColumnDef, Row, TableDef } from './contract';
import { CODES, EmulatorError, odataError, unknownProperty } from './errors';
import { resolveQueryable, storedName } from './columns';

type Tok = { kind: 'str' | 'guid' | 'date' | 'num' | 'id' | 'punct'; text: string; value: unknown; pos: number };
type Lit = { type: 'str' | 'guid' | 'date' | 'num' | 'bool' | 'null'; value: unknown };
/** A compiled filter. */
export type Predicate = (row: Row) => boolean;
/** Lets a filter follow a single-valued navigation (`regardingobjectid_mailbox/_emailserverprofile_value`). */
export type FilterLinks = { tables: Map<string, TableDef>; get(entitySet: string, id: string): Row | undefined };
/** A column read from a row; `column` names a plain (non-navigation) column. */
type Operand = { col: ColumnDef; read: (row: Row) => unknown; column?: string };

const PATTERNS: [Tok['kind'], RegExp][] = [
    ['guid', /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])/iy],
    ['date', /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?(?![\w-])/y],
    ['num', /-?\d+(?:\.\d+)?(?![\w])/y],
    ['id', /[A-Za-z_][\w.]*/y],
    ['punct', /[(),/]/y],
];

function syntaxError(filter: string, pos: number): EmulatorError {
    return new EmulatorError(odataError(400, CODES.odataQuery, `Syntax error at position ${pos} in '${filter}'.`));
}

function tokenize(src: string): Tok[] {
    const out: Tok[] = [];
    let i = 0;
    while (i < src.length) {
        if (/\s/.test(src[i])) {
            i += 1;
            continue;
        }
        if (src[i] === "'") {
            let j = i + 1;
            let s = '';
            for (;;) {
                if (j >= src.length) throw syntaxError(src, src.length);
                if (src[j] === "'") {
                    if (src[j + 1] === "'") {
                        s += "'";
                        j += 2;
                        continue;
                    }
                    break;
                }
                s += src[j];
                j += 1;
            }
            out.push({ kind: 'str', text: src.slice(i, j + 1), value: s, pos: i });
            i = j + 1;
            continue;
        }
        const hit = PATTERNS.map(([kind, re]) => {
            re.lastIndex = i;
            const m = re.exec(src);
            return m ? { kind, text: m[0] } : undefined;
        }).find((x) => x !== undefined);
        if (!hit) throw syntaxError(src, i);
        out.push({ kind: hit.kind, text: hit.text, value: hit.kind === 'num' ? Number(hit.text) : hit.text, pos: i });
        i += hit.text.length;
    }
    return out;
}

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const STRING_FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);
const OPERATOR_KIND: Record<string, string> = {
    eq: 'Equal',
    ne: 'NotEqual',
    gt: 'GreaterThan',
    ge: 'GreaterThanOrEqual',
    lt: 'LessThan',
    le: 'LessThanOrEqual',
};
const EDM_OF_COLUMN: Record<string, string> = {
    guid: 'Edm.Guid',
    lookup: 'Edm.Guid',
    string: 'Edm.String',
    memo: 'Edm.String',
    int: 'Edm.Int32',
    bigint: 'Edm.Int64',
    choice: 'Edm.Int32',
    bool: 'Edm.Boolean',
    datetime: 'Edm.DateTimeOffset',
};
const EDM_OF_LITERAL: Record<Lit['type'], string> = {
    str: 'Edm.String',
    guid: 'Edm.Guid',
    date: 'Edm.DateTimeOffset',
    num: 'Edm.Int32',
    bool: 'Edm.Boolean',
    null: 'null',
};

/** Comparable key of a stored value for a column type (undefined = null). */
export function sortKey(c: ColumnDef, v: unknown): string | number | undefined {
    if (v === null || v === undefined) return undefined;
    if (c.type === 'datetime') return Date.parse(String(v));
    if (c.type === 'bool') return v ? 1 : 0;
    if (typeof v === 'number') return v;
    return String(v).toLowerCase();
}

function literalKey(c: ColumnDef, lit: Lit, op: string): string | number | undefined {
    const accepts: Record<string, Lit['type'][]> = {
        guid: ['guid'],
        lookup: ['guid'],
        string: ['str'],
        memo: ['str'],
        int: ['num'],
        bigint: ['num'],
        choice: ['num'],
        bool: ['bool'],
        datetime: ['date'],
    };
    if (lit.type === 'null') return undefined;
    if (!accepts[c.type].includes(lit.type))
        throw new EmulatorError(
            odataError(
                400,
                CODES.odataQuery,
                `A binary operator with incompatible types was detected. Found operand types '${EDM_OF_COLUMN[c.type]}' and '${EDM_OF_LITERAL[lit.type]}' for operator kind '${OPERATOR_KIND[op] ?? op}'.`,
            ),
        );
    return sortKey(c, lit.type === 'bool' ? lit.value : lit.value);
}

function compare(a: string | number, b: string | number): number {
    if (a < b) return -1;
    return a > b ? 1 : 0;
}

/** `col eq 'x' or col eq 'y' …` on one text column, kept as a set so a long or-chain costs one lookup per row. */
type EqualitySet = { column: string; col: ColumnDef; read: Operand['read']; keys: Set<string | number> };
const EQUALITY_SETS = new WeakMap<Predicate, EqualitySet>();
const SET_TYPES: ReadonlySet<ColumnDef['type']> = new Set(['guid', 'lookup', 'string', 'memo']);

function equalitySet(set: EqualitySet): Predicate {
    const p: Predicate = (row) => {
        const v = sortKey(set.col, set.read(row));
        return v !== undefined && set.keys.has(v);
    };
    EQUALITY_SETS.set(p, set);
    return p;
}

/** Merge two equality sets on the same column (an `or` of them), or undefined when they are not both such sets. */
function mergeEqualitySets(l: Predicate, r: Predicate): Predicate | undefined {
    const a = EQUALITY_SETS.get(l);
    const b = EQUALITY_SETS.get(r);
    if (!a || !b || a.column !== b.column) return undefined;
    return equalitySet({ ...a, keys: new Set([...a.keys, ...b.keys]) });
}

function comparison({ col: c, read, column }: Operand, op: string, key: string | number | undefined): Predicate {
    if (op === 'eq' && key !== undefined && column && SET_TYPES.has(c.type))
        return equalitySet({ column, col: c, read, keys: new Set([key]) });
    return (row) => {
        const v = sortKey(c, read(row));
        if (key === undefined || v === undefined) {
            if (op === 'eq') return v === key;
            if (op === 'ne') return v !== key;
            return false;
        }
        const d = compare(v, key);
        switch (op) {
            case 'eq':
                return d === 0;
            case 'ne':
                return d !== 0;
            case 'gt':
                return d > 0;
            case 'ge':
                return d >= 0;
            case 'lt':
                return d < 0;
            default:
                return d <= 0;
        }
    };
}

function stringFunction(fn: string, { read }: Operand, needle: string): Predicate {
    const n = needle.toLowerCase();
    return (row) => {
        const v = read(row);
        if (typeof v !== 'string') return false;
        const h = v.toLowerCase();
        if (fn === 'contains') return h.includes(n);
        return fn === 'startswith' ? h.startsWith(n) : h.endsWith(n);
    };
}

function navigationOperand(table: TableDef, nav: string, name: string, links: FilterLinks | undefined): Operand {
    const lookup = table.columns.find((c) => c.type === 'lookup' && c.lookupTargets && nav in c.lookupTargets);
    const targetSet = lookup?.lookupTargets?.[nav];
    const target = targetSet ? links?.tables.get(targetSet) : undefined;
    if (!lookup || !target || !links) throw new EmulatorError(unknownProperty(nav, table.logicalName));
    const col = resolveQueryable(target, name);
    const fk = storedName(lookup);
    const field = storedName(col);
    return {
        col,
        read: (row) => {
            const id = row[fk];
            return typeof id === 'string' ? links.get(target.entitySet, id)?.[field] : undefined;
        },
    };
}

/** Recursive descent over the tokens: or → and → unary (not) → primary (group, function, comparison). */
class FilterParser {
    private i = 0;
    private readonly toks: Tok[];

    constructor(
        private readonly table: TableDef,
        private readonly filter: string,
        private readonly links: FilterLinks | undefined,
    ) {
        this.toks = tokenize(filter);
    }

    parse(): Predicate {
        const result = this.or();
        if (this.i < this.toks.length) this.fail();
        return result;
    }

    private peek(): Tok | undefined {
        return this.toks[this.i];
    }

    private fail(): never {
        throw syntaxError(this.filter, this.peek()?.pos ?? this.filter.length);
    }

    private expect(text: string): void {
        if (this.peek()?.text !== text) this.fail();
        this.i += 1;
    }

    private word(w: string): boolean {
        const t = this.peek();
        return t?.kind === 'id' && t.text.toLowerCase() === w;
    }

    private binary(w: 'and' | 'or', next: () => Predicate): Predicate {
        let left = next();
        while (this.word(w)) {
            this.i += 1;
            const l = left;
            const r = next();
            left = w === 'and' ? (row) => l(row) && r(row) : (mergeEqualitySets(l, r) ?? ((row) => l(row) || r(row)));
        }
        return left;
    }

    private or(): Predicate {
        return this.binary('or', () => this.and());
    }

    private and(): Predicate {
        return this.binary('and', () => this.unary());
    }

    private unary(): Predicate {
        if (!this.word('not')) return this.primary();
        this.i += 1;
        const inner = this.unary();
        return (r) => !inner(r);
    }

    private primary(): Predicate {
        const t = this.peek() ?? this.fail();
        if (t.text === '(') {
            this.i += 1;
            const inner = this.or();
            this.expect(')');
            return inner;
        }
        if (t.kind === 'id' && this.toks[this.i + 1]?.text === '(') return this.stringCall(t);
        const c = this.operand();
        const op = this.peek()?.text.toLowerCase() ?? '';
        if (!COMPARISONS.has(op)) this.fail();
        this.i += 1;
        return comparison(c, op, literalKey(c.col, this.literal(), op));
    }

    private stringCall(t: Tok): Predicate {
        const fn = t.text.toLowerCase();
        if (!STRING_FUNCTIONS.has(fn))
            throw new EmulatorError(
                odataError(400, CODES.odataQuery, `An unknown function with name '${t.text}' was found.`),
            );
        this.i += 2;
        const c = this.operand();
        this.expect(',');
        const lit = this.literal();
        this.expect(')');
        if (lit.type !== 'str' || (c.col.type !== 'string' && c.col.type !== 'memo')) this.fail();
        return stringFunction(fn, c, String(lit.value));
    }

    private operand(): Operand {
        const t = this.peek();
        if (t?.kind !== 'id') return this.fail();
        this.i += 1;
        if (this.peek()?.text !== '/') {
            const col = resolveQueryable(this.table, t.text);
            const name = storedName(col);
            return { col, read: (row) => row[name], column: name };
        }
        this.i += 1;
        const target = this.peek();
        if (target?.kind !== 'id') return this.fail();
        this.i += 1;
        return navigationOperand(this.table, t.text, target.text, this.links);
    }

    private literal(): Lit {
        const t = this.peek() ?? this.fail();
        const lit = toLiteral(t);
        if (!lit) return this.fail();
        this.i += 1;
        return lit;
    }
}

function toLiteral(t: Tok): Lit | undefined {
    if (t.kind === 'str') return { type: 'str', value: t.value };
    if (t.kind === 'guid') return { type: 'guid', value: t.text.toLowerCase() };
    if (t.kind === 'date') return { type: 'date', value: t.text };
    if (t.kind === 'num') return { type: 'num', value: t.value };
    if (t.kind === 'id' && (t.text === 'true' || t.text === 'false')) return { type: 'bool', value: t.text === 'true' };
    if (t.kind === 'id' && t.text === 'null') return { type: 'null', value: null };
    return undefined;
}

/** Parses `$filter` against a table and returns a predicate, or throws an EmulatorError (400). */
export function compileFilter(table: TableDef, filter: string, links?: FilterLinks): Predicate {
    return new FilterParser(table, filter, links).parse();
}
