/**
 * Order-preserving XML for form XML and import results (fast-xml-parser with preserveOrder, as libraries.md §0 XML
 * recommends). Entities are left as written on both sides, so text we never touch goes back byte for byte.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** One node of the ordered tree: `{ tag: children, ':@': attributes }`, or `{ '#text': '…' }`. */
export type XmlNode = { [key: string]: XmlNode[] | Record<string, string> | string | undefined };

const ATTRS = ':@';
const PREFIX = '@_';
const OPTIONS = {
    preserveOrder: true,
    ignoreAttributes: false,
    // A prefix is needed: the parser refuses an attribute literally named "constructor" without one.
    attributeNamePrefix: PREFIX,
    trimValues: false,
    processEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    commentPropName: '#comment',
    cdataPropName: '#cdata',
} as const;

/** Parse XML into the ordered tree; throws with the parser's line and column when it is not well-formed. */
export function parseXml(text: string): XmlNode[] {
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw new Error(`not well-formed XML (line ${valid.err.line}): ${valid.err.msg}`);
    return new XMLParser(OPTIONS).parse(text) as XmlNode[];
}

/** Write the tree back: compact for the server, or indented two spaces for people (diffs). */
export function buildXml(nodes: XmlNode[], pretty = false): string {
    const builder = new XMLBuilder({ ...OPTIONS, suppressEmptyNode: true, format: pretty, indentBy: '  ' });
    return builder.build(nodes).replace(/^\n/, '');
}

/** The element name of a node ('#text', '#comment' and '#cdata' for the others). */
export function tagOf(node: XmlNode): string {
    return Object.keys(node).find((key) => key !== ATTRS) ?? '';
}

/** Child nodes of an element (empty for text). */
export function childrenOf(node: XmlNode): XmlNode[] {
    const value = node[tagOf(node)];
    return Array.isArray(value) ? value : [];
}

/** Child elements with the given name. */
export function childElements(node: XmlNode, tag: string): XmlNode[] {
    return childrenOf(node).filter((child) => tagOf(child) === tag);
}

/** An attribute's value as written (entities not decoded). */
export function attrOf(node: XmlNode, name: string): string | undefined {
    const attributes = node[ATTRS] as Record<string, string> | undefined;
    return attributes?.[PREFIX + name];
}

/** Set an attribute, appending it after the existing ones. */
export function setAttr(node: XmlNode, name: string, value: string): void {
    const attributes = (node[ATTRS] as Record<string, string> | undefined) ?? {};
    attributes[PREFIX + name] = escapeXml(value);
    node[ATTRS] = attributes;
}

/** A new element; attribute values and text are escaped here. */
export function element(tag: string, attributes: Record<string, string> = {}, children: XmlNode[] = []): XmlNode {
    const node: XmlNode = { [tag]: children };
    for (const [name, value] of Object.entries(attributes)) setAttr(node, name, value);
    return node;
}

/** A text node holding `text` (escaped). */
export function textNode(text: string): XmlNode {
    return { '#text': escapeXml(text) };
}

/** The concatenated text of an element's direct text children (entities left as written). */
export function textOf(node: XmlNode): string {
    return childrenOf(node)
        .map((child) => (typeof child['#text'] === 'string' ? child['#text'] : ''))
        .join('');
}

/** Every element below `nodes` (depth first, document order) with its parent, for searching. */
export function* walk(nodes: XmlNode[], parent?: XmlNode): Generator<{ node: XmlNode; parent?: XmlNode }> {
    for (const node of nodes) {
        if (tagOf(node).startsWith('#')) continue;
        yield { node, parent };
        yield* walk(childrenOf(node), node);
    }
}

/** XML-escape text for an attribute or element. */
export function escapeXml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
