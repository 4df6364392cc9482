import { Redactor, Reporter } from '../../solution/deploy/output';

function streams(isTTY = false) {
    const out: string[] = [];
    const err: string[] = [];
    return {
        out,
        err,
        streams: {
            stdout: { write: (t: string) => out.push(t) },
            stderr: { write: (t: string) => err.push(t) },
            isTTY,
        },
    };
}
const JWT = 'eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.c2ln';
const at = () => new Date('2026-11-24T10:00:00Z');

describe('Reporter', () => {
    it('writes progress to stderr and the result to stdout as sentences', () => {
        const s = streams();
        const reporter = new Reporter(s.streams, { json: false, verbose: false }, new Redactor(), at);
        reporter.start('stage', 'Staging');
        reporter.ok('stage', 'Staging passed.');
        reporter.result(true, 0, 'Deployed.');
        expect(s.err.join('')).toBe('Staging…\n✓ Staging passed.\n');
        expect(s.out.join('')).toBe('Deployed.\n');
    });

    it('writes one JSON object per event with --json, ending with {ok, …}', () => {
        const s = streams();
        const reporter = new Reporter(s.streams, { json: true, verbose: false }, new Redactor(), at);
        reporter.warn('installed', 'Not higher.', { kind: 'update' });
        reporter.progress('import', 40, 'Importing');
        reporter.result(false, 5, 'Import failed.');
        const lines = s.out
            .join('')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l));
        expect(lines).toEqual([
            {
                ts: '2026-11-24T10:00:00.000Z',
                step: 'installed',
                status: 'warn',
                message: 'Not higher.',
                kind: 'update',
            },
            { ts: '2026-11-24T10:00:00.000Z', step: 'import', status: 'progress', percent: 40, message: 'Importing' },
            { ts: '2026-11-24T10:00:00.000Z', ok: false, exitCode: 5, message: 'Import failed.' },
        ]);
        expect(s.err).toEqual([]);
    });

    it('draws a bar on a terminal and plain lines every 10 % otherwise', () => {
        const tty = streams(true);
        new Reporter(tty.streams, { json: false, verbose: false }, new Redactor()).progress('import', 50, 'Importing');
        expect(tty.err.join('')).toMatch(/^\rImporting █{15}░{15} {2}50 %$/);
        const plain = streams(false);
        const reporter = new Reporter(plain.streams, { json: false, verbose: false }, new Redactor());
        for (const p of [0, 3, 12, 15, 100]) reporter.progress('import', p, 'Importing');
        expect(plain.err).toEqual(['Importing 0 %\n', 'Importing 12 %\n', 'Importing 100 %\n']);
    });

    it('never writes a token or a registered secret', () => {
        const s = streams();
        const redactor = new Redactor();
        redactor.add('s3cr3t-value');
        const reporter = new Reporter(s.streams, { json: true, verbose: true }, redactor, at);
        reporter.info('x', `token ${JWT} and s3cr3t-value`);
        reporter.debug(`Authorization: Bearer ${JWT}`);
        const all = s.out.join('');
        expect(all).not.toMatch(/eyJ|s3cr3t-value/);
        expect(all).toContain('[redacted]');
    });
});
