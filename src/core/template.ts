/** Replace {0}, {1}… in a localised template with the given values (as text, never markup). */
export function format(template: string, ...values: (string | number)[]): string {
    return template.replace(/\{(\d+)\}/g, (whole, i: string) => {
        const value = values[Number(i)];
        return value === undefined ? whole : String(value);
    });
}
