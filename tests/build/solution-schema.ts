/**
 * Validates XML against Microsoft's published solution schemas checked in under tests/schemas/ (see its README),
 * with xmllint-wasm (libxml2). libxml2 cannot compile two constructs of these .NET-era files; each is substituted at
 * load time only, never in the checked-in files, and neither touches anything a customizations.xml of ours contains.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

const SCHEMAS = join(__dirname, '..', 'schemas');

/** What libxml2 refuses in the published files, and the load-time substitute. */
export const LIBXML2_SUBSTITUTIONS: { file: string; why: string; apply: (xsd: string) => string }[] = [
    {
        file: 'FormXml.xsd',
        why: 'FormQueryStringParameterNameAttributeType uses a .NET regex lookahead (?!…), which XSD regular expressions lack',
        apply: (xsd) =>
            xsd.replace('(?![cC][rR][mM]_)([A-Za-z0-9])+([_])+([A-Za-z0-9_])*', '([A-Za-z0-9])+([_])+([A-Za-z0-9_])*'),
    },
    {
        file: 'FormXml.xsd',
        why: "a form control's <parameters> content model is not deterministic (Unique Particle Attribution), which libxml2 enforces; it becomes any content",
        apply: (xsd) => {
            const control = xsd.indexOf('name="FormXmlControlType"');
            const parameters = xsd.indexOf('<xs:element name="parameters"', control);
            const start = xsd.indexOf('<xs:complexType>', parameters);
            const tags = /<xs:complexType[\s>]|<\/xs:complexType>/g;
            tags.lastIndex = start;
            let depth = 0;
            for (let m = tags.exec(xsd); m; m = tags.exec(xsd)) {
                depth += m[0].startsWith('</') ? -1 : 1;
                if (depth === 0)
                    return `${xsd.slice(0, start)}<xs:complexType><xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>${xsd.slice(tags.lastIndex)}`;
            }
            throw new Error('FormXmlControlType parameters not found');
        },
    },
];

function load(file: string): string {
    const text = readFileSync(join(SCHEMAS, file), 'utf8');
    return LIBXML2_SUBSTITUTIONS.filter((s) => s.file === file).reduce((xsd, s) => s.apply(xsd), text);
}

/** Validate a customizations.xml against CustomizationsSolution.xsd and the schemas it includes. */
export async function validateCustomizations(xml: string): Promise<{ valid: boolean; errors: string[] }> {
    const main = 'CustomizationsSolution.xsd';
    const result = await validateXML({
        xml: [{ fileName: 'customizations.xml', contents: xml.replace(/^\uFEFF/, '') }],
        schema: [{ fileName: main, contents: load(main) }],
        preload: readdirSync(SCHEMAS)
            .filter((f) => f.endsWith('.xsd') && f !== main)
            .map((f) => ({ fileName: f, contents: load(f) })),
    });
    return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
