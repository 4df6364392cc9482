import Papa from 'papaparse';
import { csvCell, toCsv } from '../../src/core/csv';

describe('csvCell', () => {
    it.each([
        ['plain', 'plain'],
        ['a,b', '"a,b"'],
        ['say "hi"', '"say ""hi"""'],
        ['line\nbreak', '"line\nbreak"'],
        ['=SUM(A1)', `"'=SUM(A1)"`],
        ['+1', `"'+1"`],
        ['-1', `"'-1"`],
        ['@cmd', `"'@cmd"`],
        ['\tx', `"'\tx"`],
        ['\rx', `"'\rx"`],
        ['  =1', `"'  =1"`],
        ['＝1', `"'＝1"`],
        ['＋1', `"'＋1"`],
        ['－1', `"'－1"`],
        ['＠x', `"'＠x"`],
        [-5, '-5'],
        [true, 'true'],
        [null, ''],
        [undefined, ''],
    ])('writes %j as %j', (input, expected) => {
        expect(csvCell(input)).toBe(expected);
    });

    it.each(['plain', 'a,b', 'say "hi"', 'x\r\ny', ' lead', 'trail ', '=1', '+a', '-b', '@c', '\td', '\re', "'q"])(
        'quotes %j exactly like papaparse with escapeFormulae',
        (value) => {
            const oracle = Papa.unparse([[value]], { escapeFormulae: true, newline: '\r\n' });
            expect(csvCell(value)).toBe(oracle);
        },
    );
});

describe('toCsv', () => {
    it('writes BOM, header and CRLF-terminated rows that papaparse reads back', () => {
        const rows = [
            { name: 'A, Inc', mail: '=x@y' },
            { name: 'B', mail: null },
        ];
        const csv = toCsv(rows, [
            { header: 'Name', value: (r) => r.name },
            { header: 'Mail', value: (r) => r.mail },
        ]);
        expect(csv).toBe('\uFEFFName,Mail\r\n"A, Inc","\'=x@y"\r\nB,\r\n');
        const parsed = Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: '\r\n' });
        expect(parsed.data).toEqual([
            ['Name', 'Mail'],
            ['A, Inc', "'=x@y"],
            ['B', ''],
        ]);
    });
});
