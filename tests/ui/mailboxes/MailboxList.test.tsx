/** @jest-environment jsdom */
import * as React from 'react';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import type { MailboxView } from '../../../src/core/mailbox-view';
import { MailboxList, type MailboxListProps } from '../../../src/ui/mailboxes/MailboxList';
import { resxStrings } from '../../resx-strings';
import { renderWithTexts } from '../render-with-texts';

const en = resxStrings(1033);
const summaryText = () => screen.getByText(/mailboxes · /).textContent;

const HOSTILE = '<img src=x onerror=alert(1)> "=SUM(A1)" שלום 😀';

function row(i: number, over: Partial<MailboxView> = {}): MailboxView {
    return {
        id: `id-${i}`,
        name: `Mailbox ${i}`,
        address: `user${i}@contoso.com`,
        ownerType: i % 2 ? 'queue' : 'user',
        approval: i % 10 === 0 ? 2 : 1,
        incoming: i % 7 === 0 ? 2 : 1,
        outgoing: 1,
        act: 1,
        overall: i % 7 === 0 ? 2 : 1,
        scheduled: false,
        lastTestOn: '2026-11-01T10:00:00Z',
        alerts: i % 7 === 0 ? [{ cause: 'mailboxNotApproved', text: 'raw <b>alert</b>', occurredOn: null }] : [],
        ...over,
    };
}

const ROWS = Array.from({ length: 5000 }, (_, i) => row(i, i === 1 ? { name: HOSTILE } : {}));

function baseProps(): MailboxListProps {
    return {
        rows: ROWS,
        loading: null,
        canApprove: true,
        isRunning: false,
        height: 400,
        onApproveAndTest: jest.fn(),
        onTestOnly: jest.fn(),
        onRetryFailed: jest.fn(),
        onExport: jest.fn(),
        onRefresh: jest.fn(),
    };
}

async function setup(over: Partial<MailboxListProps> = {}) {
    const props: MailboxListProps = { ...baseProps(), ...over };
    const user = userEvent.setup();
    const rendered = renderWithTexts(<MailboxList {...props} />, { locale: 'en-US' });
    // Let the CommandBar finish its measuring pass (an animation frame) inside act().
    await screen.findAllByRole('menuitem');
    return { props, user, ...rendered };
}

const dataRows = () => within(screen.getByRole('grid')).getAllByRole('row').slice(1);
// CommandBar measures in a hidden pass first, then shows its items on the next animation frame.
const command = (name: string) => screen.findByRole('menuitem', { name });
// Fluent's FocusZone/SelectionZone read KeyboardEvent.which, which user-event does not set in jsdom.
const KEYS = { Enter: 13, ' ': 32 } as const;
const press = (el: Element, key: keyof typeof KEYS) =>
    fireEvent.keyDown(el, { key, keyCode: KEYS[key], which: KEYS[key] });
const selectRow = (index: number) =>
    fireEvent.click(within(dataRows()[index]).getByRole('checkbox', { name: /^Select Mailbox \d+$/ }));

describe('MailboxList', () => {
    it('renders only a window of a 5,000-row list (virtualization on)', async () => {
        await setup();
        const rendered = dataRows().length;
        expect(rendered).toBeGreaterThan(0);
        expect(rendered).toBeLessThan(200);
        expect(screen.getByRole('grid')).toHaveAttribute('aria-rowcount', '5001');
        expect(screen.getByRole('grid').closest('[data-is-scrollable="true"]')).toHaveStyle({ height: '400px' });
    });

    it('shows quick-filter counts and narrows the list when one is pressed', async () => {
        const { user } = await setup();
        // Every 7th failed, every 10th is unapproved: enabled ones count as enabled, and of the failed ones the 72
        // unapproved ones wait for approval first.
        const failed = screen.getByRole('button', { name: 'Failed (643)' });
        expect(screen.getByRole('button', { name: 'Pending approval (72)' })).toBeInTheDocument();
        expect(screen.getByRole('button', { name: 'Enabled (4,285)' })).toBeInTheDocument();
        await user.click(failed);
        expect(failed).toHaveAttribute('aria-pressed', 'true');
        expect(screen.getByRole('grid')).toHaveAttribute('aria-rowcount', String(643 + 1));
        expect(summaryText()).toBe('5,000 mailboxes · 643 shown · 0 selected');
    });

    it('updates the shown count when searching', async () => {
        const { user } = await setup();
        await user.type(screen.getByRole('searchbox'), 'MAILBOX 499');
        expect(screen.getByRole('grid')).toHaveAttribute('aria-rowcount', String(12));
        expect(summaryText()).toBe('5,000 mailboxes · 11 shown · 0 selected');
        expect(within(dataRows()[0]).getByText('Mailbox 499')).toBeInTheDocument();
    });

    it('tells a search that matches nothing apart from a profile without mailboxes', async () => {
        const { user } = await setup();
        expect(screen.queryByText(en('Mailboxes_Empty'))).not.toBeInTheDocument();
        await user.type(screen.getByRole('searchbox'), 'no such mailbox');
        expect(screen.getByText(en('Mailboxes_Empty'))).toBeInTheDocument();
        expect(screen.queryByText(en('Mailboxes_NoneOnProfile'))).not.toBeInTheDocument();
    });

    it('says the profile has no mailboxes when it has none', async () => {
        await setup({ rows: [] });
        expect(screen.getByText(en('Mailboxes_NoneOnProfile'))).toBeInTheDocument();
        expect(screen.queryByText(en('Mailboxes_Empty'))).not.toBeInTheDocument();
    });

    it('says nothing about an empty list after a failed read (the failure is said above the list)', async () => {
        await setup({ rows: [], loadFailed: true });
        expect(screen.queryByText(en('Mailboxes_NoneOnProfile'))).not.toBeInTheDocument();
        expect(screen.queryByText(en('Mailboxes_Empty'))).not.toBeInTheDocument();
    });

    it('counts selected rows and passes selected ids to the commands', async () => {
        const { props, user } = await setup();
        selectRow(2);
        selectRow(7);
        expect(summaryText()).toBe('5,000 mailboxes · 5,000 shown · 2 selected');
        await user.click(await command('Approve & test'));
        expect(props.onApproveAndTest).toHaveBeenCalledWith(['id-2', 'id-7']);
        await user.click(await command('Test only'));
        expect(props.onTestOnly).toHaveBeenCalledWith(['id-2', 'id-7']);
        await user.click(await command('Export CSV'));
        expect(props.onExport).toHaveBeenCalledWith(['id-2', 'id-7']);
        // Retry failed: the selected rows the list shows as failed (id-7; id-2 is enabled).
        await user.click(await command('Retry failed'));
        expect(props.onRetryFailed).toHaveBeenCalledWith(['id-7']);
    });

    it('retries every row the list shows as failed when nothing is selected (e.g. after a reload)', async () => {
        const { props, user } = await setup();
        await user.click(await command('Retry failed'));
        // Failed: a failed test of an approved mailbox (i % 7 === 0 and i % 10 !== 0); id-0 is pending approval.
        const failed = ROWS.filter((_, i) => i % 7 === 0 && i % 10 !== 0).map((r) => r.id);
        expect(props.onRetryFailed).toHaveBeenCalledWith(failed);
    });

    it('selects every shown row with "select all shown"', async () => {
        const { props, user } = await setup();
        await user.type(screen.getByRole('searchbox'), 'mailbox 499');
        await user.click(screen.getByRole('button', { name: 'Select all 11 shown' }));
        await user.click(await command('Test only'));
        expect((props.onTestOnly as jest.Mock).mock.calls[0][0]).toHaveLength(11);
    });

    it('disables commands with a reason when nothing is selected', async () => {
        const { props } = await setup({ canApprove: false });
        const approve = await command('Approve & test');
        expect(approve).toHaveAttribute('aria-disabled', 'true');
        expect(approve).toHaveAttribute('title', en('Mailboxes_Reason_NoSelection'));
        fireEvent.click(approve);
        expect(props.onApproveAndTest).not.toHaveBeenCalled();
    });

    it('explains that approval is not possible when a row is selected but the user cannot approve', async () => {
        await setup({ canApprove: false });
        selectRow(0);
        expect(await command('Approve & test')).toHaveAttribute('title', en('Mailboxes_Reason_CannotApprove'));
        expect(await command('Test only')).not.toHaveAttribute('aria-disabled', 'true');
    });

    it('renders a hostile name as plain text', async () => {
        const { container } = await setup();
        expect(screen.getByText(HOSTILE)).toBeInTheDocument();
        expect(container.querySelector('img')).toBeNull();
    });

    it('opens the details panel with decoded alerts by keyboard (Enter on a row)', async () => {
        await setup();
        dataRows()[0].focus();
        press(dataRows()[0], 'Enter');
        const panel = await screen.findByRole('dialog');
        expect(
            within(panel).getByText('The mailbox is not approved, so server-side synchronization disabled it.'),
        ).toBeInTheDocument();
        expect(
            within(panel).getByText(
                'What to do: Have an allowed approver approve the mailbox, then run Test & Enable again.',
            ),
        ).toBeInTheDocument();
        expect(within(panel).getByText('raw <b>alert</b>')).toBeInTheDocument();
    });

    it('lists every field of the mailbox in the details panel, those a narrow table leaves out too', async () => {
        const { user } = await setup();
        await user.click(screen.getByText('Mailbox 7'));
        const panel = await screen.findByRole('dialog');
        const facts = within(panel)
            .getAllByRole('term')
            .map((term) => [term.textContent, term.nextElementSibling?.textContent]);
        expect(facts).toEqual([
            [en('Mailboxes_Col_Address'), 'user7@contoso.com'],
            [en('Mailboxes_Col_Type'), en('Mailboxes_Type_Queue')],
            [en('Mailboxes_Col_Approval'), en('Mailboxes_Approval_Approved')],
            [en('Mailboxes_Col_Overall'), en('Mailboxes_Status_Failure')],
            [en('Mailboxes_Col_Incoming'), en('Mailboxes_Status_Failure')],
            [en('Mailboxes_Col_Outgoing'), en('Mailboxes_Status_Success')],
            [en('Mailboxes_Col_Act'), en('Mailboxes_Status_Success')],
            [en('Mailboxes_Col_LastTest'), expect.stringContaining('2026') as unknown as string],
        ]);
    });

    it('opens the details panel when the name is clicked', async () => {
        const { user } = await setup();
        await user.click(screen.getByText('Mailbox 3'));
        expect(await screen.findByRole('dialog')).toHaveTextContent(en('Mailboxes_Details_NoAlerts'));
    });

    it('shows loading progress against the count Dataverse gave, with a determinate bar', async () => {
        await setup({ rows: ROWS.slice(0, 100), loading: { loaded: 15000, total: 50000 } });
        expect(screen.getByText('Loading 15,000 of 50,000')).toBeInTheDocument();
        expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '30');
        expect(await command('Export CSV')).toHaveAttribute('title', en('Mailboxes_Reason_Loading'));
    });

    it('says how many arrived so far, without a made-up total, when the count is not known', async () => {
        await setup({ rows: ROWS.slice(0, 100), loading: { loaded: 15000 } });
        expect(screen.getByText('Loading… 15,000 so far')).toBeInTheDocument();
        expect(screen.getByRole('progressbar')).not.toHaveAttribute('aria-valuenow');
    });

    it('says it loads the latest alerts, not "Loading 5,000 of 5,000", once every row is in', async () => {
        await setup({ loading: { loaded: 5000, total: 5000, stage: 'alerts' } });
        expect(screen.getByRole('progressbar', { name: 'Loading the latest alerts…' })).not.toHaveAttribute(
            'aria-valuenow',
        );
        expect(screen.queryByText(/^Loading 5,000/)).not.toBeInTheDocument();
        expect(await command('Export CSV')).toHaveAttribute('title', en('Mailboxes_Reason_Loading'));
    });

    it('counts the quick filters over the rows arrived so far while pages arrive', async () => {
        const { rerender } = await setup({ rows: ROWS.slice(0, 700), loading: { loaded: 700, total: 5000 } });
        expect(screen.getByRole('button', { name: 'All (700)' })).toBeInTheDocument();
        rerender(
            <MailboxList {...{ ...baseProps(), rows: ROWS.slice(0, 1400), loading: { loaded: 1400, total: 5000 } }} />,
        );
        expect(screen.getByRole('button', { name: 'All (1,400)' })).toBeInTheDocument();
    });

    it('applies a filter asked for from outside, and again when asked again after a change', async () => {
        const { user, rerender } = await setup({ filterRequest: { filter: 'retrying', seq: 1 } });
        expect(screen.getByRole('button', { name: /^Retrying/ })).toHaveAttribute('aria-pressed', 'true');
        await user.click(screen.getByRole('button', { name: /^All/ }));
        rerender(<MailboxList {...{ ...baseProps(), filterRequest: { filter: 'retrying', seq: 2 } }} />);
        expect(screen.getByRole('button', { name: /^Retrying/ })).toHaveAttribute('aria-pressed', 'true');
    });

    it('operates the command bar by keyboard alone (Tab to it, Enter to run)', async () => {
        const { props, user } = await setup();
        press(dataRows()[0], ' ');
        const approve = await command('Approve & test');
        (document.activeElement as HTMLElement | null)?.blur();
        await user.tab();
        expect(approve).toHaveFocus();
        await user.keyboard('{Enter}');
        expect(props.onApproveAndTest).toHaveBeenCalledWith(['id-0']);
    });

    it('selects a row with the keyboard (Space)', async () => {
        await setup();
        dataRows()[1].focus();
        press(dataRows()[1], ' ');
        expect(dataRows()[1]).toHaveAttribute('aria-selected', 'true');
    });

    it("names each row's check box by its mailbox, as text", async () => {
        await setup();
        const checks = dataRows()
            .slice(0, 3)
            .map((r) => within(r).getByRole('checkbox'));
        expect(checks[0]).toHaveAccessibleName('Select Mailbox 0');
        expect(checks[1]).toHaveAccessibleName(`Select ${HOSTILE}`);
        expect(checks[2]).toHaveAccessibleName('Select Mailbox 2');
        expect(document.querySelector('img')).toBeNull();
    });

    it('has no axe violations', async () => {
        const { container } = await setup({ rows: ROWS.slice(0, 50) });
        expect(await axe(container)).toHaveNoViolations();
    });
});
