import { psCommand, psQuote, SWITCH } from '../../../src/core/readiness/powershell';

describe('psQuote', () => {
    it.each([
        ['abc', "'abc'"],
        ['', "''"],
        ["O'Brien", "'O''Brien'"],
        ["''", "''''''"],
        ['$(Remove-Item C:\\ -Recurse)', "'$(Remove-Item C:\\ -Recurse)'"],
        ['$env:PATH `n', "'$env:PATH `n'"],
        ['it\u2019s', "'it\u2019\u2019s'"],
        ['a\r\nb', "'a b'"],
        ['"double"', '\'"double"\''],
    ])('quotes %j as a literal', (value, quoted) => {
        expect(psQuote(value)).toBe(quoted);
    });
});

describe('psCommand', () => {
    it('joins parameters and switches', () => {
        expect(psCommand('Get-Thing', { Name: psQuote('x'), WhatIf: SWITCH })).toBe("Get-Thing -Name 'x' -WhatIf");
    });
});
