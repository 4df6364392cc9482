/** @jest-environment jsdom */
import * as React from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import type { LedgerSummary } from '../../../src/core/run/ledger';
import { RunPanel, type RunPanelProps } from '../../../src/ui/run/RunPanel';
import { format, type StringKey } from '../../../src/ui/strings';
import { renderWithTexts } from '../render-with-texts';

// Templates with placeholders so the test sees the numbers, still keyed by name.
const TEMPLATES: Partial<Record<StringKey, string>> = {
    Run_Throttled: 'slow down {0} s',
    Run_Counts: '{0} ok {1} failed {2} skipped {3} waiting',
    Run_Progress: '{0} of {1}',
    Run_SummaryEnabled: '{0} enabled',
    Run_SummaryFailedCauses: '{0} failed ({1})',
    Run_SummarySkipped: '{0} skipped',
    Run_CauseCount: '{0} {1}',
    Mailboxes_Details_Fix: 'fix: {0}',
    Run_NoteFailed: 'note failed: {0}',
};
const getString = (key: StringKey) => TEMPLATES[key] ?? `[[${key}]]`;
const n = (x: number) => x.toLocaleString('en-US');

function summary(over: Partial<LedgerSummary>): LedgerSummary {
    return {
        ...{ pending: 0, sent: 0, confirmed: 0, testing: 0, succeeded: 0, failed: 0, skipped: 0 },
        ...{ selected: 0, inFlight: 0, settled: false },
        ...over,
    };
}

function setup(over: Partial<RunPanelProps> = {}, texts: { getString?: (key: StringKey) => string } = {}) {
    const props: RunPanelProps = {
        summary: summary({ selected: 100, succeeded: 40, failed: 5, skipped: 5, sent: 10, testing: 20, pending: 20 }),
        failures: [],
        throttledUntilMs: null,
        nowMs: 1_000_000,
        onCancel: jest.fn(),
        onExport: jest.fn(),
        onRetryFailed: jest.fn(),
        onAddNote: jest.fn(() => Promise.resolve()),
        ...over,
    };
    return {
        props,
        user: userEvent.setup(),
        ...renderWithTexts(<RunPanel {...props} />, { getString, formatNumber: n, ...texts }),
    };
}

const DONE = summary({ selected: 1240, succeeded: 1180, failed: 52, skipped: 8, settled: true });
const GROUPS: RunPanelProps['failures'] = [
    { cause: 'servicePrincipalMissing', count: 31 },
    { cause: 'ewsNoMailbox', count: 21 },
];

describe('RunPanel while running', () => {
    it('shows succeeded, failed, skipped and waiting counts that add up to the done count, politely', () => {
        setup();
        const status = screen.getByRole('status');
        expect(status).toHaveAttribute('aria-live', 'polite');
        expect(status).toHaveTextContent('40 ok 5 failed 5 skipped 30 waiting');
        expect(screen.getByText('50 of 100')).toBeInTheDocument();
    });

    it('says how many seconds until a throttled run resumes', () => {
        setup({ throttledUntilMs: 1_011_500 });
        expect(screen.getByRole('status')).toHaveTextContent('slow down 12 s');
    });

    it('hides the throttle message once the time has passed', () => {
        setup({ throttledUntilMs: 999_000 });
        expect(screen.queryByText(/slow down/)).toBeNull();
    });

    it('cancels', async () => {
        const { props, user } = setup();
        await user.click(screen.getByRole('button', { name: '[[Run_Cancel]]' }));
        expect(props.onCancel).toHaveBeenCalledTimes(1);
    });

    it('has no axe violations', async () => {
        const { container } = setup({ throttledUntilMs: 1_005_000 });
        expect(await axe(container)).toHaveNoViolations();
    });
});

describe('RunPanel after the run', () => {
    it('summarises enabled, failed by cause and skipped', () => {
        setup({ summary: DONE, failures: GROUPS });
        expect(screen.getAllByRole('status')[0]).toHaveTextContent(
            '1,180 enabled · 52 failed (31 [[Error_ServicePrincipalMissing]], 21 [[Error_EwsNoMailbox]]) · 8 skipped',
        );
    });

    it('lists cause sentences inside the summary without their full stops', () => {
        const sentences = (key: StringKey) =>
            key === 'Error_ServicePrincipalMissing' || key === 'Error_EwsNoMailbox'
                ? `${key} is the cause.`
                : getString(key);
        setup({ summary: DONE, failures: GROUPS }, { getString: sentences });
        expect(screen.getAllByRole('status')[0]).toHaveTextContent(
            '52 failed (31 Error_ServicePrincipalMissing is the cause, 21 Error_EwsNoMailbox is the cause) · 8 skipped',
        );
    });

    it('groups failures by cause with the fix', () => {
        setup({ summary: DONE, failures: GROUPS });
        const groups = within(screen.getByRole('region', { name: '[[Run_FailuresHeading]]' })).getAllByRole('listitem');
        expect(groups).toHaveLength(2);
        expect(groups[0]).toHaveTextContent('31 [[Error_ServicePrincipalMissing]]fix: [[Fix_ServicePrincipalMissing]]');
        expect(groups[1]).toHaveTextContent('21 [[Error_EwsNoMailbox]]fix: [[Fix_EwsNoMailbox]]');
    });

    it('exports and retries failed', async () => {
        const { props, user } = setup({ summary: DONE, failures: GROUPS });
        await user.click(screen.getByRole('button', { name: '[[Mailboxes_Command_Export]]' }));
        await user.click(screen.getByRole('button', { name: '[[Mailboxes_Command_RetryFailed]]' }));
        expect(props.onExport).toHaveBeenCalledTimes(1);
        expect(props.onRetryFailed).toHaveBeenCalledTimes(1);
    });

    it('adds the run note once and confirms it', async () => {
        const { props, user } = setup({ summary: DONE, failures: GROUPS });
        await user.click(screen.getByRole('button', { name: '[[Run_AddNote]]' }));
        expect(props.onAddNote).toHaveBeenCalledTimes(1);
        expect(await screen.findByText('[[Run_NoteAdded]]')).toBeInTheDocument();
        expect(screen.getByRole('button', { name: '[[Run_AddNote]]' })).toBeDisabled();
    });

    it('shows why the note could not be saved and lets the admin try again', async () => {
        const onAddNote = jest
            .fn()
            .mockRejectedValueOnce(new Error('Principal user is missing prvCreateNote'))
            .mockResolvedValueOnce(undefined);
        const { user } = setup({ summary: DONE, failures: GROUPS, onAddNote });
        await user.click(screen.getByRole('button', { name: '[[Run_AddNote]]' }));
        expect(await screen.findByText('note failed: Principal user is missing prvCreateNote')).toBeInTheDocument();
        await user.click(screen.getByRole('button', { name: '[[Run_AddNote]]' }));
        expect(await screen.findByText('[[Run_NoteAdded]]')).toBeInTheDocument();
        expect(onAddNote).toHaveBeenCalledTimes(2);
    });

    it('disables Retry failed when nothing failed', () => {
        setup({ summary: { ...DONE, failed: 0, succeeded: 1232 } });
        expect(screen.getByRole('button', { name: '[[Mailboxes_Command_RetryFailed]]' })).toBeDisabled();
    });

    it('has no axe violations', async () => {
        const { container } = setup({ summary: DONE, failures: GROUPS });
        expect(await axe(container)).toHaveNoViolations();
    });
});

it('format keeps the summary template honest', () => {
    expect(format('{0} enabled', n(1180))).toBe('1,180 enabled');
});
