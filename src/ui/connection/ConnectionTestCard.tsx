import * as React from 'react';
import {
    DefaultButton,
    Dropdown,
    MessageBar,
    MessageBarType,
    PrimaryButton,
    Stack,
    Text,
    type IButton,
} from '@fluentui/react';
import { format, type StringKey } from '../strings';
import { useCountString, useGetString } from '../texts';
import { FailureDetail } from './FailureDetail';
import type { CanaryOption, ConnectionTestView } from './connection-state';

/** Props of the connection test card. */
export type ConnectionTestCardProps = {
    canaries: CanaryOption[];
    defaultCanaryId?: string;
    /** Why the test cannot run now (unsaved form, read-only, no eligible mailbox); undefined when it can. */
    blockedKey?: StringKey;
    view: ConnectionTestView;
    nowMs: number;
    onRun: (canaryId: string) => void;
    onCancel: () => void;
    /** Each increase moves the focus to the run button. */
    focusRequest?: number;
};

type Step = { key: StringKey; state: 'done' | 'active' | 'todo' };

function stepsOf(view: ConnectionTestView): Step[] {
    const order: StringKey[] = ['ConnectionTest_StepQueued', 'ConnectionTest_StepRunning', 'ConnectionTest_StepResult'];
    const active = view.status === 'running' ? (view.step === 'queued' ? 0 : 1) : view.status === 'idle' ? -1 : 3;
    return order.map((key, index) => ({
        key,
        state: index < active ? 'done' : index === active ? 'active' : 'todo',
    }));
}

const STEP_MARK = { done: '✓', active: '…', todo: '○' } as const;

function Steps({ view }: { view: ConnectionTestView }) {
    const getString = useGetString();
    if (view.status === 'idle') return null;
    return (
        <ol aria-label={getString('ConnectionTest_Progress')} style={{ margin: 0, paddingLeft: 20 }}>
            {stepsOf(view).map((step) => (
                <li key={step.key} aria-current={step.state === 'active' ? 'step' : undefined}>
                    <Text>{`${STEP_MARK[step.state]} ${getString(step.key)}`}</Text>
                </li>
            ))}
        </ol>
    );
}

function Outcome({ view, nowMs }: { view: ConnectionTestView; nowMs: number }) {
    const getString = useGetString();
    const countString = useCountString();
    switch (view.status) {
        case 'running': {
            const seconds = view.nextPollAtMs ? Math.max(0, Math.ceil((view.nextPollAtMs - nowMs) / 1000)) : 0;
            return (
                <Text block>{format(countString('ConnectionTest_NextCheck', view.polls), seconds, view.polls)}</Text>
            );
        }
        case 'succeeded':
            return (
                <MessageBar messageBarType={MessageBarType.success}>{getString('ConnectionTest_Succeeded')}</MessageBar>
            );
        case 'timedOut':
            return (
                <MessageBar messageBarType={MessageBarType.warning}>{getString('ConnectionTest_TimedOut')}</MessageBar>
            );
        case 'cancelled':
            return (
                <MessageBar messageBarType={MessageBarType.info}>{getString('ConnectionTest_Cancelled')}</MessageBar>
            );
        case 'failed':
        case 'error': {
            const failures = view.status === 'failed' ? view.failures : [view.failure];
            return (
                <MessageBar messageBarType={MessageBarType.error} isMultiline>
                    <Stack tokens={{ childrenGap: 8 }}>
                        <Text block>
                            {/* 'error': the test itself could not run, so the credentials were not checked. */}
                            {getString(
                                view.status === 'failed' ? 'ConnectionTest_Failed' : 'ConnectionTest_CouldNotRun',
                            )}
                        </Text>
                        {failures.map((failure, index) => (
                            <FailureDetail key={`${failure.cause}-${index}`} failure={failure} />
                        ))}
                    </Stack>
                </MessageBar>
            );
        }
        default:
            return null;
    }
}

type TestButtonsProps = Pick<ConnectionTestCardProps, 'view' | 'focusRequest' | 'onCancel'> & {
    canRun: boolean;
    onRun: () => void;
};

/**
 * Test connection and, while the test runs, Stop watching. The first is disabled while the test runs and the second
 * goes when it ends: the one that had the keyboard focus hands it to the other instead of dropping it on the page.
 */
function TestButtons({ view, canRun, focusRequest, onRun, onCancel }: TestButtonsProps) {
    const getString = useGetString();
    const running = view.status === 'running';
    const runButton = React.useRef<IButton>(null);
    const stopButton = React.useRef<IButton>(null);
    const handsOnFocus = React.useRef(false);
    React.useEffect(() => {
        if (focusRequest) runButton.current?.focus();
    }, [focusRequest]);
    React.useEffect(() => {
        if (!handsOnFocus.current) return;
        handsOnFocus.current = false;
        (running ? stopButton : runButton).current?.focus();
    }, [running]);
    return (
        <Stack horizontal tokens={{ childrenGap: 8 }}>
            <PrimaryButton
                componentRef={runButton}
                disabled={running || !canRun}
                onClick={() => {
                    handsOnFocus.current = true;
                    onRun();
                }}
            >
                {getString(view.status === 'idle' ? 'ConnectionTest_Run' : 'ConnectionTest_Rerun')}
            </PrimaryButton>
            {running && (
                <DefaultButton
                    componentRef={stopButton}
                    onClick={onCancel}
                    onFocus={() => (handsOnFocus.current = true)}
                    // Tab or a click elsewhere takes the focus away; the button's removal at the end does not.
                    onBlur={(event) => event.relatedTarget && (handsOnFocus.current = false)}
                >
                    {getString('ConnectionTest_Cancel')}
                </DefaultButton>
            )}
        </Stack>
    );
}

/** "Test connection": a canary Test & Enable with stepwise progress and a decoded result (issue 5 §4). */
export const ConnectionTestCard = React.memo(function ConnectionTestCard(props: ConnectionTestCardProps) {
    const { canaries, defaultCanaryId, blockedKey, view, nowMs, onRun, onCancel } = props;
    const getString = useGetString();
    const [canaryId, setCanaryId] = React.useState(defaultCanaryId);
    // Keep the admin's choice while it is still offered; otherwise (first load, or it was deleted) the default.
    React.useEffect(
        () => setCanaryId((current) => (canaries.some((canary) => canary.id === current) ? current : defaultCanaryId)),
        [canaries, defaultCanaryId],
    );
    const running = view.status === 'running';
    return (
        <Stack tokens={{ childrenGap: 8 }} role="region" aria-label={getString('ConnectionTest_Title')}>
            <Text block variant="mediumPlus" as="h3">
                {getString('ConnectionTest_Title')}
            </Text>
            <Text block variant="small">
                {getString('ConnectionTest_Explainer')}
            </Text>
            {blockedKey && <MessageBar messageBarType={MessageBarType.warning}>{getString(blockedKey)}</MessageBar>}
            <Dropdown
                label={getString('ConnectionTest_Canary')}
                options={canaries.map((canary) => ({ key: canary.id, text: canary.label }))}
                selectedKey={canaryId ?? null}
                disabled={running || canaries.length === 0}
                onChange={(_, option) => setCanaryId(option ? String(option.key) : undefined)}
            />
            <TestButtons
                view={view}
                canRun={canaryId !== undefined && blockedKey === undefined}
                focusRequest={props.focusRequest}
                onRun={() => canaryId && onRun(canaryId)}
                onCancel={onCancel}
            />
            <div aria-live="polite">
                <Steps view={view} />
                <Outcome view={view} nowMs={nowMs} />
            </div>
        </Stack>
    );
});
ConnectionTestCard.displayName = 'ConnectionTestCard';
