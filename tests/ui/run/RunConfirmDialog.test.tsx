/** @jest-environment jsdom */
import * as React from 'react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import type { PlanCounts } from '../../../src/core/run/planner';
import { RunConfirmDialog, type RunConfirmDialogProps } from '../../../src/ui/run/RunConfirmDialog';
import type { StringKey } from '../../../src/ui/strings';
import { renderWithTexts } from '../render-with-texts';

const TEMPLATES: Partial<Record<StringKey, string>> = {
    Run_ConfirmApproveAndTest: 'Approve {0} and test {1} mailboxes?',
    Run_ConfirmTestOnly: 'Test {0} mailboxes?',
    Run_ConfirmSkipped: '{0} skipped',
    Run_ConfirmRejected: '{0} were rejected',
    Run_ConfirmApproveAndTest_One: 'Approve {0} and test {1} mailbox?',
    Run_ConfirmTestOnly_One: 'Test {0} mailbox?',
    Run_ConfirmSkipped_One: '{0} selected mailbox will be skipped.',
    Run_ConfirmRejected_One: '{0} was rejected',
};
const getString = (key: StringKey) => TEMPLATES[key] ?? `[[${key}]]`;

const COUNTS: PlanCounts = { approve: 37, test: 52, skip: 0, rejected: 0 };
const approveAndTest = (counts: Partial<PlanCounts> = {}) => ({
    mode: 'approveAndTest' as const,
    counts: { ...COUNTS, ...counts },
});

function setup(request: RunConfirmDialogProps['request'] = approveAndTest()) {
    const props: RunConfirmDialogProps = { request, onStart: jest.fn(), onDismiss: jest.fn() };
    const texts = { getString, formatNumber: (x: number) => x.toLocaleString('en-US') };
    return { props, user: userEvent.setup(), ...renderWithTexts(<RunConfirmDialog {...props} />, texts) };
}

describe('RunConfirmDialog', () => {
    it('says what will happen and to how many before anything starts', async () => {
        const { props } = setup();
        const dialog = await screen.findByRole('alertdialog');
        expect(dialog).toHaveTextContent('Approve 37 and test 52 mailboxes?');
        expect(dialog).toHaveTextContent('[[Run_ConfirmDetail]]');
        expect(props.onStart).not.toHaveBeenCalled();
    });

    it('calls onStart only when Start is pressed', async () => {
        const { props, user } = setup();
        await user.click(await screen.findByRole('button', { name: '[[Run_ConfirmStart]]' }));
        expect(props.onStart).toHaveBeenCalledTimes(1);
        expect(props.onDismiss).not.toHaveBeenCalled();
    });

    it('goes back without starting', async () => {
        const { props, user } = setup();
        await user.click(await screen.findByRole('button', { name: '[[Run_ConfirmBack]]' }));
        expect(props.onDismiss).toHaveBeenCalledTimes(1);
        expect(props.onStart).not.toHaveBeenCalled();
    });

    it('speaks of one mailbox in the singular', async () => {
        setup(approveAndTest({ approve: 1, test: 1, skip: 1, rejected: 1 }));
        const dialog = await screen.findByRole('alertdialog');
        expect(dialog).toHaveTextContent('Approve 1 and test 1 mailbox?');
        expect(dialog).toHaveTextContent('1 selected mailbox will be skipped.');
        expect(dialog).toHaveTextContent('1 was rejected');
    });

    it('asks about testing one mailbox in the singular', async () => {
        setup({ mode: 'testOnly', counts: { ...COUNTS, test: 1 } });
        expect(await screen.findByRole('alertdialog')).toHaveTextContent('Test 1 mailbox?');
    });

    it('asks a test-only question and mentions skipped mailboxes', async () => {
        setup({ mode: 'testOnly', counts: { ...COUNTS, test: 1240, skip: 8 } });
        const dialog = await screen.findByRole('alertdialog');
        expect(dialog).toHaveTextContent('Test 1,240 mailboxes?');
        expect(dialog).toHaveTextContent('8 skipped');
    });

    it('warns when the run would approve mailboxes that were rejected, and only then', async () => {
        const { unmount } = setup(approveAndTest({ rejected: 3 }));
        expect(await screen.findByRole('alertdialog')).toHaveTextContent('3 were rejected');
        expect(await axe(document.body)).toHaveNoViolations();
        unmount();
        setup(approveAndTest({ rejected: 0 }));
        expect(await screen.findByRole('alertdialog')).not.toHaveTextContent('were rejected');
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
