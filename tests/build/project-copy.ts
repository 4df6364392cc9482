/** Copies the project's sources into a temp folder (node_modules linked) so build scripts can be run on a broken copy. */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

export const ROOT = join(__dirname, '..', '..');

/** The bundle's gzip budget as scripts/build.mjs states it (read from its source: importing it would run the build). */
export const BUNDLE_BUDGET_GZIP_BYTES = ((): number => {
    const source = readFileSync(join(ROOT, 'scripts', 'build.mjs'), 'utf8');
    const match = /export const BUNDLE_BUDGET_GZIP_BYTES = (\d+) \* 1024;/.exec(source);
    if (!match) throw new Error('scripts/build.mjs no longer states BUNDLE_BUDGET_GZIP_BYTES as N * 1024');
    return Number(match[1]) * 1024;
})();

const SOURCES = [
    'src',
    'strings',
    'scripts',
    'solution',
    'package.json',
    'pcfconfig.json',
    'tsconfig.json',
    'eslint.config.mjs',
    'ControlManifest.Input.xml',
];

/** A disposable copy of the project; `withOut` also copies the current build output. */
export function copyProject(withOut = false): { dir: string; dispose: () => void } {
    const dir = mkdtempSync(join(tmpdir(), 'esp-build-'));
    for (const item of SOURCES) cpSync(join(ROOT, item), join(dir, item), { recursive: true });
    if (withOut && existsSync(join(ROOT, 'out'))) cpSync(join(ROOT, 'out'), join(dir, 'out'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Run a node script in `cwd`; returns exit code and combined output. */
export function runNode(cwd: string, ...args: string[]): { status: number | null; output: string } {
    const r = spawnSync(process.execPath, args, {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, PP_TOOLS_TELEMETRY_OPTOUT: 'true' },
    });
    return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}
