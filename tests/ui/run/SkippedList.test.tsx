/** @jest-environment jsdom */
import * as React from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import type { PlanCounts } from '../../../src/core/run/planner';
import { RunConfirmDialog } from '../../../src/ui/run/RunConfirmDialog';
import { resxStrings } from '../../resx-strings';
import { renderWithTexts } from '../render-with-texts';

const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);

const COUNTS: PlanCounts = {
    ...{ approve: 0, test: 10, skip: 26, rejected: 0 },
    skipped: [
        { reason: 'notApproved', names: names('Sales', 25) },
        { reason: 'inactive', names: ['Old queue'] },
    ],
};

function setup(counts: PlanCounts = COUNTS, getString = resxStrings(1033), locale = 'en-US') {
    const request = { mode: 'testOnly' as const, counts };
    const props = { request, onStart: jest.fn(), onDismiss: jest.fn() };
    return { user: userEvent.setup(), ...renderWithTexts(<RunConfirmDialog {...props} />, { getString, locale }) };
}

describe('RunConfirmDialog skipped mailboxes', () => {
    it('lists why selected mailboxes will be skipped, each reason a collapsed button with its count', async () => {
        setup();
        const skipped = await screen.findByRole('region', { name: '26 selected mailboxes will be skipped.' });
        const reasons = within(skipped).getAllByRole('button');
        expect(reasons.map((button) => button.textContent)).toEqual(['25 not approved', '1 inactive']);
        for (const button of reasons) expect(button).toHaveAttribute('aria-expanded', 'false');
    });

    it('opens a reason to the sentence that says why and the names of its mailboxes', async () => {
        const { user } = setup();
        const button = await screen.findByRole('button', { name: '1 inactive' });
        await user.click(button);
        expect(button).toHaveAttribute('aria-expanded', 'true');
        const details = document.getElementById(button.getAttribute('aria-controls') ?? '') as HTMLElement;
        expect(details).toHaveTextContent('These mailboxes are inactive; Dynamics does not synchronize them.');
        expect(
            within(details)
                .getAllByRole('listitem')
                .map((item) => item.textContent),
        ).toEqual(['Old queue']);
    });

    it('names the first 20 mailboxes of a reason and counts the rest', async () => {
        const { user } = setup();
        const button = await screen.findByRole('button', { name: '25 not approved' });
        await user.click(button);
        const details = document.getElementById(button.getAttribute('aria-controls') ?? '') as HTMLElement;
        expect(
            within(details)
                .getAllByRole('listitem')
                .map((item) => item.textContent),
        ).toEqual(names('Sales', 20));
        expect(details).toHaveTextContent('… and 5 more');
    });

    it('speaks German', async () => {
        setup(COUNTS, resxStrings(1031), 'de-DE');
        const button = await screen.findByRole('button', { name: '25 nicht genehmigt' });
        expect(screen.getByRole('region', { name: '26 ausgewählte Postfächer werden übersprungen.' })).toContainElement(
            button,
        );
    });

    it('has no axe violations with a reason open', async () => {
        const { user } = setup();
        await user.click(await screen.findByRole('button', { name: '25 not approved' }));
        expect(await axe(document.body)).toHaveNoViolations();
    });
});
