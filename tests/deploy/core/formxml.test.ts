import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BINDINGS, CONTROL_NAME, HOST_COLUMN } from '../../../solution/deploy/control';
import {
    checkFormXml,
    FormXmlError,
    inspectPlacement,
    placeControl,
    removeControl,
} from '../../../solution/deploy/core/formxml';
import { buildXml, parseXml, type XmlNode } from '../../../solution/deploy/core/xml';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8').trim();
const STOCK = fixture('information-form.xml');
const NO_FIELD = fixture('no-field-form.xml');

function ids() {
    let n = 0;
    return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}
const place = (xml: string, extra: { force?: boolean } = {}) =>
    placeControl(xml, {
        controlName: CONTROL_NAME,
        hostColumn: HOST_COLUMN,
        bindings: BINDINGS,
        newId: ids(),
        ...extra,
    });

/** Drop every node `drop` selects, recursively, so two trees can be compared without our additions. */
function without(nodes: XmlNode[], drop: (node: XmlNode) => boolean): XmlNode[] {
    return nodes
        .filter((n) => !drop(n))
        .map((n) => {
            const copy: XmlNode = { ...n };
            for (const [key, value] of Object.entries(n))
                if (key !== ':@' && Array.isArray(value)) copy[key] = without(value, drop);
            return copy;
        });
}

describe('formxml', () => {
    it('goes back byte for byte apart from self-closing spacing when nothing is edited', () => {
        const normalise = (s: string) => s.replace(/\s*\/>/g, '/>').replace(/<(\w+)([^>]*)><\/\1>/g, '<$1$2/>');
        expect(buildXml(parseXml(STOCK))).toBe(normalise(STOCK));
    });

    it('binds the control on Web, Tablet and Phone and keeps the text box as the default', () => {
        const result = place(STOCK);
        expect(result.changed).toBe(true);
        expect(inspectPlacement(result.xml, CONTROL_NAME, HOST_COLUMN)).toEqual({
            hasField: true,
            factors: ['0', '1', '2'],
            foreign: [],
        });
        expect(result.xml).toContain(
            '<control id="exchangeonlinetenantid" classid="{4273EDBD-AC1D-40D3-9FB2-095C621B552D}" datafieldname="exchangeonlinetenantid" disabled="false" uniqueid="{00000000-0000-4000-8000-000000000001}"/>',
        );
        expect(result.xml).toContain(
            '<controlDescriptions><controlDescription forControl="{00000000-0000-4000-8000-000000000001}"><customControl id="{4273EDBD-AC1D-40D3-9FB2-095C621B552D}"><parameters><datafieldname>exchangeonlinetenantid</datafieldname></parameters></customControl><customControl formFactor="0" name="esp_EmailServerProfile.ProfileAssistant"><parameters><tenantId>exchangeonlinetenantid</tenantId><applicationId>oauthclientid</applicationId></parameters></customControl>',
        );
        expect(checkFormXml(result.xml)).toEqual([]);
    });

    it('changes only our additions (round trip of everything else)', () => {
        const placed = parseXml(place(STOCK).xml);
        const ours = (n: XmlNode) => 'controlDescriptions' in n;
        const stripped = without(placed, ours);
        // The uniqueid we added is the only other difference.
        const host = JSON.stringify(stripped).replace(',"@_uniqueid":"{00000000-0000-4000-8000-000000000001}"', '');
        expect(JSON.parse(host)).toEqual(parseXml(STOCK));
    });

    it('changes nothing when the control is placed twice', () => {
        const once = place(STOCK);
        const twice = place(once.xml);
        expect(twice.changed).toBe(false);
        expect(twice.xml).toBe(once.xml);
    });

    it('adds the field in a one-column section where the form lacks it', () => {
        const result = place(NO_FIELD);
        expect(inspectPlacement(NO_FIELD, CONTROL_NAME, HOST_COLUMN).hasField).toBe(false);
        expect(inspectPlacement(result.xml, CONTROL_NAME, HOST_COLUMN)).toMatchObject({
            hasField: true,
            factors: ['0', '1', '2'],
        });
        expect(result.xml).toMatch(/<section name="esp_ProfileAssistant" showlabel="true" showbar="false" columns="1"/);
        expect(result.notes.join(' ')).toMatch(/one-column section/);
        expect(checkFormXml(result.xml)).toEqual([]);
    });

    it('refuses to replace another code component unless forced', () => {
        const foreign = place(STOCK).xml.replace(
            /name="esp_EmailServerProfile.ProfileAssistant"/,
            'name="abc_Other.Control"',
        );
        expect(() => place(foreign)).toThrow(FormXmlError);
        expect(() => place(foreign)).toThrow(/abc_Other\.Control/);
        const forced = place(foreign, { force: true });
        expect(inspectPlacement(forced.xml, CONTROL_NAME, HOST_COLUMN).factors).toEqual(['0', '1', '2']);
        expect(forced.notes.join(' ')).toMatch(/Replaced abc_Other\.Control/);
    });

    it('puts the default control back on remove (only the uniqueid stays)', () => {
        const removed = removeControl(place(STOCK).xml, CONTROL_NAME);
        expect(removed.changed).toBe(true);
        expect(removed.xml).not.toContain(CONTROL_NAME);
        expect(removed.xml).not.toContain('controlDescriptions');
        expect(removed.xml.replace(/ uniqueid="\{[^}]+\}"/, '')).toBe(buildXml(parseXml(STOCK)));
    });

    it('removes the section it added, leaving the form as it was', () => {
        const removed = removeControl(place(NO_FIELD).xml, CONTROL_NAME);
        expect(removed.xml).toBe(buildXml(parseXml(NO_FIELD)));
        expect(removed.notes.join(' ')).toMatch(/Removed the section/);
    });

    it('reports nothing to change when removing from a form without the control', () => {
        expect(removeControl(STOCK, CONTROL_NAME).changed).toBe(false);
    });

    it('finds a controlDescription that points at no control', () => {
        const broken = place(STOCK).xml.replace(
            'forControl="{00000000-0000-4000-8000-000000000001}"',
            'forControl="{deadbeef-0000-4000-8000-000000000000}"',
        );
        expect(checkFormXml(broken)).toEqual([expect.stringMatching(/matches 0 controls/)]);
    });

    it('reports XML that is not well-formed instead of editing it', () => {
        expect(checkFormXml('<form><tabs></form>')[0]).toMatch(/not well-formed/);
        expect(() => place('<form><tabs></form>')).toThrow(/not well-formed/);
    });
});
