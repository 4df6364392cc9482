#!/usr/bin/env node
// The production build, made truthful: pcf-scripts exits 0 on TypeScript, manifest and lint errors
// (shared/reference/toolchain.md §0.3), so this script runs each check itself and fails on any of them.
//   node scripts/build.mjs                      sync version, lint src, type-check, pcf-scripts production build
//   node scripts/build.mjs --types-only         regenerate generated/ManifestTypes.d.ts (lint/typecheck need it)
//   node scripts/build.mjs --sync-version-only  copy package.json's version into the manifest (npm version hook)
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = process.cwd();
const args = new Set(process.argv.slice(2));
const MANIFEST = join(root, 'ControlManifest.Input.xml');
const OUT = join(root, 'out', 'controls');
/**
 * Budget for the production bundle, measured as it travels: gzip (zlib's default level). React and Fluent come from
 * the platform; bundling them would add ~339 KB (toolchain.md §0.5), which this budget and the test in tests/build
 * catch. The raw size is printed but not capped: capping it pushed the code into byte-saving idioms that gained
 * about 1 KB gzipped (issue 12).
 *
 * The target was 48 KB. Issues 14 and 16 (canary approval, IndexedDB ledger, cause labels, CSV in the user's
 * language, skipped list, wide table) brought our own code to 51,628 bytes gzip on 2026-12-06, and keyboard focus
 * kept through every control that replaces itself (a first-time admin's keyboard try) and the interrupted-run notice
 * to 53,551 bytes the same evening; meeting 48 KB would mean dropping one of those capabilities or writing for bytes
 * instead of readers, so the gate stands at 54 KB and the overshoot is reported (README "Bundle size"). Lower it
 * again when code is removed.
 */
export const BUNDLE_BUDGET_GZIP_BYTES = 54 * 1024;

function fail(message) {
    console.error(`\n[build] FAILED: ${message}`);
    process.exit(1);
}

function run(label, command, commandArgs, { capture = false } = {}) {
    console.log(`[build] ${label}…`);
    const result = spawnSync(command, commandArgs, {
        cwd: root,
        encoding: 'utf8',
        stdio: capture ? 'pipe' : 'inherit',
        env: { ...process.env, PP_TOOLS_TELEMETRY_OPTOUT: 'true', FORCE_COLOR: '0' },
    });
    if (result.error) fail(`${label} could not start: ${result.error.message}`);
    return result;
}

/** The control version follows package.json: the platform caches bundles by version (toolchain.md §5.7). */
function syncVersion() {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    if (!/^\d+\.\d+\.\d+$/.test(version)) fail(`package.json version "${version}" must be MAJOR.MINOR.PATCH`);
    const xml = readFileSync(MANIFEST, 'utf8');
    const next = xml.replace(/(<control\b[^>]*?\sversion=")([^"]*)(")/, `$1${version}$3`);
    if (next === xml && !xml.includes(`version="${version}"`))
        fail('no version attribute on <control> in the manifest');
    if (next !== xml) {
        writeFileSync(MANIFEST, next);
        console.log(`[build] manifest version set to ${version}`);
    }
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

function refreshTypes() {
    const r = run('Generating manifest types', bin('pcf-scripts'), ['refreshTypes', '--noColor'], { capture: true });
    if (r.status !== 0 || !/\[refreshTypes\] Succeeded/.test(r.stdout) || /\[Error\]/.test(r.stdout)) {
        process.stdout.write(r.stdout + r.stderr);
        fail('the manifest is invalid (see above)');
    }
}

function pcfBuild() {
    const started = Date.now();
    const r = run(
        'pcf-scripts production build',
        bin('pcf-scripts'),
        ['build', '--buildMode', 'production', '--noColor'],
        {
            capture: true,
        },
    );
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    const output = r.stdout + r.stderr;
    if (r.status !== 0) fail(`pcf-scripts exited with ${r.status}`);
    if (/\[Error\]|error TS\d+|ERROR in /.test(output)) fail('pcf-scripts reported errors (it exits 0 on them)');
    if (!/\[build\] Succeeded/.test(output)) fail('pcf-scripts did not report "[build] Succeeded"');
    const bundle = join(OUT, 'bundle.js');
    if (!existsSync(bundle) || statSync(bundle).mtimeMs < started - 1000)
        fail('out/controls/bundle.js was not written');
    checkBundleSize(readFileSync(bundle));
}

function checkBundleSize(bytes) {
    const gzipped = gzipSync(bytes).length;
    console.log(
        `[build] bundle.js ${bytes.length} bytes raw, ${gzipped} bytes gzip (budget ${BUNDLE_BUDGET_GZIP_BYTES} gzip)`,
    );
    if (gzipped > BUNDLE_BUDGET_GZIP_BYTES)
        fail(`bundle.js is ${gzipped} bytes gzipped, over the ${BUNDLE_BUDGET_GZIP_BYTES}-byte gzip budget`);
}

syncVersion();
if (args.has('--sync-version-only')) process.exit(0);
refreshTypes();
if (args.has('--types-only')) process.exit(0);
if (!args.has('--skip-lint')) {
    if (run('Linting src', bin('eslint'), ['src', '--max-warnings', '0']).status !== 0) fail('lint errors in src');
}
if (run('Type-checking', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']).status !== 0) fail('TypeScript errors');
pcfBuild();
console.log('[build] Succeeded');
