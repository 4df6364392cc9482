import type { DateFormat } from '../core/date-format';
import { stringsLanguage } from '../core/locale';
import { normaliseGuid } from '../core/odata';
import { DataverseUnreachableError, type ProfileRecord } from '../core/profile';
import { DataverseError, NETWORK_ERROR_STATUS, UNREADABLE_BODY_CODE } from '../dataverse/errors';
import { DataverseHttp } from '../dataverse/http';
import { fetchProfile } from '../dataverse/profile';
import type { AppProps } from '../ui/App';
import type { CredentialsChange } from '../ui/hooks/use-credentials';
import type { WorkspaceServices } from '../ui/ProfileWorkspace';
import type { GetString } from '../ui/strings';
import type { UserLocale } from '../ui/texts';
import type { IInputs } from '../../generated/ManifestTypes';
import { createBrowserServices } from './browser';
import { createConnectionActions } from './connection-actions';
import { createMailboxActions } from './mailbox-actions';
import { createOverviewActions } from './overview-actions';
import { readClientUrl, readEntityId } from './platform';
import { keepRetryAfterAcrossReloads } from './retry-after-store';
import { loadUserStrings } from './strings';

/** Services built once per control instance; actions are cached so React effects do not re-run per render. */
export type Services = {
    http: DataverseHttp;
    onCredentialsChange: (change: CredentialsChange) => void;
    /** The strings of the user's language when the host's are of another one (src/pcf/strings.ts). */
    strings?: Promise<GetString>;
    cache?: {
        profileId: string;
        actions: Pick<WorkspaceServices, 'connection' | 'mailboxes' | 'overview' | 'copyText'>;
    };
    /** The locale of the last updateView, kept while the user's language stays the same (App memoises on it). */
    locale?: { languageId: number | undefined; value: UserLocale };
};

/** Build the Web API client for this page (same-origin fetch, the session cookie authenticates) and its strings. */
export function createServices(
    context: ComponentFramework.Context<IInputs>,
    onCredentialsChange: (change: CredentialsChange) => void = () => undefined,
): Services {
    const origin = typeof window === 'undefined' ? '' : window.location.origin;
    const baseUrl = readClientUrl(origin);
    const http = new DataverseHttp(baseUrl, (url, init) => fetch(url, init), {
        stallLimitMs: stallLimitOf(context.parameters.pauseAfterMinutes?.raw),
    });
    // Before any request of this page: a Retry-After the page had before a reload still holds.
    keepRetryAfterAcrossReloads(http.gate, createBrowserServices(() => undefined).storage);
    const strings = loadUserStrings(context.userSettings?.languageId, (key) => context.resources.getString(key));
    return { http, onCredentialsChange, strings };
}

/** The pauseAfterMinutes input in ms; empty, zero or negative keeps the client's default. */
function stallLimitOf(minutes: number | null | undefined): number | undefined {
    return typeof minutes === 'number' && minutes > 0 ? minutes * 60_000 : undefined;
}

/** No answer, or an answer that is not Dataverse's: the page has no Web API to talk to (issue 13). */
function isUnreachable(error: unknown): boolean {
    return (
        error instanceof DataverseError &&
        (error.status === NETWORK_ERROR_STATUS || error.code === UNREADABLE_BODY_CODE)
    );
}

function readProfile(services: Services, profileId: string, signal: AbortSignal): Promise<ProfileRecord> {
    return fetchProfile(services.http, profileId, signal).catch((error: unknown) => {
        throw isUnreachable(error) ? new DataverseUnreachableError((error as Error).message) : error;
    });
}

function actionsFor(
    context: ComponentFramework.Context<IInputs>,
    services: Services,
    profileId: string,
    getString: GetString,
) {
    if (services.cache?.profileId === profileId) return services.cache.actions;
    const browser = createBrowserServices((url) => context.navigation.openUrl(url));
    const userId = normaliseGuid(context.userSettings.userId) ?? '';
    const actions = {
        connection: createConnectionActions(
            services.http,
            profileId,
            context.parameters.discoveryBaseUrl?.raw,
            context.userSettings.userName,
        ),
        mailboxes: createMailboxActions(
            services.http,
            profileId,
            {
                userId,
                userName: context.userSettings.userName,
                getString,
                locale: localeOf(context, services).language,
            },
            browser,
        ),
        overview: createOverviewActions(services.http, profileId),
        copyText: browser.copyText,
    };
    services.cache = { profileId, actions };
    return actions;
}

const DATE_FORMAT_FIELDS: readonly (keyof DateFormat)[] = [
    'shortDatePattern',
    'shortTimePattern',
    'longDatePattern',
    'yearMonthPattern',
    'monthNames',
    'abbreviatedMonthNames',
    'dayNames',
    'abbreviatedDayNames',
    'shortestDayNames',
    'amDesignator',
    'pmDesignator',
    'dateSeparator',
    'timeSeparator',
    'firstDayOfWeek',
];

/** userSettings.dateFormattingInfo when the host gives all the control uses; a partial one is not guessed at. */
function dateFormatOf(context: ComponentFramework.Context<IInputs>): DateFormat | undefined {
    const info = context.userSettings.dateFormattingInfo as Partial<Record<keyof DateFormat, unknown>> | undefined;
    if (!info || DATE_FORMAT_FIELDS.some((field) => info[field] === undefined || info[field] === null))
        return undefined;
    return info as unknown as DateFormat;
}

/**
 * The user's language and formats from the documented userSettings and formatting members (PCF reference), each
 * checked, since a host such as Microsoft's test harness may leave some out. Kept while the language stays the same.
 */
function localeOf(context: ComponentFramework.Context<IInputs>, services: Services): UserLocale {
    const languageId = context.userSettings.languageId;
    if (services.locale?.languageId === languageId) return services.locale.value;
    const { userSettings, formatting } = context;
    const value: UserLocale = {
        language: stringsLanguage(languageId),
        dateFormat: dateFormatOf(context),
        timeZoneOffset:
            typeof userSettings.getTimeZoneOffsetMinutes === 'function'
                ? (instant) => userSettings.getTimeZoneOffsetMinutes(instant)
                : undefined,
        formatInteger:
            typeof formatting?.formatInteger === 'function' ? (number) => formatting.formatInteger(number) : undefined,
    };
    services.locale = { languageId, value };
    return value;
}

/** Turn the PCF context into the App's props. */
export function toAppProps(context: ComponentFramework.Context<IInputs>, services: Services): AppProps {
    const profileId = normaliseGuid(readEntityId(context));
    const getString = ((key) => context.resources.getString(key)) as GetString;
    const loadProfile = (signal: AbortSignal): Promise<ProfileRecord> =>
        profileId ? readProfile(services, profileId, signal) : Promise.reject(new Error('unsaved'));
    const workspace: WorkspaceServices | undefined = profileId
        ? {
              ...actionsFor(context, services, profileId, getString),
              onCredentialsChange: services.onCredentialsChange,
              formValues: {
                  tenantId: context.parameters.tenantId.raw,
                  applicationId: context.parameters.applicationId.raw,
              },
              today: new Date(),
              userName: context.userSettings.userName,
          }
        : undefined;
    const locale = localeOf(context, services);
    return {
        profileId,
        isReadOnly: context.mode.isControlDisabled,
        getString,
        strings: services.strings,
        locale,
        loadProfile,
        services: workspace,
    };
}
