import * as React from 'react';
import { Stack } from '@fluentui/react';
import type { ReadinessItemId } from '../core/readiness/items';
import { needsClientSecret, type ProfileKind, type ProfileRecord } from '../core/profile';
import type { ConnectionActions } from './actions';
import type { CanaryOption } from './connection/connection-state';
import { ConnectionTestCard } from './connection/ConnectionTestCard';
import { CredentialsSection } from './credentials/CredentialsSection';
import { SecretPanel } from './credentials/SecretPanel';
import type { ExpiryProblem } from './credentials/SecretExpiry';
import { messageOf } from './common';
import { useConnectionTest } from './hooks/use-connection-test';
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

function useExpiry(actions: ConnectionActions) {
    const [expiry, setExpiry] = React.useState<Date | null>(null);
    const [problem, setProblem] = React.useState<ExpiryProblem | null>(null);
    // A failed read is said, not shown as "no date set": the reminder would silently be missing.
    const reread = React.useCallback(
        (after?: ExpiryProblem) =>
            actions.readExpiry().then(
                (day) => (setExpiry(day), setProblem(after ?? null)),
                (error: unknown) => (setExpiry(null), setProblem({ kind: 'read', message: messageOf(error) })),
            ),
        [actions],
    );
    React.useEffect(() => void reread(), [reread]);
    const save = React.useCallback(
        (day: Date | null) => {
            setExpiry(day);
            setProblem(null);
            // After a failed save, say so and show what is really stored rather than what we hoped to store.
            void actions.saveExpiry(day).catch((error: unknown) => reread({ kind: 'save', message: messageOf(error) }));
        },
        [actions, reread],
    );
    return { expiry, problem, save };
}

/** The connection test, reporting the checklist item that explains its failure (cleared by any other result). */
function useExplainedTest(actions: ConnectionActions, onExplainFailure: (item: ReadinessItemId | undefined) => void) {
    const test = useConnectionTest(actions.runConnectionTest, Date.now);
    // The highlight explains the result on the card: a new run, or a result that is not a failure, clears it.
    const { view } = test;
    React.useEffect(() => {
        if (view.status === 'idle') return;
        onExplainFailure(
            view.status === 'failed'
                ? view.failures.find((failure) => failure.checklistItem)?.checklistItem
                : undefined,
        );
    }, [view, onExplainFailure]);
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

type SecretSectionProps = ConnectionAreaProps & {
    isSecretSet: boolean;
    onSaveSecret: (value: string) => Promise<void>;
};

/** The secret: "a secret is set", replace in place, and the expiry reminder kept in a note on the profile. */
function SecretSection({ profile, actions, isReadOnly, today, isSecretSet, onSaveSecret }: SecretSectionProps) {
    const { expiry, problem, save } = useExpiry(actions);
    return (
        <SecretPanel
            isSecretSet={isSecretSet}
            onSaveSecret={onSaveSecret}
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
    const test = useExplainedTest(actions, props.onExplainFailure);
    // Each result saying the chosen mailbox was deleted since the list was read reads the list again, so it is not
    // offered any more.
    const { view } = test;
    const gone = view.status === 'error' && view.failure.cause === 'recordNotFound' ? view : undefined;
    const canaries = useCanaries(actions, kind !== 'unsupported', gone);
    // Whether a secret is stored: from the record, then from our own "Save secret" (the column is write-only).
    const [isSecretSet, setSecretSet] = React.useState(Boolean(profile.isoauthclientsecretset));
    const saveSecret = React.useCallback(
        (value: string) => actions.saveSecret(value).then(() => setSecretSet(true)),
        [actions],
    );
    const isSecretMissing = needsClientSecret(kind) && !isSecretSet;
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
            {isCrossTenant && <SecretSection {...props} isSecretSet={isSecretSet} onSaveSecret={saveSecret} />}
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
