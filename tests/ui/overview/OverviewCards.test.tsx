/** @jest-environment jsdom */
import * as React from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import { OverviewCards, type OverviewCardsProps } from '../../../src/ui/overview/OverviewCards';
import { resxStrings } from '../../resx-strings';
import { renderWithTexts } from '../render-with-texts';

const en = resxStrings(1033);
const TODAY = new Date(Date.UTC(2026, 10, 23));
const COUNTS = { enabled: 812, failed: 31, retrying: 21, pendingApproval: 300, neverTested: 76, total: 1240 };

function setup(over: Partial<OverviewCardsProps> = {}) {
    const props = setupProps(over);
    return { props, user: userEvent.setup(), ...renderWithTexts(<OverviewCards {...props} />, { locale: 'en-US' }) };
}

const card = (title: string) => screen.getByRole('region', { name: title });

describe('OverviewCards', () => {
    it('shows four cards in one region, each with a heading and one action', async () => {
        const { container } = setup();
        const overview = screen.getByRole('region', { name: en('Overview_Label') });
        const headings = within(overview)
            .getAllByRole('heading', { level: 3 })
            .map((h) => h.textContent);
        expect(headings).toEqual([
            en('Area_Connection'),
            en('Overview_CredentialsTitle'),
            en('Area_Readiness'),
            en('Area_Mailboxes'),
        ]);
        expect(await axe(container)).toHaveNoViolations();
    });

    it('shows the mailbox segments with their counts, adding up to the total', () => {
        setup();
        const mailboxes = card(en('Area_Mailboxes'));
        expect(mailboxes).toHaveTextContent('812 of 1,240 enabled');
        const links = within(within(mailboxes).getByRole('list', { name: en('Overview_SegmentsLabel') })).getAllByRole(
            'button',
        );
        expect(links.map((link) => link.textContent)).toEqual([
            'Enabled 812',
            'Failed 31',
            'Retrying 21',
            'Pending approval 300',
            'Never tested 76',
        ]);
    });

    it('opens the list filtered to a segment from its link and from its part of the bar', async () => {
        const { props, user, container } = setup();
        await user.click(screen.getByRole('button', { name: 'Retrying 21' }));
        expect(props.onOpenSegment).toHaveBeenLastCalledWith('retrying');
        await user.click(container.querySelector('[data-segment="pendingApproval"]') as Element);
        expect(props.onOpenSegment).toHaveBeenLastCalledWith('pendingApproval');
        await user.click(screen.getByRole('button', { name: en('Overview_OpenMailboxes') }));
        expect(props.onOpenArea).toHaveBeenLastCalledWith('mailboxes');
    });

    it('gives each bar part a width in proportion to its count', () => {
        const { container } = setup();
        const grow = (segment: string) =>
            (container.querySelector(`[data-segment="${segment}"]`) as HTMLElement).style.flexGrow;
        expect([grow('enabled'), grow('failed'), grow('neverTested')]).toEqual(['812', '31', '76']);
    });

    it('says it is counting, and why counting failed, instead of showing zeros', () => {
        const { rerender } = setup({ counts: { status: 'loading' } });
        expect(card(en('Area_Mailboxes'))).toHaveTextContent(en('Overview_MailboxesCounting'));
        rerender(<OverviewCards {...setupProps({ counts: { status: 'failed', message: 'Access is denied.' } })} />);
        expect(card(en('Area_Mailboxes'))).toHaveTextContent('The mailboxes could not be counted: Access is denied.');
        expect(screen.queryByRole('list', { name: en('Overview_SegmentsLabel') })).toBeNull();
    });

    it('warns inside 30 days of the secret expiring and errs once it has', () => {
        const { rerender } = setup({ expiry: new Date(Date.UTC(2026, 11, 10)) });
        expect(card(en('Overview_CredentialsTitle'))).toHaveTextContent('Secret expires in 17 days (Dec 10, 2026).');
        rerender(<OverviewCards {...setupProps({ expiry: new Date(Date.UTC(2026, 10, 24)) })} />);
        expect(card(en('Overview_CredentialsTitle'))).toHaveTextContent('Secret expires in 1 day (Nov 24, 2026).');
        rerender(<OverviewCards {...setupProps({ expiry: new Date(Date.UTC(2026, 10, 1)) })} />);
        expect(card(en('Overview_CredentialsTitle'))).toHaveTextContent('Secret expired on Nov 1, 2026.');
    });

    it('says which ID is wrong, or that nothing is needed, by the kind of profile', () => {
        const { rerender } = setup({ profile: { exchangeonlinetenantid: 'contoso.com', oauthclientid: null } });
        expect(card(en('Overview_CredentialsTitle'))).toHaveTextContent(en('Overview_CredentialsInvalid'));
        rerender(<OverviewCards {...setupProps({ kind: 'exchangeOnline' })} />);
        expect(card(en('Overview_CredentialsTitle'))).toHaveTextContent(en('Overview_NothingToSet'));
        expect(card(en('Overview_CredentialsTitle'))).not.toHaveTextContent(en('Overview_SecretSet'));
    });

    it('judges the IDs the form holds, and says they are not saved, when they differ from the saved record', () => {
        // The saved record is valid; the admin typed a tenant ID one character short, which Save would clear.
        setup({ unsavedIds: { exchangeonlinetenantid: null, oauthclientid: '1b2c3d4e-0000-4000-8000-123456789abc' } });
        const credentials = card(en('Overview_CredentialsTitle'));
        expect(credentials).toHaveTextContent(en('Overview_CredentialsInvalid'));
        expect(credentials).not.toHaveTextContent(en('Overview_CredentialsValid'));
        expect(credentials).toHaveTextContent(en('Overview_CredentialsUnsaved'));
    });

    it('calls unsaved valid IDs valid and still says they are not saved', () => {
        setup({
            unsavedIds: {
                exchangeonlinetenantid: '8d2e61f0-3c4b-4a9d-8e7f-0a1b2c3d4e51',
                oauthclientid: '1b2c3d4e-0000-4000-8000-123456789abc',
            },
        });
        const credentials = card(en('Overview_CredentialsTitle'));
        expect(credentials).toHaveTextContent(en('Overview_CredentialsValid'));
        expect(credentials).toHaveTextContent(en('Overview_CredentialsUnsaved'));
    });

    it('shows the last test with its cause, when and by whom', () => {
        setup({
            connection: { status: 'failed', atIso: '2026-11-23T09:05:00Z', by: 'Dana Admin', cause: 'secretInvalid' },
        });
        const connection = card(en('Area_Connection'));
        expect(connection).toHaveTextContent(en('Overview_TestFailed'));
        expect(connection).toHaveTextContent(en('Error_SecretInvalid'));
        expect(connection).toHaveTextContent(/, by Dana Admin/);
    });

    it('shows a recorded test without a name as its time alone, and says when none is recorded', () => {
        const { rerender } = setup({ connection: { status: 'passed', atIso: '2026-11-23T09:05:00Z' } });
        const connection = () => card(en('Area_Connection'));
        expect(connection()).toHaveTextContent(en('Overview_TestPassed'));
        expect(connection()).not.toHaveTextContent(/, by /);
        rerender(<OverviewCards {...setupProps({ connection: { status: 'none' } })} />);
        expect(connection()).toHaveTextContent(en('Overview_TestNone'));
        rerender(
            <OverviewCards {...setupProps({ connection: { status: 'unreadable', message: 'Access is denied.' } })} />,
        );
        expect(connection()).toHaveTextContent('The last test could not be read: Access is denied.');
    });

    it('counts the readiness items done and names the next deadline, passed or not', () => {
        const { rerender } = setup({
            readiness: {
                done: 3,
                total: 9,
                nextDeadline: { dueDate: '2027-04-01', deadline: { daysLeft: 129, status: 'later' } },
            },
        });
        expect(card(en('Area_Readiness'))).toHaveTextContent('3 of 9 steps done');
        expect(card(en('Area_Readiness'))).toHaveTextContent('Next deadline Apr 1, 2027, in 129 days.');
        rerender(
            <OverviewCards
                {...setupProps({
                    readiness: {
                        done: 3,
                        total: 9,
                        nextDeadline: { dueDate: '2026-10-01', deadline: { daysLeft: -53, status: 'passed' } },
                    },
                })}
            />,
        );
        expect(card(en('Area_Readiness'))).toHaveTextContent('Deadline Oct 1, 2026 has passed.');
    });
});

/** The props setup() uses, for a rerender. */
function setupProps(over: Partial<OverviewCardsProps>): OverviewCardsProps {
    return {
        kind: 'crossTenantOAuth',
        profile: {
            exchangeonlinetenantid: '4a1c7e2b-6d3f-4b8e-9a05-1c2d3e4f5a06',
            oauthclientid: '1b2c3d4e-0000-4000-8000-123456789abc',
        },
        isSecretSet: true,
        expiry: new Date(Date.UTC(2027, 5, 1)),
        connection: { status: 'none' },
        readiness: { done: 2, total: 9 },
        counts: { status: 'loaded', counts: COUNTS },
        today: TODAY,
        onOpenArea: jest.fn(),
        onOpenSegment: jest.fn(),
        ...over,
    };
}
