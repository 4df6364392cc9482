import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { readZip, type ZipEntry } from './zip-reader';
import { BUNDLE_BUDGET_GZIP_BYTES, copyProject, ROOT, runNode } from './project-copy';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const DIST = join(ROOT, 'dist');
const CONTROL = 'esp_EmailServerProfile.ProfileAssistant';
const unmanagedName = `EmailServerProfileAssistant_${pkg.version.replace(/\./g, '_')}_0.zip`;
const managedName = unmanagedName.replace('.zip', '_managed.zip');
const text = (e: ZipEntry) => new TextDecoder().decode(e.data);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });

function load(name: string): ZipEntry[] {
    const path = join(DIST, name);
    if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run solution" first (npm test does)`);
    return readZip(readFileSync(path));
}

describe.each([
    [unmanagedName, '0'],
    [managedName, '1'],
])('solution zip %s', (zipName, managedFlag) => {
    const entries = load(zipName);
    const names = entries.map((e) => e.name);
    const byName = (n: string) => entries.find((e) => e.name === n) as ZipEntry;

    it('lists the two XML files first and [Content_Types].xml last', () => {
        expect(names.slice(0, 2)).toEqual(['customizations.xml', 'solution.xml']);
        expect(names[names.length - 1]).toBe('[Content_Types].xml');
    });

    it('has no folder entries, only deflated files with forward slashes', () => {
        expect(entries.filter((e) => e.isDirectory)).toEqual([]);
        expect(entries.every((e) => e.method === 8)).toBe(true);
        expect(names.some((n) => n.includes('\\'))).toBe(false);
    });

    it('writes solution.xml and customizations.xml with a BOM and CRLF line endings only', () => {
        for (const n of ['solution.xml', 'customizations.xml']) {
            const bytes = byName(n).data;
            expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
            const body = text(byName(n));
            expect(body).toContain('\r\n');
            expect(body.replace(/\r\n/g, '')).not.toContain('\n');
        }
    });

    it('names the control folder after publisher prefix, namespace and constructor', () => {
        const controlEntries = names.filter((n) => n.startsWith('Controls/'));
        expect(controlEntries.length).toBeGreaterThan(1);
        expect(controlEntries.every((n) => n.startsWith(`Controls/${CONTROL}/`))).toBe(true);
    });

    it('declares the control as root component type 66 with the right version and managed flag', () => {
        const manifest = parser.parse(text(byName('solution.xml'))).ImportExportXml.SolutionManifest;
        expect(manifest.RootComponents.RootComponent).toMatchObject({ '@_type': '66', '@_schemaName': CONTROL });
        expect(String(manifest.Managed)).toBe(managedFlag);
        expect(manifest.Version).toBe(`${pkg.version}.0`);
        expect(manifest.Publisher.CustomizationPrefix).toBe('esp');
        expect(manifest.UniqueName).toBe('EmailServerProfileAssistant');
    });

    it('registers the control in customizations.xml with its manifest path', () => {
        const custom = parser.parse(text(byName('customizations.xml'))).ImportExportXml.CustomControls.CustomControl;
        expect(custom).toEqual({ Name: CONTROL, FileName: `/Controls/${CONTROL}/ControlManifest.xml` });
    });

    it('contains every file the built manifest references', () => {
        const manifest = parser.parse(text(byName(`Controls/${CONTROL}/ControlManifest.xml`))).manifest.control;
        expect(manifest['@_version']).toBe(pkg.version);
        const resx = [manifest.resources.resx].flat().map((r: { '@_path': string }) => r['@_path']);
        for (const file of ['bundle.js', ...resx]) expect(names).toContain(`Controls/${CONTROL}/${file}`);
        expect(resx.length).toBeGreaterThanOrEqual(2);
    });

    it('declares a content type for every extension and overrides the control manifest', () => {
        const types = text(byName('[Content_Types].xml'));
        expect(types).not.toContain('\n');
        for (const ext of new Set(names.slice(0, -1).map((n) => n.split('.').pop()))) {
            expect(types).toContain(`<Default Extension="${ext}"`);
        }
        expect(types).toContain(`<Override PartName="/Controls/${CONTROL}/ControlManifest.xml"`);
    });
});

describe('production bundle', () => {
    it('stays within the gzip budget because React and Fluent come from the platform', () => {
        const bytes = readFileSync(join(ROOT, 'out', 'controls', 'bundle.js'));
        expect(gzipSync(bytes).length).toBeLessThanOrEqual(BUNDLE_BUDGET_GZIP_BYTES);
        const bundle = bytes.toString('utf8');
        // Markers that only exist inside React's and Fluent's own code: neither library may be bundled.
        expect(bundle).not.toMatch(/Minified React error|__SECRET_INTERNALS_DO_NOT_USE|ms-Button-flexContainer/);
        expect(bundle).toContain("registerControl('EmailServerProfile.ProfileAssistant'");
        expect(bundle).toContain('Reactv16');
        expect(bundle).toContain('FluentUIReactv81211');
    });
});

describe('packer', () => {
    it('produces byte-identical zips from the same sources', () => {
        const copy = copyProject(true);
        try {
            const first = runNode(copy.dir, 'solution/pack/solution.mjs');
            expect(first.status).toBe(0);
            const a = readdirSync(join(copy.dir, 'dist')).map((f) => readFileSync(join(copy.dir, 'dist', f)));
            const second = runNode(copy.dir, 'solution/pack/solution.mjs');
            expect(second.status).toBe(0);
            const b = readdirSync(join(copy.dir, 'dist')).map((f) => readFileSync(join(copy.dir, 'dist', f)));
            expect(a).toHaveLength(2);
            expect(b.map((x) => x.equals(a[b.indexOf(x)]))).toEqual([true, true]);
            expect(readFileSync(join(ROOT, 'dist', unmanagedName)).equals(a[0])).toBe(true);
        } finally {
            copy.dispose();
        }
    });

    it('refuses to pack when the manifest references a file the build did not produce', () => {
        const copy = copyProject(true);
        try {
            const manifestPath = join(copy.dir, 'out', 'controls', 'ControlManifest.xml');
            writeFileSync(
                manifestPath,
                readFileSync(manifestPath, 'utf8').replace(
                    '</resources>',
                    '<css path="missing.css" order="1"/></resources>',
                ),
            );
            const r = runNode(copy.dir, 'solution/pack/solution.mjs');
            expect(r.status).toBe(1);
            expect(r.output).toContain('references missing.css');
        } finally {
            copy.dispose();
        }
    });
});
