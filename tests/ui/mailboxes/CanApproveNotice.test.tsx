/** @jest-environment jsdom */
import * as React from 'react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import { CanApproveNotice, type CanApproveNoticeProps } from '../../../src/ui/mailboxes/CanApproveNotice';
import { renderWithTexts } from '../render-with-texts';

function setup(over: Partial<CanApproveNoticeProps> = {}) {
    const props: CanApproveNoticeProps = {
        canApprove: true,
        blockers: [],
        pendingAddresses: ['a&b@contoso.com', 'x+y@contoso.com'],
        onCopyPending: jest.fn(),
        onEmailAdmin: jest.fn(),
        ...over,
    };
    return {
        props,
        user: userEvent.setup(),
        ...renderWithTexts(<CanApproveNotice {...props} />, { formatNumber: String }),
    };
}

describe('CanApproveNotice', () => {
    it('says the user can approve, with the honest admin note', () => {
        setup();
        expect(screen.getByText('[[Approve_Can]]')).toBeInTheDocument();
        expect(screen.getByText('[[Approve_AdminNote]]')).toBeInTheDocument();
        expect(screen.queryByText('[[Approve_Cannot]]')).toBeNull();
    });

    it('lists why the user cannot approve', () => {
        setup({ canApprove: false, blockers: ['missingPrivilege', 'missingRole'] });
        expect(screen.getByText('[[Approve_Cannot]]')).toBeInTheDocument();
        expect(screen.getByText('[[Approve_MissingPrivilege]]')).toBeInTheDocument();
        expect(screen.getByText('[[Approve_MissingRole]]')).toBeInTheDocument();
        expect(screen.getByText('[[Approve_AdminNote]]')).toBeInTheDocument();
    });

    it('copies the pending addresses one per line', async () => {
        const { props, user } = setup({ canApprove: false });
        await user.click(screen.getByRole('button', { name: '[[Approve_CopyPending]]' }));
        expect(props.onCopyPending).toHaveBeenCalledWith('a&b@contoso.com\nx+y@contoso.com');
    });

    it('builds an encoded mailto: URL for an admin', async () => {
        const { props, user } = setup({ canApprove: false });
        await user.click(screen.getByRole('button', { name: '[[Approve_EmailAdmin]]' }));
        expect(props.onEmailAdmin).toHaveBeenCalledWith(
            'mailto:?subject=%5B%5BApprove_MailSubject%5D%5D&body=%5B%5BApprove_MailIntro%5D%5D%0A' +
                'a%26b%40contoso.com%0Ax%2By%40contoso.com%0A',
        );
    });

    it('counts waiting mailboxes in the plural, and in the singular for exactly one', () => {
        setup();
        expect(screen.getByText('[[Approve_PendingCount]]')).toBeInTheDocument();
        expect(screen.queryByText('[[Approve_PendingCount_One]]')).toBeNull();
    });

    it('says "1 mailbox is waiting" with the singular sentence', () => {
        setup({ pendingAddresses: ['only@contoso.com'] });
        expect(screen.getByText('[[Approve_PendingCount_One]]')).toBeInTheDocument();
        expect(screen.queryByText('[[Approve_PendingCount]]')).toBeNull();
    });

    it('says how many addresses did not fit in the email', () => {
        setup({ pendingAddresses: Array.from({ length: 1000 }, (_, i) => `user${i}@contoso.com`) });
        expect(screen.getByText('[[Approve_MailTruncated]]')).toBeInTheDocument();
    });

    it('disables both actions when nothing is pending', () => {
        setup({ pendingAddresses: [] });
        expect(screen.getByRole('button', { name: '[[Approve_CopyPending]]' })).toBeDisabled();
        expect(screen.getByRole('button', { name: '[[Approve_EmailAdmin]]' })).toBeDisabled();
    });

    it.each([true, false])('has no axe violations (canApprove=%s)', async (canApprove) => {
        const { container } = setup({ canApprove, blockers: canApprove ? [] : ['missingPrivilege'] });
        expect(await axe(container)).toHaveNoViolations();
    });
});
