/** @jest-environment jsdom */
import * as React from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import type { PlanCounts } from '../../../src/core/run/planner';
import { RunConfirmDialog, type RunConfirmDialogProps } from '../../../src/ui/run/RunConfirmDialog';
import { renderWithTexts } from '../render-with-texts';

const COUNTS: PlanCounts = { approve: 37, test: 52, skip: 0, rejected: 0 };
const approveAndTest = (counts: Partial<PlanCounts> = {}) => ({
    mode: 'approveAndTest' as const,
    counts: { ...COUNTS, ...counts },
});

function setup(request: RunConfirmDialogProps['request'] = approveAndTest()) {
    const props: RunConfirmDialogProps = { request, onStart: jest.fn(), onDismiss: jest.fn() };
    const texts = { locale: 'en-US' };
    return { props, user: userEvent.setup(), ...renderWithTexts(<RunConfirmDialog {...props} />, texts) };
}

function setupWith(extra: Partial<RunConfirmDialogProps>) {
    const props: RunConfirmDialogProps = {
        request: approveAndTest(),
        onStart: jest.fn(),
        onDismiss: jest.fn(),
        ...extra,
    };
    return renderWithTexts(<RunConfirmDialog {...props} />, { locale: 'en-US' });
}

describe('RunConfirmDialog', () => {
    it('says what will happen and to how many before anything starts', async () => {
        const { props } = setup();
        const dialog = await screen.findByRole('alertdialog');
        expect(dialog).toHaveTextContent('Approve 37 and test 52 mailboxes?');
        expect(dialog).toHaveTextContent('Approval is saved in Dataverse and is not undone if you cancel.');
        expect(props.onStart).not.toHaveBeenCalled();
    });

    it('calls onStart only when Start is pressed', async () => {
        const { props, user } = setup();
        await user.click(await screen.findByRole('button', { name: 'Start' }));
        expect(props.onStart).toHaveBeenCalledTimes(1);
        expect(props.onDismiss).not.toHaveBeenCalled();
    });

    it('goes back without starting', async () => {
        const { props, user } = setup();
        await user.click(await screen.findByRole('button', { name: 'Go back' }));
        expect(props.onDismiss).toHaveBeenCalledTimes(1);
        expect(props.onStart).not.toHaveBeenCalled();
    });

    it('asks only about the tests when an Approve & test run has nothing to approve', async () => {
        // Retry failed and Approve & test over approved mailboxes: "Approve 0 and test 90" reads like a fault.
        setup(approveAndTest({ approve: 0, test: 90 }));
        const dialog = await screen.findByRole('alertdialog');
        expect(dialog).toHaveTextContent('Test 90 mailboxes?');
        expect(dialog).not.toHaveTextContent('Approve 0');
    });

    it('speaks of one mailbox in the singular', async () => {
        setup(approveAndTest({ approve: 1, test: 1, skip: 1, rejected: 1 }));
        const dialog = await screen.findByRole('alertdialog');
        expect(dialog).toHaveTextContent('Approve 1 and test 1 mailbox?');
        expect(dialog).toHaveTextContent('1 selected mailbox will be skipped.');
        expect(dialog).toHaveTextContent('1 of them was rejected earlier; approving it overrides that decision.');
    });

    it('asks about testing one mailbox in the singular', async () => {
        setup({ mode: 'testOnly', counts: { ...COUNTS, test: 1 } });
        expect(await screen.findByRole('alertdialog')).toHaveTextContent('Test 1 mailbox?');
    });

    it('asks a test-only question and mentions skipped mailboxes', async () => {
        setup({ mode: 'testOnly', counts: { ...COUNTS, test: 1240, skip: 8 } });
        const dialog = await screen.findByRole('alertdialog');
        expect(dialog).toHaveTextContent('Test 1,240 mailboxes?');
        expect(dialog).toHaveTextContent('8 selected mailboxes will be skipped.');
    });

    it('warns when the run would approve mailboxes that were rejected, and only then', async () => {
        const { unmount } = setup(approveAndTest({ rejected: 3 }));
        expect(await screen.findByRole('alertdialog')).toHaveTextContent(
            '3 of them were rejected earlier; approving them overrides that decision.',
        );
        expect(await axe(document.body)).toHaveNoViolations();
        unmount();
        setup(approveAndTest({ rejected: 0 }));
        expect(await screen.findByRole('alertdialog')).not.toHaveTextContent('rejected earlier');
    });

    it('says first that the last connection test failed, offers the test, and still lets the admin start', async () => {
        const props: RunConfirmDialogProps = {
            request: approveAndTest(),
            onStart: jest.fn(),
            onDismiss: jest.fn(),
            connection: { status: 'done', verdict: { kind: 'failed', at: '2026-11-23T10:15:00Z' } },
            onTestConnection: jest.fn(),
        };
        renderWithTexts(<RunConfirmDialog {...props} />, { locale: 'en-US' });
        const dialog = await screen.findByRole('alertdialog');
        const warning = await within(dialog).findByText(/^The last connection test on this profile failed \(/);
        // Said before the rest of what the dialog says about the run.
        const detail = within(dialog).getByText(/^Approval is saved in Dataverse/);
        expect(warning.compareDocumentPosition(detail) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
        expect(within(dialog).getByRole('button', { name: 'Test connection' })).toBeInTheDocument();
        expect(await axe(document.body)).toHaveNoViolations();
        await userEvent.click(within(dialog).getByRole('button', { name: 'Start' }));
        expect(props.onStart).toHaveBeenCalledTimes(1);
    });

    it('closes on "Test connection" and then takes the admin to the test', async () => {
        const onTestConnection = jest.fn();
        function Harness() {
            const [request, setRequest] = React.useState<RunConfirmDialogProps['request']>(approveAndTest());
            return (
                <RunConfirmDialog
                    request={request}
                    onStart={jest.fn()}
                    onDismiss={() => setRequest(null)}
                    connection={{ status: 'done', verdict: { kind: 'none' } }}
                    onTestConnection={onTestConnection}
                />
            );
        }
        renderWithTexts(<Harness />, { locale: 'en-US' });
        const dialog = await screen.findByRole('alertdialog');
        await waitFor(() => expect(dialog).toHaveTextContent('No connection test is recorded for this profile'));
        await userEvent.click(within(dialog).getByRole('button', { name: 'Test connection' }));
        await waitFor(() => expect(onTestConnection).toHaveBeenCalledTimes(1));
        expect(screen.queryByRole('alertdialog')).toBeNull();
    });

    it('keeps Start disabled while the last connection test is read, and says so', async () => {
        setupWith({ connection: { status: 'checking' } });
        const dialog = await screen.findByRole('alertdialog');
        expect(dialog).toHaveTextContent('Checking the last connection test…');
        expect(within(dialog).getByRole('button', { name: 'Start' })).toBeDisabled();
    });

    it('says when the last connection test could not be read, and lets the admin start', async () => {
        setupWith({ connection: { status: 'failed', message: 'Access is denied.' } });
        const dialog = await screen.findByRole('alertdialog');
        await waitFor(() =>
            expect(dialog).toHaveTextContent(
                'You can start the run, but whether the last connection test passed could not be read: Access is denied.',
            ),
        );
        expect(within(dialog).getByRole('button', { name: 'Start' })).toBeEnabled();
    });

    it('says nothing about the connection when the last test passed', async () => {
        setupWith({ connection: { status: 'done', verdict: null } });
        const dialog = await screen.findByRole('alertdialog');
        expect(dialog).not.toHaveTextContent('connection test');
        expect(within(dialog).queryByRole('button', { name: 'Test connection' })).toBeNull();
    });

    it('says that starting discards the run a reload interrupted, and only when there is one', async () => {
        const interrupted = {
            ...{ pending: 1_200, sent: 0, confirmed: 0, testing: 0, succeeded: 900, failed: 40, retrying: 0 },
            ...{ skipped: 60, selected: 2_200, inFlight: 0, settled: false },
        };
        const REPLACES = 'Starting replaces the interrupted run (1,000 of 2,200 done): it can no longer be resumed.';
        const { unmount } = setupWith({ interrupted });
        const dialog = await screen.findByRole('alertdialog');
        // Fluent's MessageBar renders its text a moment after it mounts.
        await waitFor(() => expect(dialog).toHaveTextContent(REPLACES));
        unmount();
        setupWith({});
        expect(await screen.findByRole('alertdialog')).not.toHaveTextContent('interrupted');
    });

    it('renders nothing when closed', () => {
        setup(null);
        expect(screen.queryByRole('alertdialog')).toBeNull();
    });

    it('has no axe violations', async () => {
        setup();
        await screen.findByRole('alertdialog');
        expect(await axe(document.body)).toHaveNoViolations();
    });
});
