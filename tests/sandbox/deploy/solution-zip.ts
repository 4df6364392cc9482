/**
 * Reads a solution zip the way an import does (toolchain.md §5): solution.xml and customizations.xml at the root,
 * each CustomControl's manifest and the files it names under Controls/<name>/, [Content_Types].xml present. A zip
 * that fails any of this is "not a valid solution file"; what it carries is returned for the import to apply.
 */
import { unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';

/** One custom control inside the zip. */
export type ZipControl = {
    name: string;
    version: string;
    /** Path below Controls/<name>/ → bytes (ControlManifest.xml, bundle.js, strings/…). */
    files: Map<string, Uint8Array>;
};

/** What an import needs from a solution zip. */
export type SolutionPackage = {
    uniqueName: string;
    friendlyName: string;
    version: string;
    managed: boolean;
    publisher: string;
    prefix: string;
    rootComponents: { type: number; schemaName?: string }[];
    controls: ZipControl[];
};

/** A zip the platform would refuse, with the reason in Dataverse's words where we know them. */
export class InvalidSolutionFile extends Error {}

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    isArray: (name) =>
        ['RootComponent', 'CustomControl', 'LocalizedName', 'resx', 'css', 'img', 'html', 'code'].includes(name),
});

type Node = Record<string, unknown>;
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
const VERSION = /^\d+(\.\d+){1,3}$/;

function parseXml(entries: Record<string, Uint8Array>, name: string): Node {
    const bytes = entries[name];
    if (!bytes) throw new InvalidSolutionFile(`The solution file is invalid: ${name} is missing.`);
    try {
        return parser.parse(text(bytes), true) as Node;
    } catch (e) {
        throw new InvalidSolutionFile(
            `The solution file is invalid: ${name} is not well-formed XML (${(e as Error).message}).`,
        );
    }
}

function readControl(entries: Record<string, Uint8Array>, control: Node): ZipControl {
    const name = String(control.Name ?? '');
    const fileName = String(control.FileName ?? '').replace(/^\//, '');
    if (!name || !fileName)
        throw new InvalidSolutionFile('The solution file is invalid: a CustomControl has no Name or FileName.');
    const folder = fileName.slice(0, fileName.lastIndexOf('/') + 1);
    const manifest = parseXml(entries, fileName).manifest as Node | undefined;
    const c = (manifest?.control ?? {}) as Node;
    const version = String(c['@_version'] ?? '');
    if (!VERSION.test(version))
        throw new InvalidSolutionFile(`The solution file is invalid: ${fileName} has no control version.`);
    const resources = (c.resources ?? {}) as Node;
    const files = new Map<string, Uint8Array>();
    files.set('ControlManifest.xml', entries[fileName]);
    for (const kind of ['code', 'css', 'resx', 'img', 'html'])
        for (const r of (resources[kind] as Node[] | undefined) ?? []) {
            const path = String(r['@_path'] ?? '');
            const bytes = entries[folder + path];
            if (!bytes)
                throw new InvalidSolutionFile(
                    `The solution file is invalid: ${folder}${path} named by the manifest is missing.`,
                );
            files.set(path, bytes);
        }
    return { name, version, files };
}

/** Parse a base64 CustomizationFile; throws InvalidSolutionFile for anything an import would refuse. */
export function readSolutionZip(base64: string): SolutionPackage {
    let entries: Record<string, Uint8Array>;
    try {
        const bytes = Buffer.from(base64, 'base64');
        if (bytes.length === 0) throw new Error('empty');
        entries = unzipSync(bytes);
    } catch {
        throw new InvalidSolutionFile('The solution file is invalid. The compressed file must be a valid .zip file.');
    }
    if (!entries['[Content_Types].xml'])
        throw new InvalidSolutionFile('The solution file is invalid: [Content_Types].xml is missing.');
    const manifest = (parseXml(entries, 'solution.xml').ImportExportXml as Node | undefined)?.SolutionManifest as
        Node | undefined;
    if (!manifest) throw new InvalidSolutionFile('The solution file is invalid: solution.xml has no SolutionManifest.');
    const customizations = parseXml(entries, 'customizations.xml').ImportExportXml as Node | undefined;
    if (!customizations)
        throw new InvalidSolutionFile('The solution file is invalid: customizations.xml has no ImportExportXml.');
    const uniqueName = String(manifest.UniqueName ?? '');
    const version = String(manifest.Version ?? '');
    const managed = String(manifest.Managed ?? '');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(uniqueName))
        throw new InvalidSolutionFile('The solution file is invalid: UniqueName is missing or not valid.');
    if (!VERSION.test(version))
        throw new InvalidSolutionFile(`The solution file is invalid: version "${version}" is not valid.`);
    if (managed !== '0' && managed !== '1')
        throw new InvalidSolutionFile('The solution file is invalid: Managed must be 0 or 1 in a packed solution.');
    const publisher = (manifest.Publisher ?? {}) as Node;
    const names = ((manifest.LocalizedNames as Node | undefined)?.LocalizedName as Node[] | undefined) ?? [];
    const controls = (
        ((customizations.CustomControls as Node | undefined)?.CustomControl as Node[] | undefined) ?? []
    ).map((c) => readControl(entries, c));
    const rootComponents = (
        ((manifest.RootComponents as Node | undefined)?.RootComponent as Node[] | undefined) ?? []
    ).map((r) => ({ type: Number(r['@_type']), schemaName: r['@_schemaName'] as string | undefined }));
    for (const r of rootComponents)
        if (r.type === 66 && !controls.some((c) => c.name === r.schemaName))
            throw new InvalidSolutionFile(
                `The solution file is invalid: root component ${String(r.schemaName)} is not in customizations.xml.`,
            );
    return {
        uniqueName,
        friendlyName: String(
            names.find((n) => String(n['@_languagecode']) === '1033')?.['@_description'] ?? uniqueName,
        ),
        version,
        managed: managed === '1',
        publisher: String(publisher.UniqueName ?? ''),
        prefix: String(publisher.CustomizationPrefix ?? ''),
        rootComponents,
        controls,
    };
}

/** Compare dotted versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
    const pa = a.split('.').map(Number);
    const pb = b.split('.').map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0) return d;
    }
    return 0;
}
