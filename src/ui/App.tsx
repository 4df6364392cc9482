import * as React from 'react';
import {
    Customizer,
    DefaultButton,
    getId,
    type IButton,
    LayerHost,
    MessageBar,
    MessageBarType,
    Spinner,
    Stack,
    Text,
} from '@fluentui/react';
import type { ProfileRecord } from '../core/profile';
import { useInterruptedRun } from './hooks/use-interrupted-run';
import { useLoadedStrings } from './hooks/use-loaded-strings';
import { useProfile, type ProfileState } from './hooks/use-profile';
import {
    formDiffersFromRecord,
    ProfileWorkspace,
    type InterruptedRunProps,
    type WorkspaceServices,
} from './ProfileWorkspace';
import { InterruptedRunNotice } from './run/InterruptedRunNotice';
import { format, type GetString } from './strings';
import { createTexts, TextsProvider, type UserLocale } from './texts';

/** Everything the control needs from the platform, already adapted (see src/pcf/context-adapter.ts). */
export type AppProps = {
    profileId: string | undefined;
    isReadOnly: boolean;
    getString: GetString;
    /** The strings of the user's language when the host's are of another one; the App waits for them. */
    strings?: Promise<GetString>;
    /** The user's language and formats (English formats when absent). */
    locale?: UserLocale;
    loadProfile: (signal: AbortSignal) => Promise<ProfileRecord>;
    /** Absent on a new, unsaved record. */
    services?: WorkspaceServices;
};

// Quiet time after an update from the form before the record is read again.
const RECHECK_SAVED_MS = 1000;

/**
 * PCF has no "form saved" event, only updateView (new services each time). While the form's IDs differ from the
 * record as read, read it again after each update, so a Save ends "save the form first" without a reload.
 */
function useRecheckWhileDirty(state: ProfileState, services: WorkspaceServices | undefined, refresh: () => void) {
    const isDirty =
        state.status === 'loaded' &&
        services !== undefined &&
        formDiffersFromRecord(services.formValues, state.profile);
    React.useEffect(() => {
        if (!isDirty) return undefined;
        const timer = window.setTimeout(refresh, RECHECK_SAVED_MS);
        return () => window.clearTimeout(timer);
    }, [isDirty, services, refresh]);
}

type RetryButtonProps = { label: string; onRetry: () => void; retried: React.MutableRefObject<boolean> };

/** Try again. The retry's spinner replaces it, so when the retry fails again it takes the focus back once. */
function RetryButton({ label, onRetry, retried }: RetryButtonProps) {
    const button = React.useRef<IButton>(null);
    React.useEffect(() => {
        if (!retried.current) return;
        retried.current = false;
        button.current?.focus();
    }, [retried]);
    const retry = () => {
        retried.current = true;
        onRetry();
    };
    return (
        <DefaultButton componentRef={button} onClick={retry}>
            {label}
        </DefaultButton>
    );
}

type LoadedBodyProps = Pick<AppProps, 'isReadOnly' | 'getString'> & {
    state: ProfileState;
    reload: () => void;
    services: WorkspaceServices;
    interrupted: InterruptedRunProps;
};

/** The workspace once the record is read; till then a spinner, or why it could not be read and Try again. */
function LoadedBody({ state, reload, isReadOnly, getString, services, interrupted }: LoadedBodyProps) {
    const retried = React.useRef(false);
    const retryButton = <RetryButton label={getString('Action_Retry')} onRetry={reload} retried={retried} />;
    if (state.status === 'loading') return <Spinner label={getString('State_Loading')} />;
    if (state.status === 'failed' && state.isUnreachable) {
        // Plain text, no MessageBar: a host without Dataverse may lack the platform's icon font too (pcf-start offline).
        return (
            <Stack tokens={{ childrenGap: 8 }} horizontalAlign="start">
                <Text block role="alert">
                    {getString('State_NoDataverse')}
                </Text>
                {retryButton}
            </Stack>
        );
    }
    if (state.status === 'failed') {
        return (
            <MessageBar messageBarType={MessageBarType.error} actions={retryButton}>
                {format(getString('State_LoadFailed'), state.message)}
            </MessageBar>
        );
    }
    return (
        <ProfileWorkspace
            profile={state.profile}
            isReadOnly={isReadOnly}
            services={services}
            interrupted={interrupted}
        />
    );
}

/** What a keyboard can reach first; hidden areas are not rendered or sit after the visible ones. */
const FIRST_CONTROL = 'button:not([disabled]), [href], input';

/**
 * Resume or Discard removes the notice that held the focus. As Fluent does when a control goes away, the focus moves
 * to what took its place: after Discard, the first control below (Resume moves it to the run, MailboxesArea).
 */
function useFocusAfterDiscard(discard: () => void) {
    const after = React.useRef<HTMLDivElement>(null);
    const discardAndMove = React.useCallback(() => {
        discard();
        const below = after.current;
        (below?.querySelector<HTMLElement>(FIRST_CONTROL) ?? below)?.focus();
    }, [discard]);
    return { after, discard: discardAndMove };
}

/**
 * The notice of a run a reload interrupted comes first and at once: it is read from the browser, so it need not wait
 * for the record, which a Retry-After kept from an earlier page may hold back for a while. Resume waits for the record.
 */
function Body(props: AppProps) {
    const { profileId, getString, loadProfile, services } = props;
    const { state, reload, refresh } = useProfile(profileId, loadProfile);
    useRecheckWhileDirty(state, services, refresh);
    const isLoaded = state.status === 'loaded';
    const interrupted = useInterruptedRun(services?.mailboxes, isLoaded);
    const { stored, resumeRequest } = interrupted;
    const workspaceRun = React.useMemo(() => ({ resumeRequest, interruptedRun: stored }), [resumeRequest, stored]);
    const focus = useFocusAfterDiscard(interrupted.discard);
    if (!profileId || !services) {
        return <MessageBar messageBarType={MessageBarType.info}>{getString('State_NewRecord')}</MessageBar>;
    }
    return (
        <>
            {stored && (
                <InterruptedRunNotice
                    summary={stored}
                    canResume={isLoaded}
                    waitMs={interrupted.waitMs}
                    onResume={interrupted.resume}
                    onDiscard={focus.discard}
                />
            )}
            {/* tabIndex -1: the focus can land here when nothing below takes it yet (the record is still read). */}
            <div ref={focus.after} tabIndex={-1}>
                <LoadedBody {...props} state={state} reload={reload} services={services} interrupted={workspaceRun} />
            </div>
        </>
    );
}

/** Fluent's own default layer root (Layer.styles: fixed over the viewport, hidden but for the layers' content). */
const LAYER_HOST_STYLE: React.CSSProperties = { position: 'fixed', inset: 0, zIndex: 1000000, visibility: 'hidden' };

/**
 * Dialogs, panels and callouts render in Fluent layers, by default at the end of the page, outside the control and its
 * `lang`. Every Layer below takes its host from the Customizer (Layer's customizable `hostId`, fluentui PR #4518), so
 * they render into this host, which carries the language of the strings: a screen reader then reads a German dialog
 * with a German voice, and the page's other layers are left alone.
 */
function useLayerHost(language: string) {
    const [hostId] = React.useState(() => getId('esp-layers'));
    const settings = React.useMemo(() => ({ Layer: { hostId } }), [hostId]);
    const host = <LayerHost id={hostId} lang={language} style={LAYER_HOST_STYLE} />;
    return { settings, host };
}

/** Text starts at the start edge as on a form, whatever the host page sets (pcf-start's harness centres its text). */
const ROOT_STYLES = { root: { maxWidth: '100%', textAlign: 'start' } } as const;

function Localized(props: AppProps) {
    const { isReadOnly, getString, locale } = props;
    const texts = React.useMemo(() => createTexts(getString, locale), [getString, locale]);
    const layers = useLayerHost(texts.language);
    return (
        <TextsProvider value={texts}>
            <Customizer scopedSettings={layers.settings}>
                <Stack lang={texts.language} tokens={{ childrenGap: 8 }} styles={ROOT_STYLES}>
                    <Text block variant="mediumPlus" as="h1">
                        {getString('Header_Title')}
                    </Text>
                    {isReadOnly && (
                        <MessageBar messageBarType={MessageBarType.warning}>{getString('State_ReadOnly')}</MessageBar>
                    )}
                    <Body {...props} />
                </Stack>
            </Customizer>
            {layers.host}
        </TextsProvider>
    );
}

/** Root of the control; renders nothing until the strings of the user's language are at hand. */
export const App = React.memo(function App(props: AppProps) {
    const getString = useLoadedStrings(props.getString, props.strings);
    return getString ? <Localized {...props} getString={getString} /> : null;
});
App.displayName = 'App';
