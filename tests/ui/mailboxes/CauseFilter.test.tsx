/** @jest-environment jsdom */
import * as React from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import type { MailboxView } from '../../../src/core/mailbox-view';
import { MailboxList, type MailboxListProps } from '../../../src/ui/mailboxes/MailboxList';
import { renderWithTexts } from '../render-with-texts';

function row(i: number): MailboxView {
    return {
        ...{ id: `id-${i}`, name: `Mailbox ${i}`, address: `user${i}@contoso.com`, ownerType: 'user' },
        ...{ approval: 1, incoming: 1, outgoing: 1, act: 1, overall: i < 3 ? 2 : 1, scheduled: false },
        ...{ lastTestOn: '2026-11-01T10:00:00Z', alerts: [] },
    };
}

const ROWS = Array.from({ length: 40 }, (_, i) => row(i));

function props(over: Partial<MailboxListProps> = {}): MailboxListProps {
    return {
        ...{ rows: ROWS, loading: null, canApprove: true, isRunning: false, height: 400 },
        ...{ onApproveAndTest: jest.fn(), onTestOnly: jest.fn(), onRetryFailed: jest.fn() },
        ...{ onExport: jest.fn(), onRefresh: jest.fn() },
        ...over,
    };
}

async function setup(over: Partial<MailboxListProps> = {}) {
    const given = props(over);
    const user = userEvent.setup();
    const rendered = renderWithTexts(<MailboxList {...given} />, { locale: 'en-US' });
    await screen.findAllByRole('menuitem');
    return { props: given, user, ...rendered };
}

const exportList = async (user: ReturnType<typeof userEvent.setup>) =>
    user.click(await screen.findByRole('menuitem', { name: 'Export CSV' }));

// Ids as Dataverse may spell them: the filter compares them case-insensitively.
const CONSENT = { cause: 'ewsTokenNoPermissions', ids: ['ID-4', 'id-7', 'id-12'], seq: 1 } as const;

describe('MailboxList filtered to a run cause', () => {
    it("shows exactly the cause's mailboxes, says which cause, and the command bar exports exactly them", async () => {
        const { props: given, user } = await setup({ causeRequest: CONSENT });
        expect(
            screen.getByText('Showing the mailboxes of the last run that failed with: consent missing'),
        ).toBeInTheDocument();
        await exportList(user);
        expect(given.onExport).toHaveBeenCalledWith(['id-4', 'id-7', 'id-12']);
    });

    it('takes the focus to the notice so the keyboard continues in the filtered list', async () => {
        await setup({ causeRequest: CONSENT });
        expect(screen.getByText(/^Showing the mailboxes of the last run/).closest('[tabindex="-1"]')).toHaveFocus();
    });

    it('shows every mailbox again with Show all mailboxes', async () => {
        const { props: given, user } = await setup({ causeRequest: CONSENT });
        await user.click(screen.getByRole('button', { name: 'Show all mailboxes' }));
        expect(screen.queryByText(/^Showing the mailboxes of the last run/)).not.toBeInTheDocument();
        expect(screen.getByRole('searchbox', { name: 'Search by name or address' })).toHaveFocus();
        await exportList(user);
        expect(given.onExport).toHaveBeenCalledWith(ROWS.map((r) => r.id));
    });

    it('gives way to a quick filter the admin chooses', async () => {
        const { props: given, user } = await setup({ causeRequest: CONSENT });
        await user.click(screen.getByRole('button', { name: /^Failed/ }));
        expect(screen.queryByText(/^Showing the mailboxes of the last run/)).not.toBeInTheDocument();
        await exportList(user);
        expect(given.onExport).toHaveBeenCalledWith(['id-0', 'id-1', 'id-2']);
    });

    it('applies a cause asked for again after the admin left it', async () => {
        const { props: given, user, rerender } = await setup({ causeRequest: CONSENT });
        await user.click(screen.getByRole('button', { name: 'Show all mailboxes' }));
        rerender(<MailboxList {...given} causeRequest={{ ...CONSENT, ids: ['id-30'], seq: 2 }} />);
        await exportList(user);
        expect(given.onExport).toHaveBeenLastCalledWith(['id-30']);
    });

    it('follows the next cause asked for while one is shown, even of the same size', async () => {
        const { props: given, user, rerender } = await setup({ causeRequest: CONSENT });
        rerender(
            <MailboxList {...given} causeRequest={{ cause: 'ewsForbidden', ids: ['id-1', 'id-2', 'id-3'], seq: 2 }} />,
        );
        expect(screen.getByText(/failed with: Exchange refused access$/)).toBeInTheDocument();
        await exportList(user);
        expect(given.onExport).toHaveBeenLastCalledWith(['id-1', 'id-2', 'id-3']);
    });

    it('exports the next cause of the same size when the admin selected every row before', async () => {
        const { props: given, user, rerender } = await setup();
        await user.click(screen.getByRole('button', { name: 'Select all 40 shown' }));
        rerender(<MailboxList {...given} causeRequest={CONSENT} />);
        rerender(
            <MailboxList {...given} causeRequest={{ cause: 'ewsForbidden', ids: ['id-1', 'id-2', 'id-3'], seq: 2 }} />,
        );
        // Fluent keeps "all selected" over the new rows without a change event when their number stays the same.
        const selectedRows = screen.getAllByRole('row').filter((r) => r.getAttribute('aria-selected') === 'true');
        expect(selectedRows.map((r) => within(r).getByText(/^Mailbox \d+$/).textContent)).toEqual([
            'Mailbox 1',
            'Mailbox 2',
            'Mailbox 3',
        ]);
        await exportList(user);
        expect(given.onExport).toHaveBeenLastCalledWith(['id-1', 'id-2', 'id-3']);
    });

    it('has no axe violations', async () => {
        const { container } = await setup({ causeRequest: CONSENT });
        expect(await axe(container)).toHaveNoViolations();
    });
});
