// Pure functions that lay out a Dataverse solution zip the way pac's SolutionPackager does
// (shared/reference/toolchain.md §5). Kept free of file I/O so tests can call them directly.
import { XMLParser } from 'fast-xml-parser';

const BOM = '\uFEFF';

/** Text with a UTF-8 BOM and CRLF line endings, as pac writes solution.xml and customizations.xml. */
export function withBomCrlf(text) {
    const body = text
        .replace(/^\uFEFF/, '')
        .replace(/\r\n/g, '\n')
        .replace(/\n/g, '\r\n');
    return BOM + body;
}

/** Solution version: four parts, from package.json's MAJOR.MINOR.PATCH (toolchain.md §5.3, §5.7). */
export function solutionVersion(packageVersion) {
    if (!/^\d+\.\d+\.\d+$/.test(packageVersion)) throw new Error(`Unsupported version "${packageVersion}"`);
    return `${packageVersion}.0`;
}

/** Read what the packer needs from the built ControlManifest.xml (namespace, constructor, version, resources). */
export function readBuiltManifest(xml) {
    // A prefix is needed: the parser refuses an attribute literally named "constructor" (prototype-pollution guard).
    const parser = new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '@_',
        isArray: (name) => ['resx', 'css', 'img', 'html', 'code'].includes(name),
    });
    const control = parser.parse(xml).manifest.control;
    const resources = control.resources ?? {};
    const files = [];
    for (const kind of ['code', 'css', 'resx', 'img', 'html'])
        for (const r of resources[kind] ?? []) files.push(r['@_path']);
    return {
        namespace: control['@_namespace'],
        constructor: control['@_constructor'],
        version: control['@_version'],
        files,
    };
}

/** The control's folder and schema name: <publisher prefix>_<namespace>.<constructor> (toolchain.md §5.1). */
export function controlName(prefix, manifest) {
    return `${prefix}_${manifest.namespace}.${manifest.constructor}`;
}

/** Read the publisher prefix from the solution source. */
export function readPrefix(solutionXml) {
    const match = /<CustomizationPrefix>([a-z][a-z0-9]{1,7})<\/CustomizationPrefix>/.exec(solutionXml);
    if (!match) throw new Error('solution.xml has no valid CustomizationPrefix (2-8 lowercase characters)');
    return match[1];
}

function replaceElement(xml, name, content) {
    const empty = new RegExp(`<${name}\\s*/>`);
    const full = new RegExp(`<${name}>[\\s\\S]*?</${name}>`);
    const replacement = `<${name}>${content}</${name}>`;
    if (full.test(xml)) return xml.replace(full, replacement);
    if (empty.test(xml)) return xml.replace(empty, replacement);
    throw new Error(`<${name}> not found in the solution source`);
}

/** solution.xml for one build: version, managed flag and the type-66 root component. */
export function renderSolutionXml(source, { version, managed, name }) {
    let xml = replaceElement(source, 'Version', version);
    xml = replaceElement(xml, 'Managed', managed ? '1' : '0');
    xml = replaceElement(
        xml,
        'RootComponents',
        `\n      <RootComponent type="66" schemaName="${name}" behavior="0" />\n    `,
    );
    return withBomCrlf(xml);
}

/** customizations.xml with the CustomControl entry pac fills in at pack time (toolchain.md §5.4). */
export function renderCustomizationsXml(source, { name }) {
    const entry = `\n    <CustomControl>\n      <Name>${name}</Name>\n      <FileName>/Controls/${name}/ControlManifest.xml</FileName>\n    </CustomControl>\n  `;
    return withBomCrlf(replaceElement(source, 'CustomControls', entry));
}

/** [Content_Types].xml: a Default per extension, an Override per control manifest, one line (toolchain.md §5.2). */
export function renderContentTypes(paths, manifestPaths) {
    const extensions = [...new Set(paths.map((p) => p.slice(p.lastIndexOf('.') + 1).toLowerCase()))];
    const defaults = extensions
        .map(
            (ext) =>
                `<Default Extension="${ext}" ContentType="${ext === 'xml' ? 'text/xml' : 'application/octet-stream'}" />`,
        )
        .join('');
    const overrides = manifestPaths
        .map((p) => `<Override PartName="/${p}" ContentType="application/octet-stream" />`)
        .join('');
    return `${BOM}<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${defaults}${overrides}</Types>`;
}
