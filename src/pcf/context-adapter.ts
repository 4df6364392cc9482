import { normaliseGuid } from '../core/odata';
import type { ProfileRecord } from '../core/profile';
import { DataverseHttp } from '../dataverse/http';
import { fetchProfile } from '../dataverse/profile';
import type { AppProps } from '../ui/App';
import type { GetString } from '../ui/strings';
import type { IInputs } from '../../generated/ManifestTypes';
import { readClientUrl, readEntityId, type ContextExtras } from './platform';

/** Services built once per control instance. */
export type Services = { http: DataverseHttp };

/** Build the Web API client for this page: same-origin fetch, the session cookie authenticates. */
export function createServices(context: ComponentFramework.Context<IInputs>): Services {
    const origin = typeof window === 'undefined' ? '' : window.location.origin;
    const baseUrl = readClientUrl(context, origin);
    return { http: new DataverseHttp(baseUrl, (url, init) => fetch(url, init)) };
}

/** Turn the PCF context into the App's props; pure apart from the closures it hands over. */
export function toAppProps(context: ComponentFramework.Context<IInputs>, services: Services): AppProps {
    const extras = context as unknown as ContextExtras;
    const profileId = normaliseGuid(readEntityId(extras));
    const getString = ((key) => context.resources.getString(key)) as GetString;
    const loadProfile = (signal: AbortSignal): Promise<ProfileRecord> =>
        profileId ? fetchProfile(services.http, profileId, signal) : Promise.reject(new Error('unsaved'));
    return { profileId, isReadOnly: context.mode.isControlDisabled, getString, loadProfile };
}
