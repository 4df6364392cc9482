#!/usr/bin/env node
// Packs out/controls into dist/<UniqueName>_<version>.zip (unmanaged) and ..._managed.zip, with pac's layout:
// customizations.xml, solution.xml, Controls/<prefix>_<ns>.<ctor>/…, [Content_Types].xml last, no folder entries,
// deflated, fixed timestamps so the same sources give byte-identical zips (shared/reference/toolchain.md §5).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import {
    controlName,
    readBuiltManifest,
    readPrefix,
    renderContentTypes,
    renderCustomizationsXml,
    renderSolutionXml,
    solutionVersion,
} from './layout.mjs';

const root = process.cwd();
const OUT = join(root, 'out', 'controls');
const DIST = join(root, 'dist');
// fflate stores local-time components, so a date built from local components is the same bytes in every time zone.
const FIXED_MTIME = new Date(2026, 0, 1, 0, 0, 0);

function fail(message) {
    console.error(`[solution] FAILED: ${message}`);
    process.exit(1);
}

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (!existsSync(join(OUT, 'ControlManifest.xml')))
    fail('out/controls/ControlManifest.xml is missing: run npm run build');
const manifest = readBuiltManifest(readFileSync(join(OUT, 'ControlManifest.xml'), 'utf8'));
if (manifest.version !== version) fail(`built control version ${manifest.version} ≠ package.json ${version}: rebuild`);

const solutionSource = readFileSync(join(root, 'solution', 'src', 'Other', 'Solution.xml'), 'utf8');
const customizationsSource = readFileSync(join(root, 'solution', 'src', 'Other', 'Customizations.xml'), 'utf8');
const uniqueName = /<UniqueName>([A-Za-z][A-Za-z0-9_]*)<\/UniqueName>/.exec(solutionSource)?.[1];
if (!uniqueName) fail('solution.xml has no valid UniqueName');
const name = controlName(readPrefix(solutionSource), manifest);

const controlFiles = ['ControlManifest.xml', ...manifest.files];
for (const file of controlFiles)
    if (!existsSync(join(OUT, file))) fail(`the manifest references ${file}, which the build did not produce`);

mkdirSync(DIST, { recursive: true });
for (const managed of [false, true]) {
    const entries = {};
    const add = (path, data) => (entries[path] = [data, { mtime: FIXED_MTIME, level: 9 }]);
    add('customizations.xml', strToU8(renderCustomizationsXml(customizationsSource, { name })));
    add(
        'solution.xml',
        strToU8(renderSolutionXml(solutionSource, { version: solutionVersion(version), managed, name })),
    );
    const controlPaths = controlFiles.map((file) => `Controls/${name}/${file}`);
    controlFiles.forEach((file, i) => add(controlPaths[i], readFileSync(join(OUT, file))));
    const allPaths = ['customizations.xml', 'solution.xml', ...controlPaths];
    add('[Content_Types].xml', strToU8(renderContentTypes(allPaths, [`Controls/${name}/ControlManifest.xml`])));
    // Named like a Dataverse export: <UniqueName>_<solution version with underscores>[_managed].zip
    const zipName = `${uniqueName}_${solutionVersion(version).replace(/\./g, '_')}${managed ? '_managed' : ''}.zip`;
    writeFileSync(join(DIST, zipName), zipSync(entries));
    console.log(`[solution] dist/${zipName}`);
}
