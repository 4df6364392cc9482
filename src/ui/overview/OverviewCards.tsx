import * as React from 'react';
import { mergeStyles } from '@fluentui/react';
import { CAUSES, type CauseCode } from '../../core/credentials/causes';
import { parseApplicationId } from '../../core/credentials/app-id';
import { parseTenantId } from '../../core/credentials/tenant-id';
import type { Segment } from '../../core/mailbox-segments';
import type { ProfileKind, ProfileRecord } from '../../core/profile';
import { describeDeadline, parseDay } from '../../core/readiness/deadline';
import type { ReadinessProgress } from '../../core/readiness/progress';
import { format } from '../strings';
import { useCountString, useFormatDateTime, useFormatDay, useGetString } from '../texts';
import { MailboxesCard, type CountsState } from './MailboxesCard';
import { StatusCard, type StatusCardProps, type Tone } from './StatusCard';

/** The last connection test of this session, as the connection card shows it. */
export type ConnectionSummary =
    | { status: 'loading' | 'none' | 'running' }
    | { status: 'unreadable'; message: string }
    | { status: 'passed' | 'failed' | 'couldNotRun'; atIso: string; by?: string; cause?: CauseCode };

/** The areas a card opens. */
export type OverviewArea = 'connection' | 'readiness' | 'mailboxes';

/** Props of the overview row. */
export type OverviewCardsProps = {
    kind: ProfileKind;
    profile: Pick<ProfileRecord, 'exchangeonlinetenantid' | 'oauthclientid'>;
    /**
     * The IDs the form holds now (what its Save would write), when they differ from the saved record: the card judges
     * these, so it never calls IDs valid that the fields beside it mark wrong, and says they are not saved yet.
     */
    unsavedIds?: Pick<ProfileRecord, 'exchangeonlinetenantid' | 'oauthclientid'>;
    isSecretSet: boolean;
    /** The secret's recorded expiry (a UTC day), or null. */
    expiry: Date | null;
    connection: ConnectionSummary;
    readiness: ReadinessProgress;
    counts: CountsState;
    today: Date;
    onOpenArea: (area: OverviewArea) => void;
    onOpenSegment: (segment: Segment) => void;
};

/** A secret this close to expiry is a warning (as the secret panel's reminder). */
const SECRET_WARNING_DAYS = 30;

/** One row on a wide form, stacked on a narrow one (PPAC's card grid). */
const GRID = mergeStyles({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 190px), 1fr))',
    gap: 12,
    padding: 4,
});

const WORST: readonly Tone[] = ['error', 'warning', 'busy', 'info', 'ok'];
const worst = (tones: readonly Tone[]): Tone => WORST.find((tone) => tones.includes(tone)) ?? 'ok';

type Line = { text: string; tone?: Tone };

function ConnectionCard({ connection, onOpenArea }: OverviewCardsProps) {
    const getString = useGetString();
    const formatDateTime = useFormatDateTime();
    const lines: Line[] = [];
    if ('cause' in connection && connection.cause) lines.push({ text: getString(CAUSES[connection.cause].messageKey) });
    if ('atIso' in connection) {
        const when = formatDateTime(connection.atIso);
        // Records written before the control kept who ran the test say only when.
        lines.push({ text: connection.by ? format(getString('Overview_TestWhen'), when, connection.by) : when });
    }
    const looks: Record<ConnectionSummary['status'], [Tone, string]> = {
        loading: ['busy', getString('Overview_TestReading')],
        unreadable: [
            'warning',
            'message' in connection ? format(getString('Overview_TestUnreadable'), connection.message) : '',
        ],
        none: ['info', getString('Overview_TestNone')],
        running: ['busy', getString('Overview_TestRunning')],
        passed: ['ok', getString('Overview_TestPassed')],
        failed: ['error', getString('Overview_TestFailed')],
        couldNotRun: ['warning', getString('Overview_TestCouldNotRun')],
    };
    const [tone, status] = looks[connection.status];
    const action = {
        text: getString('Overview_OpenConnection'),
        icon: 'PlugConnected',
        onClick: () => onOpenArea('connection'),
    };
    return (
        <StatusCard title={getString('Area_Connection')} tone={tone} status={status} lines={lines} action={action} />
    );
}

/** The secret's state: set or not, and how far its recorded expiry is. */
function useSecretLines({ isSecretSet, expiry, today }: OverviewCardsProps): Line[] {
    const getString = useGetString();
    const formatDay = useFormatDay();
    const countString = useCountString();
    const lines: Line[] = [
        {
            text: getString(isSecretSet ? 'Overview_SecretSet' : 'Overview_SecretNotSet'),
            tone: isSecretSet ? 'ok' : 'error',
        },
    ];
    if (!isSecretSet) return lines;
    if (!expiry) return [...lines, { text: getString('Overview_SecretNoExpiry'), tone: 'info' }];
    const { daysLeft, status } = describeDeadline(expiry, today);
    if (status === 'passed')
        return [...lines, { text: format(getString('Overview_SecretExpired'), formatDay(expiry)), tone: 'error' }];
    const text = format(countString('Overview_SecretExpiresIn', daysLeft), daysLeft, formatDay(expiry));
    return [...lines, { text, tone: daysLeft <= SECRET_WARNING_DAYS ? 'warning' : 'ok' }];
}

function CredentialsCard(props: OverviewCardsProps) {
    const { kind, profile, unsavedIds, onOpenArea } = props;
    const getString = useGetString();
    const secretLines = useSecretLines(props);
    const ids = unsavedIds ?? profile;
    const tenant = parseTenantId(ids.exchangeonlinetenantid ?? '');
    const tenantOk = tenant.ok && tenant.value.kind === 'guid';
    const appOk = parseApplicationId(ids.oauthclientid ?? '', tenantOk ? tenant.normalised : undefined).ok;
    let status: Line;
    let lines: Line[] = [];
    if (kind === 'exchangeOnline') status = { text: getString('Overview_NothingToSet'), tone: 'ok' };
    else if (kind === 'hybridS2S')
        status = tenantOk
            ? { text: getString('Overview_TenantValid'), tone: 'ok' }
            : { text: getString('Overview_TenantInvalid'), tone: 'error' };
    else {
        const valid = tenantOk && appOk;
        status = {
            text: getString(valid ? 'Overview_CredentialsValid' : 'Overview_CredentialsInvalid'),
            tone: valid ? 'ok' : 'error',
        };
        lines = secretLines;
    }
    if (unsavedIds && kind !== 'exchangeOnline')
        lines = [{ text: getString('Overview_CredentialsUnsaved'), tone: 'warning' }, ...lines];
    const tone = worst([status, ...lines].map((line) => line.tone ?? 'ok'));
    const action = {
        text: getString('Overview_ReviewCredentials'),
        icon: 'Permissions',
        onClick: () => onOpenArea('connection'),
    };
    return (
        <StatusCard
            title={getString('Overview_CredentialsTitle')}
            tone={tone}
            status={status.text}
            lines={lines}
            action={action}
        />
    );
}

function ReadinessCard({ readiness, today, onOpenArea }: OverviewCardsProps) {
    const getString = useGetString();
    const formatDay = useFormatDay();
    const countString = useCountString();
    const { done, total, nextDeadline } = readiness;
    const status = format(getString('Overview_ReadinessDone'), done, total);
    let line: Line = { text: getString('Overview_NoDeadline'), tone: 'ok' };
    if (nextDeadline) {
        const day = parseDay(nextDeadline.dueDate);
        const { daysLeft, status: when } = describeDeadline(day, today);
        line =
            when === 'passed'
                ? { text: format(getString('Readiness_DeadlinePassed'), formatDay(day)), tone: 'error' }
                : {
                      text: format(countString('Overview_NextDeadline', daysLeft), formatDay(day), daysLeft),
                      tone: when === 'soon' ? 'warning' : 'info',
                  };
    }
    const tone = worst([done === total ? 'ok' : 'info', line.tone ?? 'ok']);
    const action: StatusCardProps['action'] = {
        text: getString('Overview_OpenChecklist'),
        icon: 'CheckList',
        onClick: () => onOpenArea('readiness'),
    };
    return (
        <StatusCard title={getString('Area_Readiness')} tone={tone} status={status} lines={[line]} action={action} />
    );
}

/** The state of things first, like the Power Platform admin center (product.md §1, issue 16 §1). */
export const OverviewCards = React.memo(function OverviewCards(props: OverviewCardsProps) {
    const getString = useGetString();
    return (
        <div className={GRID} role="region" aria-label={getString('Overview_Label')}>
            <ConnectionCard {...props} />
            <CredentialsCard {...props} />
            <ReadinessCard {...props} />
            <MailboxesCard
                state={props.counts}
                onOpenSegment={props.onOpenSegment}
                onOpenList={() => props.onOpenArea('mailboxes')}
            />
        </div>
    );
});
OverviewCards.displayName = 'OverviewCards';
