/** @jest-environment jsdom */
import * as React from 'react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import { CanApproveNotice, type CanApproveNoticeProps } from '../../../src/ui/mailboxes/CanApproveNotice';
import { resxStrings } from '../../resx-strings';
import { renderWithTexts } from '../render-with-texts';

const en = resxStrings(1033);
const CAN = 'You can approve mailboxes.';
const CANNOT = 'You cannot approve mailboxes because:';

function setup(over: Partial<CanApproveNoticeProps> = {}) {
    const props: CanApproveNoticeProps = {
        canApprove: true,
        blockers: [],
        pendingCount: 2,
        pendingAddresses: ['a&b@contoso.com', 'x+y@contoso.com'],
        onCopyPending: jest.fn(),
        onEmailAdmin: jest.fn(),
        ...over,
    };
    return {
        props,
        user: userEvent.setup(),
        ...renderWithTexts(<CanApproveNotice {...props} />, { locale: 'en-US' }),
    };
}

describe('CanApproveNotice', () => {
    it('says the user can approve, with the honest admin note', () => {
        setup();
        expect(screen.getByText(CAN)).toBeInTheDocument();
        expect(screen.getByText(en('Approve_AdminNote'))).toBeInTheDocument();
        expect(screen.queryByText(CANNOT)).toBeNull();
    });

    it('lists why the user cannot approve', () => {
        setup({ canApprove: false, blockers: ['missingPrivilege', 'missingRole'] });
        expect(screen.getByText(CANNOT)).toBeInTheDocument();
        expect(screen.getByText(en('Approve_MissingPrivilege'))).toBeInTheDocument();
        expect(screen.getByText(en('Approve_MissingRole'))).toBeInTheDocument();
        expect(screen.getByText(en('Approve_AdminNote'))).toBeInTheDocument();
    });

    it('copies the pending addresses one per line', async () => {
        const { props, user } = setup({ canApprove: false });
        await user.click(screen.getByRole('button', { name: 'Copy pending addresses' }));
        expect(props.onCopyPending).toHaveBeenCalledWith('a&b@contoso.com\nx+y@contoso.com');
    });

    it('builds an encoded mailto: URL for an admin', async () => {
        const { props, user } = setup({ canApprove: false });
        await user.click(screen.getByRole('button', { name: 'Email an admin' }));
        expect(props.onEmailAdmin).toHaveBeenCalledWith(
            'mailto:?subject=Please%20approve%20Dynamics%20365%20mailboxes' +
                '&body=Please%20approve%20these%20mailboxes%20for%20server-side%20synchronization%3A%0A' +
                'a%26b%40contoso.com%0Ax%2By%40contoso.com%0A',
        );
    });

    it('counts the mailboxes waiting for approval', () => {
        setup();
        expect(screen.getByText('2 mailboxes are waiting for approval.')).toBeInTheDocument();
    });

    it('counts every mailbox pending approval, also those without an address to copy', () => {
        setup({ pendingCount: 3 });
        expect(screen.getByText('3 mailboxes are waiting for approval.')).toBeInTheDocument();
    });

    it('says "1 mailbox is waiting" with the singular sentence', () => {
        setup({ pendingCount: 1, pendingAddresses: ['only@contoso.com'] });
        expect(screen.getByText('1 mailbox is waiting for approval.')).toBeInTheDocument();
    });

    it('says how many addresses did not fit in the email', () => {
        setup({
            pendingCount: 1000,
            pendingAddresses: Array.from({ length: 1000 }, (_, index) => `user${index}@contoso.com`),
        });
        expect(screen.getByText('1,000 mailboxes are waiting for approval.')).toBeInTheDocument();
        // 72 addresses fit in the 1,800-character mailto: URL.
        expect(
            screen.getByText('928 addresses did not fit in the email. Use Copy pending addresses for the full list.'),
        ).toBeInTheDocument();
    });

    it('disables both actions when nothing is pending', () => {
        setup({ pendingCount: 0, pendingAddresses: [] });
        expect(screen.getByRole('button', { name: 'Copy pending addresses' })).toBeDisabled();
        expect(screen.getByRole('button', { name: 'Email an admin' })).toBeDisabled();
        expect(screen.queryByText(/waiting for approval/)).toBeNull();
    });

    it.each([true, false])('has no axe violations (canApprove=%s)', async (canApprove) => {
        const { container } = setup({ canApprove, blockers: canApprove ? [] : ['missingPrivilege'] });
        expect(await axe(container)).toHaveNoViolations();
    });
});
