/**
 * The manifest declares the outside hosts the control calls from the browser (issue 13 item 6): tenant discovery asks
 * the Microsoft Entra sign-in hosts for OpenID metadata. The schema form is Microsoft's
 * `<external-service-usage enabled="true"><domain>…</domain></external-service-usage>`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { discoveryOrder } from '../../src/core/credentials/discovery';

type Usage = { '@_enabled': string; domain?: string[] };
const manifest = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'domain' }).parse(
    readFileSync(join(__dirname, '..', '..', 'ControlManifest.Input.xml'), 'utf8'),
) as { manifest: { control: { 'external-service-usage': Usage } } };
const usage = manifest.manifest.control['external-service-usage'];

describe('external-service-usage in the manifest', () => {
    it('is enabled, since the browser calls the sign-in hosts', () => {
        expect(usage['@_enabled']).toBe('true');
    });

    it('names exactly the hosts tenant discovery can ask, for every server authority', () => {
        const called = new Set([0, 1, 2, 3, null].flatMap((authority) => discoveryOrder(authority)));
        expect([...(usage.domain ?? [])].sort()).toEqual([...called].sort());
    });
});
