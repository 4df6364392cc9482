import { importedSolution, importVerdict } from '../../../solution/deploy/core/verdict';

const done = { statecode: 3, statuscode: 30 };
const data = (results: string, manifestResult = 'success') =>
    `<importexportxml progress="100" processed="true"><solutionManifests><solutionManifest languagecode="1033" id="EmailServerProfileAssistant" processed="true"><UniqueName>EmailServerProfileAssistant</UniqueName><Version>0.1.0.0</Version><Managed>1</Managed><result result="${manifestResult}" errorcode="0" errortext=""/></solutionManifest></solutionManifests><customControls>${results}</customControls></importexportxml>`;

describe('importVerdict', () => {
    it.each([
        [
            'statuscode 30 and only successes',
            done,
            data('<customControl id="esp_X"><result result="success" errorcode="0" errortext=""/></customControl>'),
            true,
        ],
        [
            'warnings',
            done,
            data('<customControl id="esp_X"><result result="warning" errorcode="0x1" errortext="w"/></customControl>'),
            true,
        ],
        ['statuscode 31', { statecode: 3, statuscode: 31, friendlymessage: 'Import failed.' }, data(''), false],
        ['a canceled job', { statecode: 3, statuscode: 32 }, undefined, false],
        [
            'a failing component under statuscode 30',
            done,
            data(
                '<customControl id="esp_X"><result result="failure" errorcode="0x80048033" errortext="bad"/></customControl>',
            ),
            false,
        ],
        ['a failing manifest', done, data('', 'failure'), false],
    ])('judges %s', (_name, operation, xml, ok) => {
        expect(importVerdict(operation, xml).ok).toBe(ok);
    });

    it('counts warnings without failing', () => {
        const verdict = importVerdict(
            done,
            data(
                '<c id="a"><result result="warning" errorcode="1" errortext="w"/></c><c id="b"><result result="warning" errorcode="2" errortext="w"/></c>',
            ),
        );
        expect(verdict).toMatchObject({ ok: true, warnings: 2, failures: [] });
    });

    it('lists the first ten failing components with code and text, and counts the rest', () => {
        const many = Array.from(
            { length: 12 },
            (_, i) =>
                `<customControl id="c${i}"><result result="failure" errorcode="0x8004${i}" errortext="broken ${i}"/></customControl>`,
        ).join('');
        const verdict = importVerdict(
            { statecode: 3, statuscode: 31, friendlymessage: 'The import failed.' },
            data(many),
        );
        expect(verdict.failureCount).toBe(12);
        expect(verdict.failures).toHaveLength(10);
        expect(verdict.failures[0]).toEqual({
            component: 'customControl c0',
            errorcode: '0x80040',
            errortext: 'broken 0',
        });
        expect(verdict.message).toBe('The import failed.');
    });

    it('prefers friendlymessage, then message', () => {
        expect(importVerdict({ statecode: 3, statuscode: 31, message: 'raw' }, undefined).message).toBe('raw');
        expect(
            importVerdict({ statecode: 3, statuscode: 31, message: 'raw', friendlymessage: 'friendly' }, undefined)
                .message,
        ).toBe('friendly');
    });

    it('reads the imported name and version', () => {
        expect(importedSolution(data(''))).toEqual({ uniqueName: 'EmailServerProfileAssistant', version: '0.1.0.0' });
    });
});
