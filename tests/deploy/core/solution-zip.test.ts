import { strToU8, zipSync } from 'fflate';
import { compareVersions, planInstall, readSolutionZip } from '../../../solution/deploy/core/solution-zip';

const solutionXml = (version: string, managed: 0 | 1) =>
    `\uFEFF<?xml version="1.0" encoding="utf-8"?><ImportExportXml><SolutionManifest><UniqueName>EmailServerProfileAssistant</UniqueName><Version>${version}</Version><Managed>${managed}</Managed></SolutionManifest></ImportExportXml>`;
const customizations =
    '<ImportExportXml><CustomControls><CustomControl><Name>esp_EmailServerProfile.ProfileAssistant</Name></CustomControl></CustomControls></ImportExportXml>';
const zip = (version = '0.1.0.0', managed: 0 | 1 = 1) =>
    zipSync({ 'customizations.xml': strToU8(customizations), 'solution.xml': strToU8(solutionXml(version, managed)) });

describe('readSolutionZip', () => {
    it('reads name, version, managed flag and controls', () => {
        expect(readSolutionZip(zip())).toEqual({
            uniqueName: 'EmailServerProfileAssistant',
            version: '0.1.0.0',
            managed: true,
            controls: ['esp_EmailServerProfile.ProfileAssistant'],
        });
    });

    it('says so when the bytes are not a zip or not a solution', () => {
        expect(() => readSolutionZip(strToU8('not a zip at all'))).toThrow(/not a readable zip/);
        expect(() => readSolutionZip(zipSync({ 'a.txt': strToU8('x') }))).toThrow(/no solution\.xml/);
    });
});

describe('planInstall', () => {
    const info = (version: string, managed: boolean) => ({ uniqueName: 'S', version, managed, controls: [] });

    it('is a fresh install when nothing is installed', () => {
        expect(planInstall(info('1.0.0.0', true), undefined)).toEqual({ ok: true, kind: 'fresh' });
    });

    it('is an update to a higher version of the same kind', () => {
        expect(planInstall(info('1.0.1.0', true), { version: '1.0.0.0', ismanaged: true })).toEqual({
            ok: true,
            kind: 'update',
        });
    });

    it('warns when the version is not higher', () => {
        const plan = planInstall(info('1.0.0.0', true), { version: '1.0.0.0', ismanaged: true });
        expect(plan).toMatchObject({ ok: true, kind: 'update', warning: expect.stringMatching(/not higher/) });
    });

    it('refuses managed over unmanaged, and unmanaged over managed', () => {
        expect(planInstall(info('2.0.0.0', true), { version: '1.0.0.0', ismanaged: false })).toMatchObject({
            ok: false,
            reason: expect.stringMatching(/installed as an unmanaged/),
        });
        expect(planInstall(info('2.0.0.0', false), { version: '1.0.0.0', ismanaged: true })).toMatchObject({
            ok: false,
            reason: expect.stringMatching(/installed as a managed/),
        });
    });
});

describe('compareVersions', () => {
    it.each([
        ['1.0.10.0', '1.0.9.0', 1],
        ['1.0.0', '1.0.0.0', 0],
        ['0.9', '1.0', -1],
    ])('%s vs %s → %s', (a, b, order) => expect(compareVersions(a, b)).toBe(order));
});
