import { formatLocale } from '../core/locale';
import { normaliseGuid } from '../core/odata';
import type { ProfileRecord } from '../core/profile';
import { DataverseHttp } from '../dataverse/http';
import { fetchProfile } from '../dataverse/profile';
import type { AppProps } from '../ui/App';
import type { CredentialsChange } from '../ui/hooks/use-credentials';
import type { WorkspaceServices } from '../ui/ProfileWorkspace';
import type { GetString } from '../ui/strings';
import type { IInputs } from '../../generated/ManifestTypes';
import { createBrowserServices } from './browser';
import { createConnectionActions } from './connection-actions';
import { createMailboxActions } from './mailbox-actions';
import { readClientUrl, readEntityId } from './platform';
import { keepRetryAfterAcrossReloads } from './retry-after-store';

/** Services built once per control instance; actions are cached so React effects do not re-run per render. */
export type Services = {
    http: DataverseHttp;
    onCredentialsChange: (change: CredentialsChange) => void;
    cache?: { profileId: string; actions: Pick<WorkspaceServices, 'connection' | 'mailboxes' | 'copyText'> };
};

/** Build the Web API client for this page: same-origin fetch, the session cookie authenticates. */
export function createServices(
    context: ComponentFramework.Context<IInputs>,
    onCredentialsChange: (change: CredentialsChange) => void = () => undefined,
): Services {
    const origin = typeof window === 'undefined' ? '' : window.location.origin;
    const baseUrl = readClientUrl(context, origin);
    const http = new DataverseHttp(baseUrl, (url, init) => fetch(url, init), {
        stallLimitMs: stallLimitOf(context.parameters.pauseAfterMinutes?.raw),
    });
    // Before any request of this page: a Retry-After the page had before a reload still holds.
    keepRetryAfterAcrossReloads(http.gate, createBrowserServices(() => undefined).storage);
    return { http, onCredentialsChange };
}

/** The pauseAfterMinutes input in ms; empty, zero or negative keeps the client's default. */
function stallLimitOf(minutes: number | null | undefined): number | undefined {
    return typeof minutes === 'number' && minutes > 0 ? minutes * 60_000 : undefined;
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
        connection: createConnectionActions(services.http, profileId, context.parameters.discoveryBaseUrl?.raw),
        mailboxes: createMailboxActions(
            services.http,
            profileId,
            { userId, userName: context.userSettings.userName, getString, locale: localeOf(context) },
            browser,
        ),
        copyText: browser.copyText,
    };
    services.cache = { profileId, actions };
    return actions;
}

/** Numbers and dates in the language of the strings the admin reads (core/locale.ts). */
function localeOf(context: ComponentFramework.Context<IInputs>): string {
    const browser = typeof navigator === 'undefined' ? undefined : navigator.language;
    return formatLocale(context.userSettings.languageId, browser);
}

/** Turn the PCF context into the App's props. */
export function toAppProps(context: ComponentFramework.Context<IInputs>, services: Services): AppProps {
    const profileId = normaliseGuid(readEntityId(context));
    const getString = ((key) => context.resources.getString(key)) as GetString;
    const loadProfile = (signal: AbortSignal): Promise<ProfileRecord> =>
        profileId ? fetchProfile(services.http, profileId, signal) : Promise.reject(new Error('unsaved'));
    const workspace: WorkspaceServices | undefined = profileId
        ? {
              ...actionsFor(context, services, profileId, getString),
              onCredentialsChange: services.onCredentialsChange,
              formValues: {
                  tenantId: context.parameters.tenantId.raw,
                  applicationId: context.parameters.applicationId.raw,
              },
              today: new Date(),
              locale: localeOf(context),
              firstDayOfWeek: context.userSettings.dateFormattingInfo?.firstDayOfWeek,
          }
        : undefined;
    return { profileId, isReadOnly: context.mode.isControlDisabled, getString, loadProfile, services: workspace };
}
