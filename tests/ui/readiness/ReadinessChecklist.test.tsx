/** @jest-environment jsdom */
import * as React from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import { ReadinessChecklist, type ReadinessChecklistProps } from '../../../src/ui/readiness/ReadinessChecklist';
import { buildChecklist } from '../../../src/core/readiness/checklist';
import { resxStrings } from '../../resx-strings';
import { renderWithTexts } from '../render-with-texts';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const TODAY = new Date('2026-11-23T09:00:00Z');
const en = resxStrings(1033);

function renderChecklist(props: Partial<ReadinessChecklistProps> = {}) {
    const copyText = jest.fn<Promise<void>, [string]>(() => Promise.resolve());
    const view = renderWithTexts(
        <ReadinessChecklist
            tenantId={TENANT}
            applicationId={APP}
            cloud="commercial"
            today={TODAY}
            copyText={copyText}
            {...props}
        />,
        { locale: 'en-GB' },
    );
    return { ...view, copyText: (props.copyText as jest.Mock | undefined) ?? copyText };
}

/** The checklist row whose heading is `title`. */
function itemOf(title: string): HTMLElement {
    return screen.getByRole('heading', { name: title }).closest('li') as HTMLElement;
}

describe('ReadinessChecklist', () => {
    it('renders every checklist item with its title and body', async () => {
        const { container } = renderChecklist();
        const items = buildChecklist({ tenantId: TENANT, applicationId: APP, cloud: 'commercial', today: TODAY });
        for (const item of items) {
            expect(screen.getByRole('heading', { name: en(item.titleKey) })).toBeInTheDocument();
            expect(screen.getByText(en(item.bodyKey))).toBeInTheDocument();
        }
        expect(await axe(container)).toHaveNoViolations();
    });

    it('shows the exact value with the IDs filled in, in a read-only block', () => {
        renderChecklist();
        const graph = within(itemOf('Add the Microsoft Graph permissions'));
        const block = graph.getByLabelText('Value for Add the Microsoft Graph permissions');
        expect(block.tagName).toBe('PRE');
        expect(block).toHaveTextContent(
            `.\\Grant-SssGraphApplicationPermissions.ps1 -TenantId '${TENANT}' -ClientId '${APP}' -WhatIf`,
        );
        expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    });

    it('copies the exact value of an item and announces it politely', async () => {
        const user = userEvent.setup();
        const { copyText } = renderChecklist();
        const items = buildChecklist({ tenantId: TENANT, applicationId: APP, cloud: 'commercial', today: TODAY });
        const ews = items.find((item) => item.id === 'ewsAllowList');
        await user.click(screen.getByRole('button', { name: 'Copy the value for Allow the app to use EWS' }));
        expect(copyText).toHaveBeenCalledWith(ews?.value);
        // The checklist's own announcer, not a warning inside an item.
        const status = screen.getAllByRole('status').find((element) => !element.closest('li')) as HTMLElement;
        expect(status).toHaveAttribute('aria-live', 'polite');
        expect(await within(status).findByText('Copied')).toBeInTheDocument();
    });

    it('says so when the clipboard write fails', async () => {
        const user = userEvent.setup();
        renderChecklist({ copyText: jest.fn(() => Promise.reject(new Error('denied'))) });
        await user.click(screen.getByRole('button', { name: 'Copy the value for Grant admin consent' }));
        expect(await screen.findByText('Could not copy. Select the text and copy it by hand.')).toBeInTheDocument();
    });

    it('copies with the keyboard: Tab reaches a Copy button and Enter activates it', async () => {
        const user = userEvent.setup();
        const { copyText } = renderChecklist();
        await user.tab();
        expect(screen.getAllByRole('button', { name: /^Copy the value for / })[0]).toHaveFocus();
        await user.keyboard('{Enter}');
        expect(copyText).toHaveBeenCalledTimes(1);
        expect(await screen.findByText('Copied')).toBeInTheDocument();
    });

    it('shows the deadlines relative to today with the date in the user locale', async () => {
        renderChecklist();
        expect(
            await within(itemOf('Allow the app to use EWS')).findByText('Deadline 1 Oct 2026 has passed.'),
        ).toBeInTheDocument();
        expect(
            within(itemOf('Add the Microsoft Graph permissions')).getByText('Due 1 Apr 2027, in 129 days.'),
        ).toBeInTheDocument();
    });

    it('shows a passed deadline as a warning message, and one still ahead as plain text', async () => {
        const { container } = renderChecklist();
        // A Fluent warning MessageBar: its text is a polite status, announced and styled as a warning.
        const ews = within(itemOf('Allow the app to use EWS'));
        await ews.findByText('Deadline 1 Oct 2026 has passed.');
        expect(ews.getByRole('status')).toHaveTextContent('Deadline 1 Oct 2026 has passed.');
        expect(within(itemOf('Add the Microsoft Graph permissions')).queryByRole('status')).not.toBeInTheDocument();
        expect(await axe(container)).toHaveNoViolations();
    });

    it('says "1 day left" in the singular the day before a deadline', () => {
        renderChecklist({ today: new Date('2027-03-31T09:00:00Z') });
        expect(
            within(itemOf('Add the Microsoft Graph permissions')).getByText('Due 1 Apr 2027: only 1 day left.'),
        ).toBeInTheDocument();
    });

    it('highlights and labels the item that explains the last test failure', async () => {
        const scrollIntoView = jest.fn();
        Element.prototype.scrollIntoView = scrollIntoView;
        const { container } = renderChecklist({ highlightedItemId: 'adminConsent' });
        const highlighted = itemOf('Grant admin consent');
        expect(within(highlighted).getByText('Explains the last test failure')).toBeInTheDocument();
        expect(screen.getAllByText('Explains the last test failure')).toHaveLength(1);
        expect(scrollIntoView).toHaveBeenCalledTimes(1);
        expect(await axe(container)).toHaveNoViolations();
        delete (Element.prototype as Partial<Element>).scrollIntoView;
    });

    it('shows placeholders instead of invalid IDs', () => {
        renderChecklist({ tenantId: 'common', applicationId: '' });
        expect(within(itemOf('Add the Microsoft Graph permissions')).getByText(/Grant-Sss/)).toHaveTextContent(
            "-TenantId '<tenant-id>' -ClientId '<application-id>'",
        );
    });

    it('lets an admin mark a step done, each check box named after its step, and says when that was not saved', async () => {
        const user = userEvent.setup();
        const onDoneChange = jest.fn();
        const { rerender, container } = renderChecklist({ done: new Set(['appRegistration']), onDoneChange });
        const title = en('Readiness_AdminConsentTitle');
        const consent = within(itemOf(title)).getByRole('checkbox', { name: `${title}: done` });
        expect(consent).not.toBeChecked();
        expect(
            within(itemOf(en('Readiness_AppRegistrationTitle'))).getByRole('checkbox', { name: /: done$/ }),
        ).toBeChecked();
        await user.click(consent);
        expect(onDoneChange).toHaveBeenCalledWith('adminConsent', true);
        rerender(
            <ReadinessChecklist
                tenantId={TENANT}
                applicationId={APP}
                cloud="commercial"
                today={TODAY}
                copyText={jest.fn()}
                done={new Set()}
                onDoneChange={onDoneChange}
                doneProblem={{ kind: 'save', message: 'Access is denied.' }}
            />,
        );
        expect(await screen.findByText('Which steps are done was not saved: Access is denied.')).toBeInTheDocument();
        expect(await axe(container)).toHaveNoViolations();
    });

    it('shows the done marks but does not let them change on a read-only form', async () => {
        const user = userEvent.setup();
        const onDoneChange = jest.fn();
        renderChecklist({ done: new Set(['appRegistration']), onDoneChange, isReadOnly: true });
        const done = within(itemOf(en('Readiness_AppRegistrationTitle'))).getByRole('checkbox', { name: /: done$/ });
        expect(done).toBeChecked();
        expect(done).toBeDisabled();
        await user.click(done);
        expect(onDoneChange).not.toHaveBeenCalled();
    });

    it('shows no check boxes where marking steps done is not offered', () => {
        renderChecklist();
        expect(screen.queryAllByRole('checkbox')).toEqual([]);
    });
});
