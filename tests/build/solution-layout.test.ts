/**
 * The packed solution matches what pac writes (tests/build/pac-layout.json) and its customizations.xml validates
 * against Microsoft's published solution schema (tests/schemas/), as a pac-built PCF solution does (issue 13 item 7).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { ROOT } from './project-copy';
import { validateCustomizations } from './solution-schema';
import { readZip, type ZipEntry } from './zip-reader';

type PacLayout = {
    customizations: { rootAttributes: Record<string, string>; children: string[]; customControl: string[] };
    solution: { rootAttributes: Record<string, string>; rootComponent: Record<string, string> };
    keptDifferences: Record<string, string>;
};

const pac = JSON.parse(readFileSync(join(__dirname, 'pac-layout.json'), 'utf8')) as PacLayout;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const CONTROL = 'esp_EmailServerProfile.ProfileAssistant';
const base = `EmailServerProfileAssistant_${pkg.version.replace(/\./g, '_')}_0`;
const ordered = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true });
const plain = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (n) => n === 'resx' });
const text = (e: ZipEntry) => new TextDecoder().decode(e.data).replace(/^\uFEFF/, '');

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };
/** The root element's name, attributes and child element names, in document order. */
function root(xml: string): { name: string; attributes: Record<string, string>; children: string[] } {
    const nodes = ordered.parse(xml) as OrderedNode[];
    const el = nodes.find((n) => !('?xml' in n) && !('#comment' in n)) as OrderedNode;
    const name = Object.keys(el).find((k) => k !== ':@') as string;
    const children = (el[name] as OrderedNode[])
        .map((c) => Object.keys(c).find((k) => k !== ':@' && k !== '#text' && k !== '#comment'))
        .filter((k): k is string => Boolean(k));
    return { name, attributes: el[':@'] ?? {}, children };
}

describe.each([`${base}.zip`, `${base}_managed.zip`])('%s as pac writes it', (zipName) => {
    const path = join(ROOT, 'dist', zipName);
    if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run solution" first (npm test does)`);
    const entries = readZip(readFileSync(path));
    const entry = (name: string) => entries.find((e) => e.name === name) as ZipEntry;

    it("gives customizations.xml pac's root attributes and element order", () => {
        const r = root(text(entry('customizations.xml')));
        expect(r.name).toBe('ImportExportXml');
        expect(r.attributes).toEqual(pac.customizations.rootAttributes);
        const expected = pac.customizations.children.filter((c) => !(c in pac.keptDifferences));
        expect(r.children).toEqual(expected);
    });

    it("gives solution.xml pac's root attributes and a type-66 root component", () => {
        const r = root(text(entry('solution.xml')));
        expect(r.attributes).toEqual(pac.solution.rootAttributes);
        const manifest = plain.parse(text(entry('solution.xml'))).ImportExportXml.SolutionManifest;
        expect(manifest.RootComponents.RootComponent).toMatchObject({
            '@_type': pac.solution.rootComponent.type,
            '@_behavior': pac.solution.rootComponent.behavior,
            '@_schemaName': CONTROL,
        });
    });

    it('places every resx where the built manifest names it, below the control folder', () => {
        const manifest = plain.parse(text(entry(`Controls/${CONTROL}/ControlManifest.xml`))).manifest.control;
        const resx = (manifest.resources.resx as { '@_path': string }[]).map((r) => r['@_path']);
        expect(resx).toEqual([
            'strings/ProfileAssistant.1033.resx',
            'strings/ProfileAssistant.1031.resx',
            'strings/ProfileAssistant.1036.resx',
        ]);
        for (const p of resx) expect(entries.map((e) => e.name)).toContain(`Controls/${CONTROL}/${p}`);
    });

    it("validates customizations.xml against Microsoft's CustomizationsSolution.xsd", async () => {
        const result = await validateCustomizations(text(entry('customizations.xml')));
        expect(result.errors).toEqual([]);
        expect(result.valid).toBe(true);
    });
});

describe('the schema check', () => {
    const good = readFileSync(join(ROOT, 'solution', 'src', 'Other', 'Customizations.xml'), 'utf8');

    it('rejects the root attributes an environment export carries', async () => {
        const exported = good.replace(
            '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
            '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" OrganizationVersion="9.2.24094.00184" OrganizationSchemaType="Standard" CRMServerServiceabilityVersion="9.2.24094.00184">',
        );
        expect(exported).not.toBe(good);
        const result = await validateCustomizations(exported);
        expect(result.valid).toBe(false);
        expect(result.errors.join('\n')).toMatch(
            /attribute 'OrganizationVersion': The attribute 'OrganizationVersion' is not allowed/,
        );
        expect(result.errors.join('\n')).toMatch(/CRMServerServiceabilityVersion/);
    });

    it("rejects pac's empty EntityDataProviders, the one difference we keep (pac-layout.json)", async () => {
        const withProviders = good.replace(
            '<SolutionPluginAssemblies />',
            '<SolutionPluginAssemblies />\n  <EntityDataProviders />',
        );
        const result = await validateCustomizations(withProviders);
        expect(result.valid).toBe(false);
        expect(result.errors.join('\n')).toContain("Element 'EntityDataProviders': This element is not expected.");
    });
});
