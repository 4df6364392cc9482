import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runNode } from './project-copy';

type Entry = {
    version?: string;
    optional?: boolean;
    os?: string[];
    cpu?: string[];
    optionalDependencies?: Record<string, string>;
};
type Lock = { packages: Record<string, Entry> };

/** Run scripts/complete-lockfile.mjs on a copy of `lock`; returns the completed lock and the script's output. */
function complete(lock: Lock): { lock: Lock; output: string } {
    const dir = mkdtempSync(join(tmpdir(), 'esp-lock-'));
    try {
        const file = join(dir, 'package-lock.json');
        writeFileSync(file, JSON.stringify(lock));
        const r = runNode(ROOT, 'scripts/complete-lockfile.mjs', file);
        expect(r.status).toBe(0);
        return { lock: JSON.parse(readFileSync(file, 'utf8')) as Lock, output: r.output };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

describe('package-lock.json', () => {
    it('has an entry for every optional dependency, so npm ci accepts it on a fresh machine', () => {
        const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
        expect(complete(lock).output).toContain('Lock file already complete.');
    });

    it('adds a platform-tagged stub only where Node resolution finds no package', () => {
        const { lock, output } = complete({
            packages: {
                '': {},
                'node_modules/tool': {
                    version: '1.0.0',
                    optionalDependencies: { '@x/tool-darwin-arm64': '1.0.0', '@x/tool-linux-x64': '1.0.0' },
                },
                'node_modules/@x/tool-linux-x64': { version: '1.0.0', optional: true },
                'node_modules/a/node_modules/esb': {
                    version: '2.0.0',
                    optionalDependencies: { '@e/linux-x64': '2.0.0' },
                },
                'node_modules/a/node_modules/@e/linux-x64': { version: '2.0.0' },
            },
        });
        expect(output).toContain('Added 1 optional entries: @x/tool-darwin-arm64');
        expect(lock.packages['node_modules/@x/tool-darwin-arm64']).toMatchObject({
            optional: true,
            os: ['darwin'],
            cpu: ['arm64'],
        });
        expect(lock.packages['node_modules/@e/linux-x64']).toBeUndefined();
    });
});
