/** @jest-environment jsdom */
import * as React from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import { ConnectionTestCard, type ConnectionTestCardProps } from '../../../src/ui/connection/ConnectionTestCard';
import { decodeAlert, decodeDataverseError } from '../../../src/core/credentials/error-catalogue';
import { resxStrings } from '../../resx-strings';
import { renderWithTexts } from '../render-with-texts';

const en = resxStrings(1033);

const canaries = [
    { id: 'm1', label: 'Adele Vance <adele@contoso.com>' },
    { id: 'm2', label: 'Support queue <support@contoso.com>' },
];

function renderCard(patch: Partial<ConnectionTestCardProps> = {}) {
    const props: ConnectionTestCardProps = {
        canaries,
        defaultCanaryId: 'm1',
        view: { status: 'idle' },
        nowMs: 0,
        onRun: jest.fn(),
        onCancel: jest.fn(),
        ...patch,
    };
    return { props, ...renderWithTexts(<ConnectionTestCard {...props} />) };
}

describe('ConnectionTestCard', () => {
    it('runs the test on the default canary by keyboard', async () => {
        const { props } = renderCard();
        const run = screen.getByRole('button', { name: en('ConnectionTest_Run') });
        run.focus();
        await userEvent.keyboard('{Enter}');
        expect(props.onRun).toHaveBeenCalledWith('m1');
    });

    it('will not run while the form has unsaved changes and says why', async () => {
        const { props } = renderCard({ blockedKey: 'ConnectionTest_FormDirty' });
        // Fluent's MessageBar renders its text one tick later for screen readers.
        expect(await screen.findByText(en('ConnectionTest_FormDirty'))).toBeInTheDocument();
        expect(screen.getByRole('button', { name: en('ConnectionTest_Run') })).toBeDisabled();
        expect(props.onRun).not.toHaveBeenCalled();
    });

    it('shows the current step, the countdown and a cancel button while running', async () => {
        const { props } = renderCard({
            view: { status: 'running', step: 'running', polls: 2, nextPollAtMs: 12_000 },
            nowMs: 2_500,
        });
        const steps = within(screen.getByRole('list', { name: en('ConnectionTest_Progress') })).getAllByRole(
            'listitem',
        );
        expect(steps.map((step) => step.textContent)).toEqual([
            '✓ Test & Enable scheduled for the mailbox',
            '… Waiting for Dynamics to run the test',
            '○ Result',
        ]);
        expect(steps[1]).toHaveAttribute('aria-current', 'step');
        // 9.5 s to the next check, rounded up.
        expect(screen.getByText('Next check in 10 s (checked 2 times so far).')).toBeInTheDocument();
        await userEvent.click(screen.getByRole('button', { name: en('ConnectionTest_Cancel') }));
        expect(props.onCancel).toHaveBeenCalled();
        expect(screen.getByRole('button', { name: en('ConnectionTest_Rerun') })).toBeDisabled();
    });

    it('keeps the keyboard focus on its buttons as the test starts and ends', async () => {
        // Test connection is disabled while the test runs and Stop watching goes when it ends: neither may drop
        // the focus on the page.
        const running: ConnectionTestCardProps['view'] = { status: 'running', step: 'queued', polls: 0 };
        const { props, rerender } = renderCard();
        const card = (view: ConnectionTestCardProps['view']) => <ConnectionTestCard {...props} view={view} />;
        screen.getByRole('button', { name: en('ConnectionTest_Run') }).focus();
        await userEvent.keyboard('{Enter}');
        rerender(card(running));
        expect(screen.getByRole('button', { name: en('ConnectionTest_Cancel') })).toHaveFocus();
        rerender(card({ status: 'succeeded', completedOn: '2026-11-23T10:00:00Z' }));
        expect(screen.getByRole('button', { name: en('ConnectionTest_Rerun') })).toHaveFocus();
    });

    it('counts the first check in the singular', () => {
        renderCard({ view: { status: 'running', step: 'running', polls: 1, nextPollAtMs: 12_000 }, nowMs: 2_500 });
        expect(screen.getByText('Next check in 10 s (checked 1 time so far).')).toBeInTheDocument();
    });

    it('explains a failure with its cause and fix, and shows the raw text on request', async () => {
        const failure = decodeAlert({
            text: 'The credentials specified in the associated email server profile are incorrect.',
            errordetails: 'AADSTS7000222: The provided client secret keys are expired.',
            level: 3,
        });
        const { container } = renderCard({ view: { status: 'failed', failures: [failure] } });
        expect(await screen.findByText('The client secret has expired. (AADSTS7000222)')).toBeInTheDocument();
        expect(
            screen.getByText(
                'Create a new client secret in the app registration and enter its Value here. Note the new expiry date.',
            ),
        ).toBeInTheDocument();
        expect(screen.queryByText(/The provided client secret keys are expired/)).toBeNull();
        await userEvent.click(screen.getByRole('button', { name: en('ConnectionTest_ShowRaw') }));
        expect(screen.getByText(/The provided client secret keys are expired/)).toBeInTheDocument();
        expect(await axe(container)).toHaveNoViolations();
    });

    it('says the test could not run, not that it failed, when its own request to Dataverse failed', async () => {
        const failure = decodeDataverseError({ status: 403, code: '0x80040220', message: 'missing prvWriteMailbox' });
        renderCard({ view: { status: 'error', failure } });
        expect(await screen.findByText(en('ConnectionTest_CouldNotRun'))).toBeInTheDocument();
        expect(screen.queryByText(en('ConnectionTest_Failed'))).not.toBeInTheDocument();
        expect(screen.getByRole('alert')).toHaveTextContent('You do not have the privilege for this action.');
    });

    it('reports success and passes axe', async () => {
        const { container } = renderCard({ view: { status: 'succeeded', completedOn: '2026-11-23T10:00:00Z' } });
        expect(await screen.findByText(en('ConnectionTest_Succeeded'))).toBeInTheDocument();
        expect(await axe(container)).toHaveNoViolations();
    });
});
