/**
 * Keys of the strings in strings/ProfileAssistant.<lcid>.resx. A test checks that every key here exists in every
 * resx file and that every resx key is listed here, so a typo cannot reach the user as a raw key.
 */
export const STRING_KEYS = [
    'Header_Title',
    'Header_Kind',
    'Header_Cloud',
    'Kind_CrossTenantOAuth',
    'Kind_HybridS2S',
    'Kind_ExchangeOnline',
    'Kind_Unsupported',
    'Kind_UnsupportedDetail',
    'Cloud_Commercial',
    'Cloud_UsGov',
    'Cloud_China',
    'Cloud_Automatic',
    'Cloud_Unknown',
    'State_NewRecord',
    'State_Loading',
    'State_LoadFailed',
    'State_ReadOnly',
    'Action_Retry',
] as const;

/** A key of a user-visible string. */
export type StringKey = (typeof STRING_KEYS)[number];

/** Looks a string up by key (context.resources.getString in the platform). */
export type GetString = (key: StringKey) => string;

/** Replace {0}, {1}… in a localised template with the given values (as text, never markup). */
export function format(template: string, ...values: (string | number)[]): string {
    return template.replace(/\{(\d+)\}/g, (whole, i: string) => {
        const value = values[Number(i)];
        return value === undefined ? whole : String(value);
    });
}
