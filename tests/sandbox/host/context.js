// A ComponentFramework context as a model-driven form builds it (dataverse.md §10), from the record read through the
// emulated Web API and the signed-in sandbox user. The same object is kept and updated, as the platform does.
import { CULTURES } from './cultures.js';
import { createNavigation } from './dialogs.js';

/** Bound property → column on emailserverprofile (ControlManifest.Input.xml). */
export const BOUND_COLUMNS = { tenantId: 'exchangeonlinetenantid', applicationId: 'oauthclientid' };
const COLUMN_META = {
    exchangeonlinetenantid: { DisplayName: 'Tenant ID', MaxLength: 36 },
    oauthclientid: { DisplayName: 'Application ID', MaxLength: 1024 },
    discoveryBaseUrl: { DisplayName: 'Discovery base URL', MaxLength: 2048 },
};
const PRIVILEGE_VERBS = ['', 'Create', 'Read', 'Write', 'Delete', 'Assign', 'Share', 'Append', 'AppendTo'];

/** utils.hasEntityPrivilege from the user's privilege names (prv<Verb><Entity>), case-insensitive. */
export function makeHasEntityPrivilege(user) {
    const names = new Set((user?.privileges ?? []).map((p) => p.toLowerCase()));
    const isAdmin = (user?.roles ?? []).includes('System Administrator');
    return (entityTypeName, privilegeType) =>
        isAdmin || names.has(`prv${PRIVILEGE_VERBS[privilegeType] ?? ''}${entityTypeName}`.toLowerCase());
}

function stringProperty(column, value, editable) {
    const meta = COLUMN_META[column];
    return {
        raw: value ?? null,
        formatted: value ?? '',
        error: false,
        errorMessage: '',
        type: 'SingleLine.Text',
        security: { readable: true, editable, secured: false },
        attributes: {
            DisplayName: meta.DisplayName,
            LogicalName: column,
            Description: '',
            RequiredLevel: column === 'exchangeonlinetenantid' ? 2 : 0,
            IsSecured: false,
            SourceType: 0,
            MaxLength: meta.MaxLength,
            Format: 'Text',
        },
    };
}

/** A Decimal input property as the platform passes it: raw is a number, or null when the form leaves it empty. */
function decimalProperty(text) {
    const raw = text === null || text === '' || Number.isNaN(Number(text)) ? null : Number(text);
    return { raw, formatted: raw === null ? '' : String(raw), error: false, errorMessage: '', type: 'Decimal' };
}

/** The locale of an LCID; unknown ones fall back to English, as the platform falls back to the base language. */
export function localeOf(languageId) {
    return CULTURES[languageId] ?? CULTURES[1033];
}

/** context.formatting in the user's language. */
export function createFormatting(languageId) {
    const { tag, currencySymbol, currencyFirst } = localeOf(languageId);
    const integer = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
    const formatting = {
        formatInteger: (n) => integer.format(n),
        formatDecimal: (n, precision = 2) =>
            new Intl.NumberFormat(tag, { minimumFractionDigits: precision, maximumFractionDigits: precision }).format(
                n,
            ),
        formatCurrency: (n, precision = 2, symbol = currencySymbol) => {
            const amount = formatting.formatDecimal(n, precision);
            return currencyFirst ? `${symbol}${amount}` : `${amount} ${symbol}`;
        },
        formatDateShort: (d, includeTime) => (includeTime ? d.toLocaleString(tag) : d.toLocaleDateString(tag)),
        formatDateLong: (d) => d.toLocaleDateString(tag, { dateStyle: 'full' }),
        formatDateLongAbbreviated: (d) => d.toLocaleDateString(tag, { dateStyle: 'medium' }),
        formatDateYearMonth: (d) => d.toLocaleDateString(tag, { year: 'numeric', month: 'long' }),
        formatTime: (d) => d.toLocaleTimeString(tag),
        formatLanguage: (id) => CULTURES[id]?.name ?? String(id),
        formatUserDateTimeToUTC: (d) => d.toISOString(),
        formatUTCDateTimeToUserDate: (d) => new Date(d),
        getWeekOfYear: (d) => Math.ceil(((d - new Date(d.getFullYear(), 0, 1)) / 86_400_000 + 1) / 7),
    };
    return formatting;
}

/**
 * Build the context. `host` supplies: record (the row read from the Web API), values (column → current form value),
 * user, strings (Map, in the user's language), languageId, webAPI, recordId (undefined on a new, unsaved record, which
 * has no id before its first save: dataverse.md §10), requestRender(), container (for allocatedWidth).
 */
export function createContext(host) {
    const languageId = host.languageId ?? 1033;
    const locale = localeOf(languageId);
    const hasEntityPrivilege = makeHasEntityPrivilege(host.user);
    const canWrite = hasEntityPrivilege('emailserverprofile', 3, 0);
    const context = {
        parameters: {},
        updatedProperties: [],
        mode: {
            isControlDisabled: !canWrite,
            isVisible: true,
            label: 'Connection assistant',
            allocatedWidth: host.container.clientWidth || -1,
            allocatedHeight: -1,
            contextInfo: {
                entityId: host.recordId,
                entityTypeName: 'emailserverprofile',
                entityRecordName: host.record?.name ?? '',
            },
            setControlState: () => true,
            setFullScreen: () => undefined,
            trackContainerResize: (track) => host.trackResize(track),
        },
        // UNDOCUMENTED in the typings but present in model-driven forms (src/pcf/platform.ts).
        page: { entityId: host.recordId, entityTypeName: 'emailserverprofile', getClientUrl: () => location.origin },
        userSettings: {
            userId: `{${host.user.systemuserid.toUpperCase()}}`,
            userName: host.user.fullname,
            languageId,
            isRTL: false,
            securityRoles: host.user.roleIds ?? [],
            dateFormattingInfo: structuredClone(locale.dateFormattingInfo),
            numberFormattingInfo: {
                numberDecimalSeparator: locale.numberDecimalSeparator,
                numberGroupSeparator: locale.numberGroupSeparator,
            },
            getTimeZoneOffsetMinutes: (d) => -(d ?? new Date()).getTimezoneOffset(),
        },
        resources: {
            getString: (key) => (host.strings.has(key) ? host.strings.get(key) : key),
            getResource: (_id, _ok, fail) => fail(),
        },
        utils: {
            hasEntityPrivilege,
            getEntityMetadata: () => Promise.reject(new Error('getEntityMetadata is not emulated')),
            lookupObjects: () => Promise.resolve([]),
        },
        formatting: createFormatting(languageId),
        navigation: createNavigation(),
        webAPI: host.webAPI,
        factory: { requestRender: () => host.requestRender(), getPopupService: () => undefined },
        client: { getFormFactor: () => 1, getClient: () => 'Web', isOffline: () => false, disableScroll: false },
        device: {},
    };
    setParameters(context, host.values, canWrite, []);
    return context;
}

/** The record id after a new record's first save: the form now names the record the control sits on. */
export function setRecordId(context, recordId, recordName) {
    context.page.entityId = recordId;
    context.mode.contextInfo.entityId = recordId;
    context.mode.contextInfo.entityRecordName = recordName;
}

/** Refresh the bound parameters from the form's current values and record which ones changed. */
export function setParameters(context, values, editable, changed) {
    for (const [property, column] of Object.entries(BOUND_COLUMNS)) {
        context.parameters[property] = stringProperty(
            column,
            values[column],
            editable ?? !context.mode.isControlDisabled,
        );
    }
    // A static input set in the form editor: discovery goes to the sandbox's stand-in instead of Microsoft's hosts.
    context.parameters.discoveryBaseUrl = stringProperty('discoveryBaseUrl', `${location.origin}/_discovery`, false);
    // Another static input, set from the page's query (?pauseAfterMinutes=0.2) so a test can shorten the stall limit.
    context.parameters.pauseAfterMinutes = decimalProperty(
        new URLSearchParams(location.search).get('pauseAfterMinutes'),
    );
    context.updatedProperties = changed;
}
