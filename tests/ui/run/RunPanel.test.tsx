/** @jest-environment jsdom */
import * as React from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import type { LedgerSummary } from '../../../src/core/run/ledger';
import { RunPanel, type RunPanelProps } from '../../../src/ui/run/RunPanel';
import { renderWithTexts } from '../render-with-texts';
import { resxStrings } from '../../resx-strings';

const en = resxStrings(1033);

function summary(over: Partial<LedgerSummary>): LedgerSummary {
    return {
        ...{ pending: 0, sent: 0, confirmed: 0, testing: 0, succeeded: 0, failed: 0, retrying: 0, skipped: 0 },
        ...{ selected: 0, inFlight: 0, settled: false },
        ...over,
    };
}

function setupProps(over: Partial<RunPanelProps> = {}): RunPanelProps {
    return {
        summary: summary({ selected: 100, succeeded: 40, failed: 5, skipped: 5, sent: 10, testing: 20, pending: 20 }),
        failures: [],
        throttledUntilMs: null,
        stallAtMs: null,
        nowMs: 1_000_000,
        onCancel: jest.fn(),
        onExport: jest.fn(),
        onRetryFailed: jest.fn(),
        onAddNote: jest.fn(() => Promise.resolve()),
        ...over,
    };
}

function setup(over: Partial<RunPanelProps> = {}) {
    const props = setupProps(over);
    return {
        props,
        user: userEvent.setup(),
        ...renderWithTexts(<RunPanel {...props} />, { locale: 'en-US' }),
    };
}

/** `count` distinct mailbox ids starting with `prefix`. */
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

const DONE = summary({ selected: 1240, succeeded: 1180, failed: 52, skipped: 8, settled: true });
const GROUPS: RunPanelProps['failures'] = [
    { cause: 'servicePrincipalMissing', count: 31, mailboxIds: ids('sp', 31) },
    { cause: 'ewsNoMailbox', count: 21, mailboxIds: ids('nm', 21) },
];

describe('RunPanel while running', () => {
    it('shows succeeded, failed, skipped and waiting counts that add up to the done count, politely', () => {
        setup();
        const status = screen.getByRole('status');
        expect(status).toHaveAttribute('aria-live', 'polite');
        expect(status).toHaveTextContent('40 succeeded · 5 failed · 5 skipped · 30 waiting on the server');
        expect(screen.getByText('50 of 100 done')).toBeInTheDocument();
    });

    it('counts tests Dynamics retries as done, and says they are retrying', () => {
        const { container } = setup({
            summary: summary({ selected: 10, succeeded: 4, failed: 1, retrying: 3, testing: 2 }),
        });
        expect(screen.getByText('8 of 10 done')).toBeInTheDocument();
        expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '8');
        expect(container.querySelector<HTMLElement>('[data-part="retrying"]')?.style.width).toBe('30%');
        expect(screen.getByRole('status')).toHaveTextContent('3 retrying — Dynamics tries again');
    });

    it('draws succeeded, failed, skipped and waiting as parts of one bar that add up to the count shown', () => {
        const { container } = setup();
        const bar = screen.getByRole('progressbar', { name: en('Run_ProgressLabel') });
        expect(bar).toHaveAttribute('aria-valuenow', '50');
        expect(bar).toHaveAttribute('aria-valuemax', '100');
        expect(bar).toHaveAttribute('aria-valuetext', '50 of 100 done');
        const widths = Object.fromEntries(
            Array.from(container.querySelectorAll<HTMLElement>('[data-part]')).map((el) => [
                el.dataset.part,
                el.style.width,
            ]),
        );
        // 40 + 5 + 5 done and 30 waiting of 100; the 20 not sent yet are the empty track.
        expect(widths).toEqual({ succeeded: '40%', failed: '5%', skipped: '5%', waiting: '30%' });
    });

    it('measures how fast mailboxes are handed to Dynamics and says when all will have been sent', () => {
        // 50 ended and 20 queued for their test since the start four minutes ago: 17.5 a minute; the 30 not handed
        // over yet take about 2 more minutes.
        setup({ startedAt: { atMs: 1_000_000 - 240_000, done: 0 } });
        expect(
            screen.getByText('18 mailboxes a minute handed to Dynamics · about 2 min until all are sent'),
        ).toBeInTheDocument();
    });

    it('promises no time once every mailbox is handed over and only Dynamics is left to test', () => {
        // A run whose writes are all done but whose results have not come: the old line stayed on "Measuring…".
        setup({
            summary: summary({ selected: 100, succeeded: 10, testing: 90 }),
            startedAt: { atMs: 1_000_000 - 120_000, done: 0 },
        });
        expect(screen.getByText(en('Run_PaceServerTesting'))).toBeInTheDocument();
        expect(screen.queryByText(en('Run_PaceMeasuring'))).toBeNull();
        expect(screen.queryByText(/min until/)).toBeNull();
    });

    it('says it is measuring until there is enough to measure, and names no time', () => {
        setup({ startedAt: { atMs: 1_000_000 - 5_000, done: 0 } });
        expect(screen.getByText(en('Run_PaceMeasuring'))).toBeInTheDocument();
        expect(screen.queryByText(/min left/)).toBeNull();
    });

    it('says how many seconds until a throttled run resumes', () => {
        setup({ throttledUntilMs: 1_011_500 });
        expect(screen.getByRole('status')).toHaveTextContent('Dataverse asked us to slow down — resuming in 12 s');
    });

    it('counts down to the pause a run takes if Dataverse keeps refusing', () => {
        setup({ throttledUntilMs: 1_011_500, stallAtMs: 1_000_000 + 29 * 60_000 + 5_000 });
        expect(screen.getByRole('status')).toHaveTextContent(
            'If Dataverse keeps asking us to wait, the run pauses in 29 min 5 s (you can resume it then).',
        );
    });

    it('hides the throttle message once the time has passed', () => {
        setup({ throttledUntilMs: 999_000 });
        expect(screen.queryByText(/slow down/)).toBeNull();
    });

    it('cancels', async () => {
        const { props, user } = setup();
        await user.click(screen.getByRole('button', { name: 'Cancel' }));
        expect(props.onCancel).toHaveBeenCalledTimes(1);
    });

    it('hands the focus from Cancel to the summary when the run settles', async () => {
        // Cancel goes with the progress; the focus must not fall to the page.
        const { props, user, rerender } = setup();
        await user.click(screen.getByRole('button', { name: 'Cancel' }));
        rerender(<RunPanel {...props} summary={DONE} />);
        expect(screen.getByRole('heading', { name: en('Run_Done') })).toHaveFocus();
    });

    it('has no axe violations', async () => {
        const { container } = setup({ throttledUntilMs: 1_005_000 });
        expect(await axe(container)).toHaveNoViolations();
    });
});

describe('RunPanel after the run', () => {
    it('summarises enabled, failed by the short labels of their causes, and skipped', () => {
        setup({ summary: DONE, failures: GROUPS });
        expect(screen.getAllByRole('status')[0]).toHaveTextContent(
            '1,180 enabled · 52 failed (31 enterprise app missing, 21 no mailbox at the address) · 8 skipped',
        );
    });

    it('says why mailboxes were skipped: after a cancel, which ones Dynamics still tests', () => {
        // The cold first-time run: "378 skipped" after a cancel, while Dynamics went on testing 373 of them.
        setup({
            summary: summary({ selected: 380, succeeded: 2, skipped: 378, settled: true }),
            skips: [
                { reason: 'cancelledNotWatched', count: 373 },
                { reason: 'notServerSideSync', count: 5 },
            ],
        });
        expect(screen.getAllByRole('status')[0]).toHaveTextContent(
            '2 enabled · 0 failed · 378 skipped (373 cancelled: Dynamics still tests them, 5 not on server-side synchronization)',
        );
    });

    it('says how many tests Dynamics is retrying, apart from the failures', () => {
        setup({ summary: summary({ selected: 10, succeeded: 5, failed: 1, retrying: 3, skipped: 1, settled: true }) });
        expect(screen.getAllByRole('status')[0]).toHaveTextContent(
            '5 enabled · 1 failed · 3 retrying — Dynamics tries again · 1 skipped',
        );
    });

    it('lists each cause as a count and short label that is a collapsed button', () => {
        setup({ summary: DONE, failures: GROUPS });
        const region = screen.getByRole('region', { name: 'Failures by cause' });
        const groups = within(region).getAllByRole('listitem');
        expect(groups.map((group) => within(group).getByRole('button').textContent)).toEqual([
            '31 enterprise app missing',
            '21 no mailbox at the address',
        ]);
        for (const group of groups) expect(within(group).getByRole('button')).toHaveAttribute('aria-expanded', 'false');
        for (const text of screen.getAllByText(/^What to do/)) expect(text).not.toBeVisible();
    });

    it('opens a cause to its full sentence, its fix and a filter of the list', async () => {
        const { user } = setup({ summary: DONE, failures: GROUPS, onShowMailboxes: jest.fn() });
        const button = screen.getByRole('button', { name: '21 no mailbox at the address' });
        await user.click(button);
        expect(button).toHaveAttribute('aria-expanded', 'true');
        const details = document.getElementById(button.getAttribute('aria-controls') ?? '');
        expect(details).toHaveTextContent(
            'No mailbox exists at this address in the mailbox tenant.' +
                "What to do: Check the tenant ID, the spelling of the address and the mailbox's license." +
                'Show these 21 mailboxes in the list',
        );
        await user.click(button);
        expect(button).toHaveAttribute('aria-expanded', 'false');
        expect(details).not.toBeVisible();
    });

    it("shows exactly a cause's mailboxes in the list when asked", async () => {
        const onShowMailboxes = jest.fn();
        const { user } = setup({ summary: DONE, failures: GROUPS, onShowMailboxes });
        await user.click(screen.getByRole('button', { name: '31 enterprise app missing' }));
        await user.click(screen.getByRole('button', { name: 'Show these 31 mailboxes in the list' }));
        expect(onShowMailboxes).toHaveBeenCalledWith(GROUPS[0]);
    });

    it('uses the singular for one mailbox in English and for 0 and 1 in French', async () => {
        const one = [{ cause: 'ewsNoMailbox' as const, count: 1, mailboxIds: ['a'] }];
        const { user, unmount } = setup({ summary: DONE, failures: one, onShowMailboxes: jest.fn() });
        await user.click(screen.getByRole('button', { name: '1 no mailbox at the address' }));
        expect(screen.getByRole('button', { name: 'Show this 1 mailbox in the list' })).toBeInTheDocument();
        unmount();
        const fr = resxStrings(1036);
        for (const [count, text] of [
            [0, 'Afficher cette 0 boîte aux lettres dans la liste'],
            [1, 'Afficher cette 1 boîte aux lettres dans la liste'],
            [2, 'Afficher ces 2 boîtes aux lettres dans la liste'],
        ] as const) {
            const failures = [{ cause: 'ewsNoMailbox' as const, count, mailboxIds: ids('x', count) }];
            const view = renderWithTexts(
                <RunPanel {...setupProps({ summary: DONE, failures, onShowMailboxes: jest.fn() })} />,
                { locale: 'fr-FR', getString: fr },
            );
            await user.click(screen.getByRole('button', { name: `${count} aucune boîte à cette adresse` }));
            expect(screen.getByRole('button', { name: text })).toBeInTheDocument();
            view.unmount();
        }
    });

    it('has no axe violations with a cause open', async () => {
        const { user, container } = setup({ summary: DONE, failures: GROUPS, onShowMailboxes: jest.fn() });
        await user.click(screen.getByRole('button', { name: '31 enterprise app missing' }));
        expect(await axe(container)).toHaveNoViolations();
    });

    it('exports and retries failed', async () => {
        const { props, user } = setup({ summary: DONE, failures: GROUPS });
        await user.click(screen.getByRole('button', { name: 'Export CSV' }));
        await user.click(screen.getByRole('button', { name: 'Retry failed' }));
        expect(props.onExport).toHaveBeenCalledTimes(1);
        expect(props.onRetryFailed).toHaveBeenCalledTimes(1);
    });

    it('adds the run note once and confirms it', async () => {
        const { props, user } = setup({ summary: DONE, failures: GROUPS });
        await user.click(screen.getByRole('button', { name: 'Add a note to the profile' }));
        expect(props.onAddNote).toHaveBeenCalledTimes(1);
        expect(await screen.findByText("Note added to the profile's timeline.")).toBeInTheDocument();
        expect(screen.getByRole('button', { name: 'Add a note to the profile' })).toBeDisabled();
    });

    it('shows why the note could not be saved and lets the admin try again', async () => {
        const onAddNote = jest
            .fn()
            .mockRejectedValueOnce(new Error('Principal user is missing prvCreateNote'))
            .mockResolvedValueOnce(undefined);
        const { user } = setup({ summary: DONE, failures: GROUPS, onAddNote });
        await user.click(screen.getByRole('button', { name: 'Add a note to the profile' }));
        expect(
            await screen.findByText('The note could not be saved: Principal user is missing prvCreateNote'),
        ).toBeInTheDocument();
        await user.click(screen.getByRole('button', { name: 'Add a note to the profile' }));
        expect(await screen.findByText("Note added to the profile's timeline.")).toBeInTheDocument();
        expect(onAddNote).toHaveBeenCalledTimes(2);
    });

    it('repeats the bar with the final parts of the run', () => {
        const { container } = setup({ summary: DONE, failures: GROUPS });
        expect(screen.getByRole('progressbar', { name: en('Run_ProgressLabel') })).toHaveAttribute(
            'aria-valuenow',
            '1240',
        );
        const parts = Array.from(container.querySelectorAll<HTMLElement>('[data-part]')).map((el) => el.dataset.part);
        expect(parts).toEqual(['succeeded', 'failed', 'skipped']);
    });

    it('disables Retry failed when nothing failed', () => {
        setup({ summary: { ...DONE, failed: 0, succeeded: 1232 } });
        expect(screen.getByRole('button', { name: 'Retry failed' })).toBeDisabled();
    });

    it('has no axe violations', async () => {
        const { container } = setup({ summary: DONE, failures: GROUPS });
        expect(await axe(container)).toHaveNoViolations();
    });
});

describe('RunPanel focus', () => {
    it('takes the focus to the run on a focus request, and keeps it there when the summary replaces the progress', () => {
        const props = setupProps({ focusRequest: 1 });
        const { rerender } = renderWithTexts(<RunPanel {...props} />, { locale: 'en-US' });
        expect(screen.getByRole('heading', { name: en('Run_ProgressLabel') })).toHaveFocus();
        rerender(<RunPanel {...props} summary={DONE} />);
        expect(screen.getByRole('heading', { name: en('Run_Done') })).toHaveFocus();
    });

    it('leaves the focus alone without a request', () => {
        setup();
        expect(document.body).toHaveFocus();
    });
});
