import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { unzipSync } from 'fflate';
import { BUNDLE_BUDGET_GZIP_BYTES, copyProject, runNode } from './project-copy';

// These run the real build on a broken copy of the project: pcf-scripts exits 0 on such errors
// (shared/reference/toolchain.md §0.3), so the build script must catch each one itself.
jest.setTimeout(180_000);

function edit(dir: string, file: string, change: (text: string) => string): void {
    const path = join(dir, file);
    writeFileSync(path, change(readFileSync(path, 'utf8')));
}

describe('scripts/build.mjs', () => {
    it('fails when a TypeScript error is introduced', () => {
        const copy = copyProject();
        try {
            edit(copy.dir, 'src/core/profile.ts', (t) => `${t}\nexport const broken: number = 'not a number';\n`);
            const r = runNode(copy.dir, 'scripts/build.mjs', '--skip-lint');
            expect(r.status).toBe(1);
            expect(r.output).toMatch(/error TS2322/);
            expect(r.output).toContain('[build] FAILED: TypeScript errors');
        } finally {
            copy.dispose();
        }
    });

    it('fails when a lint error is introduced', () => {
        const copy = copyProject();
        try {
            edit(copy.dir, 'src/core/odata.ts', (t) => `${t}\nexport function stop(): void {\n    debugger;\n}\n`);
            const r = runNode(copy.dir, 'scripts/build.mjs');
            expect(r.status).toBe(1);
            expect(r.output).toContain('no-debugger');
            expect(r.output).toContain('[build] FAILED: lint errors in src');
        } finally {
            copy.dispose();
        }
    });

    it('fails when the manifest names an unsupported platform library version', () => {
        const copy = copyProject();
        try {
            edit(copy.dir, 'ControlManifest.Input.xml', (t) =>
                t.replace('name="Fluent" version="8.121.1"', 'name="Fluent" version="8.125.0"'),
            );
            const r = runNode(copy.dir, 'scripts/build.mjs', '--skip-lint');
            expect(r.status).toBe(1);
            expect(r.output).toMatch(/Unsupported 'Fluent' version/);
        } finally {
            copy.dispose();
        }
    });

    it('prints the raw and gzip size of bundle.js and fails when the gzip size is over the budget', () => {
        const copy = copyProject();
        try {
            // A budget's worth of random bytes as base64 gzips to about the budget: with the control itself the
            // bundle is over budget, whatever the rest weighs. Kept alive by a global so minification keeps it.
            const padding = randomBytes(BUNDLE_BUDGET_GZIP_BYTES).toString('base64');
            edit(
                copy.dir,
                'src/core/profile.ts',
                (t) => `${t}\n(globalThis as Record<string, unknown>).pad = '${padding}';\n`,
            );
            const r = runNode(copy.dir, 'scripts/build.mjs', '--skip-lint');
            expect(r.output).toMatch(
                new RegExp(
                    `\\[build\\] bundle\\.js \\d+ bytes raw, \\d+ bytes gzip \\(budget ${BUNDLE_BUDGET_GZIP_BYTES} gzip\\)`,
                ),
            );
            expect(r.output).toMatch(
                new RegExp(
                    `\\[build\\] FAILED: bundle\\.js is \\d+ bytes gzipped, over the ${BUNDLE_BUDGET_GZIP_BYTES}-byte gzip budget`,
                ),
            );
            expect(r.status).toBe(1);
        } finally {
            copy.dispose();
        }
    });

    it('carries a version bump to the manifest, the solution and the zip file names', () => {
        const copy = copyProject();
        try {
            edit(copy.dir, 'package.json', (t) => t.replace(/"version": "[^"]+"/, '"version": "7.8.9"'));
            const build = runNode(copy.dir, 'scripts/build.mjs', '--skip-lint');
            expect(build.status).toBe(0);
            expect(build.output).toMatch(/\[build\] bundle\.js \d+ bytes raw, \d+ bytes gzip/);
            expect(readFileSync(join(copy.dir, 'ControlManifest.Input.xml'), 'utf8')).toMatch(
                /<control [^>]*version="7\.8\.9"/,
            );
            const pack = runNode(copy.dir, 'solution/pack/solution.mjs');
            expect(pack.status).toBe(0);
            expect(readdirSync(join(copy.dir, 'dist')).sort()).toEqual([
                'EmailServerProfileAssistant_7_8_9_0.zip',
                'EmailServerProfileAssistant_7_8_9_0_managed.zip',
            ]);
            const files = unzipSync(readFileSync(join(copy.dir, 'dist', 'EmailServerProfileAssistant_7_8_9_0.zip')));
            expect(new TextDecoder().decode(files['solution.xml'])).toContain('<Version>7.8.9.0</Version>');
            const manifest = new TextDecoder().decode(
                files['Controls/esp_EmailServerProfile.ProfileAssistant/ControlManifest.xml'],
            );
            expect(manifest).toMatch(/<control [^>]*version="7\.8\.9"/);
        } finally {
            copy.dispose();
        }
    });
});
