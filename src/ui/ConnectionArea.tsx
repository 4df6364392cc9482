import * as React from 'react';
import { Stack } from '@fluentui/react';
import type { ReadinessItemId } from '../core/readiness/items';
import { needsClientSecret, type ProfileKind, type ProfileRecord } from '../core/profile';
import type { ConnectionActions } from './actions';
import type { CanaryOption, ConnectionTestView } from './connection/connection-state';
import { ConnectionTestCard } from './connection/ConnectionTestCard';
import { CredentialsSection } from './credentials/CredentialsSection';
import { SecretPanel } from './credentials/SecretPanel';
import { useConnectionTest } from './hooks/use-connection-test';
import type { useSecretState } from './hooks/use-overview';
import type { CredentialsChange } from './hooks/use-credentials';
import type { StringKey } from './strings';

/** Props of the Connection area. */
export type ConnectionAreaProps = {
    profile: ProfileRecord;
    kind: ProfileKind;
    isReadOnly: boolean;
    /** The form holds tenant/application values that differ from the saved record. */
    isFormDirty: boolean;
    actions: ConnectionActions;
    onCredentialsChange: (change: CredentialsChange) => void;
    /** The checklist item that explains the last failed test (or undefined after a success). */
    onExplainFailure: (item: ReadinessItemId | undefined) => void;
    onOpenMailboxes: () => void;
    today: Date;
    /** Each increase moves the focus to "Test connection" (the run confirmation sent the admin here). */
    testFocusRequest?: number;
    /** Whether a secret is set and its expiry note, shared with the overview's credentials card. */
    secret: ReturnType<typeof useSecretState>;
    /** Every view of the connection test, for the overview's connection card. */
    onTestView?: (view: ConnectionTestView) => void;
};

/**
 * The mailboxes the test can use; `failed` when they could not be read (not the same as "there are none"). Read
 * again whenever `reloadKey` changes.
 */
function useCanaries(actions: ConnectionActions, enabled: boolean, reloadKey: unknown) {
    const [canaries, setCanaries] = React.useState<{ options: CanaryOption[]; defaultId?: string; failed?: boolean }>({
        options: [],
    });
    React.useEffect(() => {
        if (!enabled) return undefined;
        const controller = new AbortController();
        actions
            .loadCanaries(controller.signal)
            .then(setCanaries)
            .catch(() => controller.signal.aborted || setCanaries({ options: [], failed: true }));
        return () => controller.abort();
    }, [actions, enabled, reloadKey]);
    return canaries;
}

/** The connection test, reporting the checklist item that explains its failure (cleared by any other result). */
function useExplainedTest(
    actions: ConnectionActions,
    onExplainFailure: (item: ReadinessItemId | undefined) => void,
    onTestView?: (view: ConnectionTestView) => void,
) {
    const test = useConnectionTest(actions.runConnectionTest, Date.now);
    // The highlight explains the result on the card: a new run, or a result that is not a failure, clears it.
    const { view } = test;
    React.useEffect(() => {
        if (view.status === 'idle') return;
        onTestView?.(view);
        onExplainFailure(
            view.status === 'failed'
                ? view.failures.find((failure) => failure.checklistItem)?.checklistItem
                : undefined,
        );
    }, [view, onExplainFailure, onTestView]);
    return test;
}

function blockedKeyOf(
    { isReadOnly, isFormDirty }: Pick<ConnectionAreaProps, 'isReadOnly' | 'isFormDirty'>,
    isSecretMissing: boolean,
    canaries: { options: readonly CanaryOption[]; failed?: boolean },
): StringKey | undefined {
    if (isReadOnly) return 'ConnectionTest_ReadOnly';
    if (isFormDirty) return 'ConnectionTest_FormDirty';
    // Without a secret Dynamics cannot sign in: a real Test & Enable would only find that out (entra §7, 7000218).
    if (isSecretMissing) return 'ConnectionTest_NoSecret';
    if (canaries.failed) return 'ConnectionTest_CanariesFailed';
    return canaries.options.length > 0 ? undefined : 'ConnectionTest_NoCanary';
}

/** The secret: "a secret is set", replace in place, and the expiry reminder kept in a note on the profile. */
function SecretSection({ profile, isReadOnly, today, secret }: ConnectionAreaProps) {
    const { expiry, problem, save, isSecretSet, saveSecret } = secret;
    return (
        <SecretPanel
            isSecretSet={isSecretSet}
            onSaveSecret={saveSecret}
            tenantId={profile.exchangeonlinetenantid ?? undefined}
            applicationId={profile.oauthclientid ?? undefined}
            expiryDate={expiry}
            expiryProblem={problem}
            onSaveExpiry={save}
            today={today}
            isReadOnly={isReadOnly}
        />
    );
}

/** Connection: the fields that apply to this kind, the secret, and "Test connection" (product.md §2). */
export const ConnectionArea = React.memo(function ConnectionArea(props: ConnectionAreaProps) {
    const { profile, kind, isReadOnly, actions } = props;
    const isCrossTenant = kind === 'crossTenantOAuth';
    const test = useExplainedTest(actions, props.onExplainFailure, props.onTestView);
    // Each result saying the chosen mailbox was deleted since the list was read reads the list again, so it is not
    // offered any more.
    const { view } = test;
    const gone = view.status === 'error' && view.failure.cause === 'recordNotFound' ? view : undefined;
    const canaries = useCanaries(actions, kind !== 'unsupported', gone);
    // Whether a secret is stored: from the record, then from our own "Save secret" (the column is write-only).
    const isSecretMissing = needsClientSecret(kind) && !props.secret.isSecretSet;
    return (
        <Stack tokens={{ childrenGap: 16 }}>
            <CredentialsSection
                kind={kind}
                tenantId={profile.exchangeonlinetenantid}
                applicationId={profile.oauthclientid}
                serverAuthority={profile.serverauthority}
                useDefaultTenantId={profile.usedefaulttenantid}
                isReadOnly={isReadOnly}
                resolveTenant={actions.resolveTenant}
                onChange={props.onCredentialsChange}
                onOpenMailboxes={props.onOpenMailboxes}
            />
            {isCrossTenant && <SecretSection {...props} />}
            {kind !== 'unsupported' && (
                <ConnectionTestCard
                    canaries={canaries.options}
                    defaultCanaryId={canaries.defaultId}
                    blockedKey={blockedKeyOf(props, isSecretMissing, canaries)}
                    view={test.view}
                    nowMs={test.nowMs}
                    onRun={test.run}
                    onCancel={test.cancel}
                    focusRequest={props.testFocusRequest}
                />
            )}
        </Stack>
    );
});
ConnectionArea.displayName = 'ConnectionArea';
