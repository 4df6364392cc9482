/** @jest-environment jsdom */
import * as React from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import { ReadinessChecklist, type ReadinessChecklistProps } from '../../../src/ui/readiness/ReadinessChecklist';
import { buildChecklist } from '../../../src/core/readiness/checklist';
import type { GetString } from '../../../src/ui/strings';
import { renderWithTexts, type TestTexts } from '../render-with-texts';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const TODAY = new Date('2026-11-23T09:00:00Z');

function renderChecklist(props: Partial<ReadinessChecklistProps> = {}, texts: TestTexts = {}) {
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
        texts,
    );
    return { ...view, copyText: (props.copyText as jest.Mock | undefined) ?? copyText };
}

function itemOf(titleKey: string): HTMLElement {
    return screen.getByRole('heading', { name: `[[${titleKey}]]` }).closest('li') as HTMLElement;
}

describe('ReadinessChecklist', () => {
    it('renders every checklist item with its title and body', async () => {
        const { container } = renderChecklist();
        const items = buildChecklist({ tenantId: TENANT, applicationId: APP, cloud: 'commercial', today: TODAY });
        for (const item of items) {
            expect(screen.getByRole('heading', { name: `[[${item.titleKey}]]` })).toBeInTheDocument();
            expect(screen.getByText(`[[${item.bodyKey}]]`)).toBeInTheDocument();
        }
        expect(await axe(container)).toHaveNoViolations();
    });

    it('shows the exact value with the IDs filled in, in a read-only block', () => {
        renderChecklist();
        const graph = within(itemOf('Readiness_GraphPermissionsTitle'));
        const block = graph.getByLabelText('[[Readiness_ValueLabel]]');
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
        const ews = items.find((i) => i.id === 'ewsAllowList');
        await user.click(
            within(itemOf('Readiness_EwsAllowListTitle')).getByRole('button', { name: '[[Readiness_CopyLabel]]' }),
        );
        expect(copyText).toHaveBeenCalledWith(ews?.value);
        const status = screen.getByRole('status');
        expect(status).toHaveAttribute('aria-live', 'polite');
        expect(await within(status).findByText('[[Readiness_Copied]]')).toBeInTheDocument();
    });

    it('says so when the clipboard write fails', async () => {
        const user = userEvent.setup();
        renderChecklist({ copyText: jest.fn(() => Promise.reject(new Error('denied'))) });
        await user.click(
            within(itemOf('Readiness_AdminConsentTitle')).getByRole('button', { name: '[[Readiness_CopyLabel]]' }),
        );
        expect(await screen.findByText('[[Readiness_CopyFailed]]')).toBeInTheDocument();
    });

    it('copies with the keyboard: Tab reaches a Copy button and Enter activates it', async () => {
        const user = userEvent.setup();
        const { copyText } = renderChecklist();
        await user.tab();
        expect(screen.getAllByRole('button', { name: '[[Readiness_CopyLabel]]' })[0]).toHaveFocus();
        await user.keyboard('{Enter}');
        expect(copyText).toHaveBeenCalledTimes(1);
        expect(await screen.findByText('[[Readiness_Copied]]')).toBeInTheDocument();
    });

    it('shows the deadlines relative to today with the date in the user locale', () => {
        const strings = (key: string) => {
            if (key === 'Readiness_DeadlinePassed') return 'passed on {0}';
            if (key === 'Readiness_DeadlineLater') return 'due {0}, {1} days left';
            return `[[${key}]]`;
        };
        renderChecklist({}, { getString: strings as GetString, locale: 'en-GB' });
        expect(within(itemOf('Readiness_EwsAllowListTitle')).getByText('passed on 1 Oct 2026')).toBeInTheDocument();
        expect(
            within(itemOf('Readiness_GraphPermissionsTitle')).getByText('due 1 Apr 2027, 129 days left'),
        ).toBeInTheDocument();
    });

    it('says "1 day left" in the singular the day before a deadline', () => {
        const strings = (key: string) => {
            if (key === 'Readiness_DeadlineSoon_One') return 'due {0}, only {1} day left';
            return `[[${key}]]`;
        };
        renderChecklist(
            { today: new Date('2027-03-31T09:00:00Z') },
            { getString: strings as GetString, locale: 'en-GB' },
        );
        expect(
            within(itemOf('Readiness_GraphPermissionsTitle')).getByText('due 1 Apr 2027, only 1 day left'),
        ).toBeInTheDocument();
    });

    it('highlights and labels the item that explains the last test failure', async () => {
        const scrollIntoView = jest.fn();
        Element.prototype.scrollIntoView = scrollIntoView;
        const { container } = renderChecklist({ highlightedItemId: 'adminConsent' });
        const highlighted = itemOf('Readiness_AdminConsentTitle');
        expect(within(highlighted).getByText('[[Readiness_Highlighted]]')).toBeInTheDocument();
        expect(screen.getAllByText('[[Readiness_Highlighted]]')).toHaveLength(1);
        expect(scrollIntoView).toHaveBeenCalledTimes(1);
        expect(await axe(container)).toHaveNoViolations();
        delete (Element.prototype as Partial<Element>).scrollIntoView;
    });

    it('shows placeholders instead of invalid IDs', () => {
        renderChecklist({ tenantId: 'common', applicationId: '' });
        expect(within(itemOf('Readiness_GraphPermissionsTitle')).getByText(/Grant-Sss/)).toHaveTextContent(
            "-TenantId '<tenant-id>' -ClientId '<application-id>'",
        );
    });
});
