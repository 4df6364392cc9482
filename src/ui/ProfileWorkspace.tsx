import * as React from 'react';
import { Pivot, PivotItem, Stack } from '@fluentui/react';
import { warnsBeforeRun } from '../core/connection-test/last-test';
import { classifyProfile, cloudOfAuthority, type ProfileKind, type ProfileRecord } from '../core/profile';
import type { ReadinessItemId } from '../core/readiness/items';
import type { ConnectionActions, MailboxActions } from './actions';
import { ConnectionArea } from './ConnectionArea';
import type { CredentialsChange } from './hooks/use-credentials';
import { MailboxesArea } from './MailboxesArea';
import { ProfileHeader } from './ProfileHeader';
import { ReadinessChecklist } from './readiness/ReadinessChecklist';
import type { StringKey } from './strings';
import { useGetString } from './texts';

/** The platform services a saved profile's workspace uses. */
export type WorkspaceServices = {
    connection: ConnectionActions;
    mailboxes: MailboxActions;
    onCredentialsChange: (change: CredentialsChange) => void;
    /** Current tenant/application values on the form (may differ from the saved record until the form is saved). */
    formValues: { tenantId: string | null; applicationId: string | null };
    copyText: (text: string) => Promise<void>;
    today: Date;
    locale?: string;
    /** The Dynamics user's first day of the week, 0 = Sunday (userSettings.dateFormattingInfo). */
    firstDayOfWeek?: number;
};

/** Props of the workspace. */
export type ProfileWorkspaceProps = { profile: ProfileRecord; isReadOnly: boolean; services: WorkspaceServices };

type Area = 'connection' | 'readiness' | 'mailboxes';

const AREA_LABELS: Record<Area, StringKey> = {
    connection: 'Area_Connection',
    readiness: 'Area_Readiness',
    mailboxes: 'Area_Mailboxes',
};

/** Whether a Pivot link's key (any string to Fluent) names one of the areas. */
const isArea = (key: string | undefined): key is Area => key !== undefined && key in AREA_LABELS;

const sameId = (left: string | null | undefined, right: string | null | undefined) =>
    (left ?? '').trim().toLowerCase() === (right ?? '').trim().toLowerCase();

/** Whether the form holds tenant/application values that differ from the record as read. */
export function formDiffersFromRecord(formValues: WorkspaceServices['formValues'], profile: ProfileRecord): boolean {
    return (
        !sameId(formValues.tenantId, profile.exchangeonlinetenantid) ||
        !sameId(formValues.applicationId, profile.oauthclientid)
    );
}

/**
 * The selected area and the areas opened so far. An area stays mounted (hidden) once opened, so switching tabs keeps
 * a running or finished connection test, the list's filters and selection; areas never opened are not loaded.
 */
function useAreas(first: Area) {
    const getString = useGetString();
    const [area, setArea] = React.useState<Area>(first);
    const [opened, setOpened] = React.useState<ReadonlySet<Area>>(() => new Set([first]));
    const open = React.useCallback((next: Area) => {
        setArea(next);
        setOpened((before) => (before.has(next) ? before : new Set(before).add(next)));
    }, []);
    const pivot = {
        selectedKey: area,
        onLinkClick: (item?: PivotItem) => {
            const key = item?.props.itemKey;
            if (isArea(key)) open(key);
        },
    };
    const tab = (key: Area) => ({
        itemKey: key,
        alwaysRender: opened.has(key),
        headerText: getString(AREA_LABELS[key]),
    });
    return { pivot, tab, open };
}

/**
 * Before a bulk run: what the last connection test says, for this kind of profile (core warnsBeforeRun), and the way
 * to the test — the Connection area, with the focus on "Test connection".
 */
function useRunGuard(connection: ConnectionActions, kind: ProfileKind, open: (area: Area) => void) {
    const [testFocus, setTestFocus] = React.useState(0);
    const checkConnection = React.useCallback(
        (signal?: AbortSignal) =>
            connection.checkLastTest(signal).then((verdict) => (warnsBeforeRun(verdict, kind) ? verdict : null)),
        [connection, kind],
    );
    const testConnection = React.useCallback(() => {
        open('connection');
        setTestFocus((count) => count + 1);
    }, [open]);
    return { mailboxProps: { checkConnection, onTestConnection: testConnection }, testFocus };
}

/** Header plus the three areas (product.md "What they see"): Connection, Tenant readiness, Mailboxes. */
export const ProfileWorkspace = React.memo(function ProfileWorkspace(props: ProfileWorkspaceProps) {
    const { profile, isReadOnly, services } = props;
    const kind = classifyProfile(profile);
    const { pivot, tab, open } = useAreas(kind === 'exchangeOnline' ? 'mailboxes' : 'connection');
    const [explained, setExplained] = React.useState<ReadinessItemId | undefined>();
    const guard = useRunGuard(services.connection, kind, open);
    const openMailboxes = React.useCallback(() => open('mailboxes'), [open]);
    const isFormDirty = formDiffersFromRecord(services.formValues, profile);
    const cloud = cloudOfAuthority(profile.serverauthority);
    return (
        <Stack tokens={{ childrenGap: 8 }}>
            <ProfileHeader profile={profile} kind={kind} cloud={cloud} />
            {kind !== 'unsupported' && (
                <Pivot {...pivot}>
                    <PivotItem {...tab('connection')}>
                        <ConnectionArea
                            profile={profile}
                            kind={kind}
                            isReadOnly={isReadOnly}
                            isFormDirty={isFormDirty}
                            actions={services.connection}
                            onCredentialsChange={services.onCredentialsChange}
                            onExplainFailure={setExplained}
                            onOpenMailboxes={openMailboxes}
                            today={services.today}
                            testFocusRequest={guard.testFocus}
                        />
                    </PivotItem>
                    <PivotItem {...tab('readiness')}>
                        <ReadinessChecklist
                            tenantId={profile.exchangeonlinetenantid ?? ''}
                            applicationId={profile.oauthclientid ?? ''}
                            cloud={cloud}
                            today={services.today}
                            highlightedItemId={explained}
                            copyText={services.copyText}
                        />
                    </PivotItem>
                    <PivotItem {...tab('mailboxes')}>
                        <MailboxesArea actions={services.mailboxes} isReadOnly={isReadOnly} {...guard.mailboxProps} />
                    </PivotItem>
                </Pivot>
            )}
        </Stack>
    );
});
ProfileWorkspace.displayName = 'ProfileWorkspace';
