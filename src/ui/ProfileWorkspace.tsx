import * as React from 'react';
import { Pivot, PivotItem, Stack } from '@fluentui/react';
import { warnsBeforeRun } from '../core/connection-test/last-test';
import type { Segment, SegmentCounts } from '../core/mailbox-segments';
import { classifyProfile, cloudOfAuthority, type ProfileKind, type ProfileRecord } from '../core/profile';
import { buildChecklist } from '../core/readiness/checklist';
import type { ReadinessItemId } from '../core/readiness/items';
import { readinessProgress } from '../core/readiness/progress';
import type { LedgerSummary } from '../core/run/ledger';
import type { ConnectionActions, MailboxActions, OverviewActions } from './actions';
import { ConnectionArea } from './ConnectionArea';
import type { CredentialsChange } from './hooks/use-credentials';
import { useLastTest, useMailboxCounts, useReadinessDone, useRunEnd, useSecretState } from './hooks/use-overview';
import { MailboxesArea, type ListFilterRequest } from './MailboxesArea';
import type { CountsState } from './overview/MailboxesCard';
import { OverviewCards } from './overview/OverviewCards';
import { ProfileHeader } from './ProfileHeader';
import { ReadinessChecklist } from './readiness/ReadinessChecklist';
import type { StringKey } from './strings';
import { useGetString } from './texts';

/** The platform services a saved profile's workspace uses. */
export type WorkspaceServices = {
    connection: ConnectionActions;
    mailboxes: MailboxActions;
    overview: OverviewActions;
    /** The signed-in user's name, shown with the tests they ran. */
    userName: string;
    onCredentialsChange: (change: CredentialsChange) => void;
    /** Current tenant/application values on the form (may differ from the saved record until the form is saved). */
    formValues: { tenantId: string | null; applicationId: string | null };
    copyText: (text: string) => Promise<void>;
    today: Date;
};

/**
 * The run a reload interrupted, told of above the workspace (App): each new `resumeRequest` opens Mailboxes, which
 * continues it; `interruptedRun` is that run while its notice shows (a new run replaces it).
 */
export type InterruptedRunProps = { resumeRequest: number; interruptedRun?: LedgerSummary };

/** Props of the workspace. */
export type ProfileWorkspaceProps = {
    profile: ProfileRecord;
    isReadOnly: boolean;
    services: WorkspaceServices;
    interrupted?: InterruptedRunProps;
};

type Area = 'connection' | 'readiness' | 'mailboxes';

const NO_INTERRUPTED_RUN: InterruptedRunProps = { resumeRequest: 0 };

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

/** The IDs the form would save, when they differ from the record as read (the credentials card judges these). */
function unsavedIdsOf(formValues: WorkspaceServices['formValues'], profile: ProfileRecord) {
    if (!formDiffersFromRecord(formValues, profile)) return undefined;
    return { exchangeonlinetenantid: formValues.tenantId, oauthclientid: formValues.applicationId };
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
        // At 320 px the tabs do not all fit (German least of all): those that do not move into a "…" menu, which
        // needs a name of its own (axe button-name).
        overflowBehavior: 'menu' as const,
        overflowAriaLabel: getString('Area_MoreTabs'),
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

/**
 * What the overview cards show and the areas share with them: counts (re-read after a run or a test), the last test,
 * the secret, the readiness items done, and the list filter a segment asks for.
 */
function useOverview(profile: ProfileRecord, kind: ProfileKind, services: WorkspaceServices) {
    const counts = useMailboxCounts(services.overview);
    useRunEnd(services.mailboxes, counts.reload);
    // Once the list is loaded its counts are the card's (one source of truth, issue 14 item 6); a finished connection
    // test reads both again.
    const [listCounts, setListCounts] = React.useState<SegmentCounts>();
    const [listReload, setListReload] = React.useState(0);
    const { reload } = counts;
    const reloadAll = React.useCallback(() => (reload(), setListReload((count) => count + 1)), [reload]);
    const lastTest = useLastTest(services.connection, services.userName, reloadAll);
    const hasSecret = kind === 'crossTenantOAuth';
    const secret = useSecretState(services.connection, Boolean(profile.isoauthclientsecretset), hasSecret);
    const readinessDone = useReadinessDone(services.overview);
    const cloud = cloudOfAuthority(profile.serverauthority);
    const { exchangeonlinetenantid: tenantId, oauthclientid: applicationId } = profile;
    const readiness = React.useMemo(() => {
        const items = buildChecklist({
            tenantId: tenantId ?? '',
            applicationId: applicationId ?? '',
            cloud,
            today: services.today,
        });
        return readinessProgress(items, readinessDone.done);
    }, [tenantId, applicationId, cloud, services.today, readinessDone.done]);
    const [listFilter, setListFilter] = React.useState<ListFilterRequest>();
    const showSegment = React.useCallback(
        (filter: Segment) => setListFilter((before) => ({ filter, seq: (before?.seq ?? 0) + 1 })),
        [],
    );
    const cardCounts: CountsState = listCounts ? { status: 'loaded', counts: listCounts } : counts.state;
    const list = {
        onCounts: setListCounts,
        reloadRequest: listReload,
        onRefresh: reload,
        expectedTotal: counts.state.status === 'loaded' ? counts.state.counts.total : undefined,
    };
    return { counts, cardCounts, list, lastTest, secret, readinessDone, readiness, listFilter, showSegment };
}

/** Resume in the notice of a run a reload interrupted opens Mailboxes, which continues the run (resumeRequest). */
function useResumeOpensMailboxes(resumeRequest: number, open: (area: Area) => void) {
    React.useEffect(() => {
        if (resumeRequest > 0) open('mailboxes');
    }, [resumeRequest, open]);
}

type AreasProps = ProfileWorkspaceProps & {
    kind: Exclude<ProfileKind, 'unsupported'>;
    overview: ReturnType<typeof useOverview>;
    areas: ReturnType<typeof useAreas>;
    interrupted: InterruptedRunProps;
};

/** The three areas as tabs; each is loaded when first opened. */
function Areas({ profile, isReadOnly, services, kind, overview, areas, interrupted }: AreasProps) {
    const { pivot, tab, open } = areas;
    const [explained, setExplained] = React.useState<ReadinessItemId | undefined>();
    const guard = useRunGuard(services.connection, kind, open);
    const openMailboxes = React.useCallback(() => open('mailboxes'), [open]);
    return (
        <Pivot {...pivot}>
            <PivotItem {...tab('connection')}>
                <ConnectionArea
                    profile={profile}
                    kind={kind}
                    isReadOnly={isReadOnly}
                    isFormDirty={formDiffersFromRecord(services.formValues, profile)}
                    actions={services.connection}
                    onCredentialsChange={services.onCredentialsChange}
                    onExplainFailure={setExplained}
                    onOpenMailboxes={openMailboxes}
                    today={services.today}
                    secret={overview.secret}
                    onTestView={overview.lastTest.onTestView}
                    testFocusRequest={guard.testFocus}
                />
            </PivotItem>
            <PivotItem {...tab('readiness')}>
                <ReadinessChecklist
                    tenantId={profile.exchangeonlinetenantid ?? ''}
                    applicationId={profile.oauthclientid ?? ''}
                    cloud={cloudOfAuthority(profile.serverauthority)}
                    today={services.today}
                    highlightedItemId={explained}
                    copyText={services.copyText}
                    done={overview.readinessDone.done}
                    doneProblem={overview.readinessDone.problem}
                    onDoneChange={overview.readinessDone.toggle}
                    isReadOnly={isReadOnly}
                />
            </PivotItem>
            <PivotItem {...tab('mailboxes')}>
                <MailboxesArea
                    actions={services.mailboxes}
                    isReadOnly={isReadOnly}
                    filterRequest={overview.listFilter}
                    {...interrupted}
                    {...overview.list}
                    {...guard.mailboxProps}
                />
            </PivotItem>
        </Pivot>
    );
}

/** Header, the overview cards and the three areas (product.md "What they see"). */
export const ProfileWorkspace = React.memo(function ProfileWorkspace(props: ProfileWorkspaceProps) {
    const { profile, services } = props;
    const kind = classifyProfile(profile);
    const areas = useAreas(kind === 'exchangeOnline' ? 'mailboxes' : 'connection');
    const overview = useOverview(profile, kind, services);
    const { showSegment } = overview;
    const { open } = areas;
    const interrupted = props.interrupted ?? NO_INTERRUPTED_RUN;
    useResumeOpensMailboxes(interrupted.resumeRequest, open);
    const openSegment = React.useCallback(
        (segment: Segment) => (showSegment(segment), open('mailboxes')),
        [showSegment, open],
    );
    return (
        <Stack tokens={{ childrenGap: 8 }}>
            <ProfileHeader profile={profile} kind={kind} cloud={cloudOfAuthority(profile.serverauthority)} />
            {kind !== 'unsupported' && (
                <>
                    <OverviewCards
                        kind={kind}
                        profile={profile}
                        unsavedIds={unsavedIdsOf(services.formValues, profile)}
                        isSecretSet={overview.secret.isSecretSet}
                        expiry={overview.secret.expiry}
                        connection={overview.lastTest.summary}
                        readiness={overview.readiness}
                        counts={overview.cardCounts}
                        today={services.today}
                        onOpenArea={open}
                        onOpenSegment={openSegment}
                    />
                    <Areas {...props} kind={kind} overview={overview} areas={areas} interrupted={interrupted} />
                </>
            )}
        </Stack>
    );
});
ProfileWorkspace.displayName = 'ProfileWorkspace';
