/** What a solution zip says about itself: unique name, version, managed flag, controls (toolchain.md §5). */
import { strFromU8, unzipSync } from 'fflate';
import { childElements, parseXml, tagOf, textOf, walk, type XmlNode } from './xml';

/** The facts the pre-checks compare with the environment. */
export type SolutionInfo = { uniqueName: string; version: string; managed: boolean; controls: string[] };

function firstText(nodes: XmlNode[], tag: string): string | undefined {
    for (const { node } of walk(nodes)) if (tagOf(node) === tag) return textOf(node).trim();
    return undefined;
}

/** Read solution.xml (and the custom controls of customizations.xml) from the zip's bytes; throws when it is not one. */
export function readSolutionZip(bytes: Uint8Array): SolutionInfo {
    let files: Record<string, Uint8Array>;
    try {
        files = unzipSync(bytes, { filter: (f) => f.name === 'solution.xml' || f.name === 'customizations.xml' });
    } catch {
        throw new Error('The file is not a readable zip.');
    }
    if (!files['solution.xml']) throw new Error('The zip has no solution.xml at its root: it is not a solution.');
    const solution = parseXml(strFromU8(files['solution.xml']).replace(/^\uFEFF/, ''));
    const uniqueName = firstText(solution, 'UniqueName');
    const version = firstText(solution, 'Version');
    if (!uniqueName || !version) throw new Error('solution.xml names no UniqueName or Version.');
    const controls: string[] = [];
    if (files['customizations.xml'])
        for (const { node } of walk(parseXml(strFromU8(files['customizations.xml']).replace(/^\uFEFF/, ''))))
            if (tagOf(node) === 'CustomControl') {
                const name = childElements(node, 'Name')[0];
                if (name) controls.push(textOf(name).trim());
            }
    return { uniqueName, version, managed: firstText(solution, 'Managed') === '1', controls };
}

/** Compare dotted versions numerically (1.0.10.0 > 1.0.9.0); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
    const pa = a.split('.').map(Number);
    const pb = b.split('.').map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] || 0) - (pb[i] || 0);
        if (d !== 0) return Math.sign(d);
    }
    return 0;
}

/** The solution as installed in the environment (solutions?$filter=uniquename eq …). */
export type InstalledSolution = { version: string; ismanaged: boolean };

/** What importing this zip would do, or why it must not be imported (deploy.md §2 "installed"). */
export type InstallPlan =
    { ok: true; kind: 'fresh' | 'update'; warning?: string } | { ok: false; reason: string; fix: string };

/** Fresh, update, managed-over-unmanaged (refused), unmanaged-over-managed (refused), version not higher (warned). */
export function planInstall(zip: SolutionInfo, installed: InstalledSolution | undefined): InstallPlan {
    if (!installed) return { ok: true, kind: 'fresh' };
    if (zip.managed && !installed.ismanaged)
        return {
            ok: false,
            reason: `${zip.uniqueName} is installed as an unmanaged solution; a managed zip cannot be imported over it.`,
            fix: 'Delete the unmanaged solution first (its components stay until removed), or import the unmanaged zip with --unmanaged.',
        };
    if (!zip.managed && installed.ismanaged)
        return {
            ok: false,
            reason: `${zip.uniqueName} is installed as a managed solution; an unmanaged zip cannot be imported over it.`,
            fix: 'Import the managed zip (leave out --unmanaged), or uninstall the managed solution first.',
        };
    const order = compareVersions(zip.version, installed.version);
    if (order > 0) return { ok: true, kind: 'update' };
    return {
        ok: true,
        kind: 'update',
        warning: `The zip's version ${zip.version} is not higher than the installed ${installed.version}: browsers may keep the old control (bump it with npm version patch).`,
    };
}
