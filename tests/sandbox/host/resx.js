// Reads the built ControlManifest.xml and .resx files the way the platform does: string keys → values.

/** Parse a .resx file into a Map of data name → value. */
export function parseResx(xmlText) {
    const doc = new DOMParser().parseFromString(xmlText, 'application/xml');
    const strings = new Map();
    for (const data of Array.from(doc.getElementsByTagName('data'))) {
        const name = data.getAttribute('name');
        const value = data.getElementsByTagName('value')[0];
        if (name && value) strings.set(name, value.textContent ?? '');
    }
    return strings;
}

/** Read the control name, resx paths and bound properties from the built manifest. */
export function parseManifest(xmlText) {
    const doc = new DOMParser().parseFromString(xmlText, 'application/xml');
    const control = doc.getElementsByTagName('control')[0];
    if (!control) throw new Error('ControlManifest.xml has no <control> element');
    const resx = Array.from(doc.getElementsByTagName('resx')).map((r) => r.getAttribute('path') ?? '');
    const properties = Array.from(doc.getElementsByTagName('property')).map((p) => ({
        name: p.getAttribute('name') ?? '',
        ofType: p.getAttribute('of-type') ?? '',
        usage: p.getAttribute('usage') ?? '',
        required: p.getAttribute('required') === 'true',
        displayNameKey: p.getAttribute('display-name-key') ?? '',
    }));
    return {
        name: `${control.getAttribute('namespace')}.${control.getAttribute('constructor')}`,
        displayNameKey: control.getAttribute('display-name-key') ?? '',
        resx,
        properties,
    };
}

/** The resx for an LCID: strings/X.<lcid>.resx, else the first one listed (the platform falls back likewise). */
export function resxFor(paths, languageId) {
    return paths.find((p) => p.endsWith(`.${languageId}.resx`)) ?? paths[0];
}
