/** Replace {0}, {1}… in a localised template with the given values (as text, never markup). */
export function format(template: string, ...values: (string | number)[]): string {
    return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
        const value = values[Number(index)];
        return value === undefined ? whole : String(value);
    });
}

/** A sentence used as an item of a list inside another sentence: without its closing full stop ("tenant., 2 ×"). */
export function asListItem(sentence: string): string {
    return sentence.replace(/\.\s*$/, '');
}
