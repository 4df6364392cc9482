/** @jest-environment jsdom */
import * as React from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import { CredentialsSection, type CredentialsSectionProps } from '../../../src/ui/credentials/CredentialsSection';
import type { DiscoveryResult } from '../../../src/core/credentials/discovery';
import { resxStrings } from '../../resx-strings';
import { renderWithTexts } from '../render-with-texts';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const en = resxStrings(1033);
const TENANT_LABEL = 'Tenant ID';
const APP_LABEL = 'Application (client) ID';
const APPLY_FIX = /^Apply fix: /;

function renderSection(props: Partial<CredentialsSectionProps> = {}) {
    const onChange = jest.fn();
    const view = renderWithTexts(
        <CredentialsSection kind="crossTenantOAuth" serverAuthority={0} onChange={onChange} {...props} />,
    );
    return { ...view, onChange };
}

function resolvingTo(result: DiscoveryResult) {
    return jest.fn(() => Promise.resolve(result));
}

/** The last report to the form, compared strictly: a property left out and one set to undefined differ. */
function lastChange(onChange: jest.Mock): unknown {
    return onChange.mock.calls[onChange.mock.calls.length - 1]?.[0];
}

describe('CredentialsSection', () => {
    it('shows a field error for a value that is not a tenant and removes it once fixed', async () => {
        const user = userEvent.setup();
        const { onChange } = renderSection();
        const field = screen.getByRole('textbox', { name: TENANT_LABEL });
        await user.type(field, 'common');
        expect(
            await screen.findByText(/^common, organizations and consumers are sign-in shortcuts/),
        ).toBeInTheDocument();
        expect(field).toHaveAttribute('aria-invalid', 'true');
        await user.clear(field);
        await user.type(field, TENANT);
        await waitFor(() => expect(screen.queryByText(/sign-in shortcuts/)).not.toBeInTheDocument());
        expect(field).toHaveAttribute('aria-invalid', 'false');
        // The application ID was never edited, so the form keeps its value: the property is left out.
        await waitFor(() => expect(lastChange(onChange)).toStrictEqual({ tenantId: TENANT, blocksSave: true }));
    });

    it('validates at once when the field loses focus', async () => {
        const user = userEvent.setup();
        renderSection();
        await user.type(screen.getByRole('textbox', { name: APP_LABEL }), 'not-a-guid');
        await user.tab();
        expect(screen.getByText(/^An Application \(client\) ID is a GUID/)).toBeInTheDocument();
    });

    it('offers a fix that removes braces and reports the valid pair', async () => {
        const user = userEvent.setup();
        const { onChange } = renderSection({ tenantId: TENANT });
        const field = screen.getByRole('textbox', { name: APP_LABEL });
        await user.type(field, `{{${APP.toUpperCase()}}`);
        const fix = await screen.findByRole('button', {
            name: 'Apply fix: Remove the curly braces; Write the ID in lowercase',
        });
        await user.click(fix);
        expect(field).toHaveValue(APP);
        expect(screen.queryByRole('button', { name: APPLY_FIX })).not.toBeInTheDocument();
        await waitFor(() => expect(lastChange(onChange)).toStrictEqual({ applicationId: APP, blocksSave: false }));
    });

    it('extracts the tenant GUID from a pasted portal URL with Enter on the fix link', async () => {
        const user = userEvent.setup();
        renderSection();
        const field = screen.getByRole('textbox', { name: TENANT_LABEL });
        await user.click(field);
        await user.paste(`https://portal.azure.com/#view/Overview/tenantId/${TENANT}`);
        const fix = await screen.findByRole('button', { name: 'Apply fix: Use the ID found in the pasted URL' });
        await user.tab();
        expect(fix).toHaveFocus();
        await user.keyboard('{Enter}');
        expect(field).toHaveValue(TENANT);
    });

    it('blocks the classic slip of the tenant ID pasted as the application ID', async () => {
        const user = userEvent.setup();
        const { onChange } = renderSection({ tenantId: TENANT });
        await user.type(screen.getByRole('textbox', { name: APP_LABEL }), TENANT);
        expect(await screen.findByText(/^The Application ID equals the Tenant ID\./)).toBeInTheDocument();
        await waitFor(() => expect(lastChange(onChange)).toStrictEqual({ applicationId: null, blocksSave: true }));
        expect(
            screen.getByText(
                `${en('Hint_AppIdNotObjectId')} Until this value can be used, Save leaves Application (client) ID empty.`,
            ),
        ).toBeInTheDocument();
    });

    it('resolves a domain and puts the GUID in the field with "Use this GUID"', async () => {
        const user = userEvent.setup();
        const resolveTenant = resolvingTo({ kind: 'found', tenantId: TENANT, cloud: 'commercial' });
        const { container } = renderSection({ resolveTenant, applicationId: APP });
        const field = screen.getByRole('textbox', { name: TENANT_LABEL });
        await user.type(field, 'contoso.onmicrosoft.com');
        await user.tab();
        expect(await screen.findByText(`Resolved to ${TENANT} (Commercial / GCC).`)).toBeInTheDocument();
        expect(screen.getByText(/^A domain name is fine for looking the tenant up/)).toBeInTheDocument();
        expect(resolveTenant).toHaveBeenLastCalledWith('contoso.onmicrosoft.com', 0, expect.any(AbortSignal));
        expect(await axe(container)).toHaveNoViolations();
        await user.click(screen.getByRole('button', { name: 'Use this GUID' }));
        expect(field).toHaveValue(TENANT);
        expect(await screen.findByText('Tenant found in Microsoft Entra ID (Commercial / GCC).')).toBeInTheDocument();
        expect(screen.queryByText(/^A domain name is fine/)).not.toBeInTheDocument();
    });

    it('says the tenant is unknown and blocks save when discovery does not find it', async () => {
        const resolveTenant = resolvingTo({ kind: 'notFound', code: 90002 });
        const { onChange, container } = renderSection({ tenantId: TENANT, applicationId: APP, resolveTenant });
        expect(
            await screen.findByText(`${en('Error_TenantNotFound')} ${en('Fix_TenantNotFound')}`),
        ).toBeInTheDocument();
        // Stored, not edited here: the form keeps it, and opening the form changes nothing.
        await waitFor(() => expect(lastChange(onChange)).toStrictEqual({ blocksSave: true }));
        expect(await axe(container)).toHaveNoViolations();
    });

    it('clears the tenant the moment its text changes, before validation has caught up', async () => {
        const user = userEvent.setup();
        const { onChange } = renderSection({
            tenantId: TENANT,
            resolveTenant: resolvingTo({ kind: 'notFound', code: 90002 }),
        });
        const field = screen.getByRole('textbox', { name: TENANT_LABEL });
        await user.clear(field);
        await user.type(field, 'contoso.com');
        // A Save now must not store the GUID that was in the field before.
        expect(lastChange(onChange)).toMatchObject({ tenantId: null });
    });

    it('reports the GUID a domain resolves to, and null until it is resolved', async () => {
        const user = userEvent.setup();
        let answer: (result: DiscoveryResult) => void = () => undefined;
        const resolveTenant = jest.fn(() => new Promise<DiscoveryResult>((resolve) => (answer = resolve)));
        const { onChange } = renderSection({ resolveTenant });
        await user.type(screen.getByRole('textbox', { name: TENANT_LABEL }), 'contoso.onmicrosoft.com');
        await user.tab();
        await waitFor(() =>
            expect(resolveTenant).toHaveBeenCalledWith('contoso.onmicrosoft.com', 0, expect.any(AbortSignal)),
        );
        expect(lastChange(onChange)).toMatchObject({ tenantId: null });
        answer({ kind: 'found', tenantId: TENANT, cloud: 'commercial' });
        await waitFor(() => expect(lastChange(onChange)).toMatchObject({ tenantId: TENANT }));
    });

    it('clears the tenant for a typed GUID Entra does not know and says so under the field', async () => {
        const user = userEvent.setup();
        const { onChange } = renderSection({ resolveTenant: resolvingTo({ kind: 'notFound', code: 90002 }) });
        await user.type(screen.getByRole('textbox', { name: TENANT_LABEL }), TENANT);
        expect(
            await screen.findByText('Until this value can be used, Save leaves Tenant ID empty.'),
        ).toBeInTheDocument();
        expect(lastChange(onChange)).toStrictEqual({ tenantId: null, blocksSave: true });
    });

    it('keeps a typed GUID but clears a domain when discovery cannot be reached', async () => {
        const user = userEvent.setup();
        const resolveTenant = jest.fn(() => Promise.reject(new TypeError('Failed to fetch')));
        const { onChange } = renderSection({ resolveTenant });
        const field = screen.getByRole('textbox', { name: TENANT_LABEL });
        await user.type(field, 'contoso.onmicrosoft.com');
        await user.tab();
        expect(await screen.findByText(en('Discovery_UnverifiableDomain'))).toBeInTheDocument();
        expect(lastChange(onChange)).toMatchObject({ tenantId: null });
        await user.clear(field);
        await user.type(field, TENANT);
        await user.tab();
        expect(await screen.findByText(en('Discovery_Unverifiable'))).toBeInTheDocument();
        expect(lastChange(onChange)).toMatchObject({ tenantId: TENANT });
    });

    it.each(['gccHigh', 'dod'] as const)(
        'warns of a cloud mismatch and names the Server authority value to pick (%s tenant)',
        async (cloud) => {
            const resolveTenant = resolvingTo({ kind: 'found', tenantId: TENANT, cloud });
            renderSection({ tenantId: TENANT, resolveTenant, serverAuthority: 0 });
            expect(
                await screen.findByText(
                    'This tenant is in another cloud. Set Server authority to US Government (GCC High / DoD). ' +
                        'Set Server authority to the cloud of the mailbox tenant.',
                ),
            ).toBeInTheDocument();
        },
    );

    it('warns "could not verify" and does not block save when discovery is unverifiable', async () => {
        const resolveTenant = jest.fn(() => Promise.reject(new TypeError('Failed to fetch')));
        const { onChange, container } = renderSection({ tenantId: TENANT, applicationId: APP, resolveTenant });
        expect(await screen.findByText(en('Discovery_Unverifiable'))).toBeInTheDocument();
        expect(screen.queryByText(/does not know this tenant/)).not.toBeInTheDocument();
        await waitFor(() => expect(lastChange(onChange)).toStrictEqual({ blocksSave: false }));
        expect(await axe(container)).toHaveNoViolations();
    });

    it('reaches the tenant field, then the application field, by Tab', async () => {
        const user = userEvent.setup();
        renderSection();
        await user.tab();
        expect(screen.getByRole('textbox', { name: TENANT_LABEL })).toHaveFocus();
        await user.tab();
        expect(screen.getByRole('textbox', { name: APP_LABEL })).toHaveFocus();
    });

    it('shows only the tenant field and the certificate guidance for a hybrid profile', async () => {
        const { container } = renderSection({ kind: 'hybridS2S', useDefaultTenantId: true, tenantId: TENANT });
        expect(screen.getByRole('textbox', { name: TENANT_LABEL })).toHaveValue(TENANT);
        expect(screen.queryByRole('textbox', { name: APP_LABEL })).not.toBeInTheDocument();
        expect(screen.getByText(en('Credentials_HybridGuidance'))).toBeInTheDocument();
        expect(await screen.findByText(en('Credentials_UseDefaultTenantNote'))).toBeInTheDocument();
        expect(await axe(container)).toHaveNoViolations();
    });

    it('says there is nothing to enter for an Exchange Online profile and points at the mailboxes', async () => {
        const user = userEvent.setup();
        const onOpenMailboxes = jest.fn();
        const { onChange, container } = renderSection({ kind: 'exchangeOnline', onOpenMailboxes });
        expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
        expect(screen.getByText(en('Credentials_ExchangeOnlineNothing'))).toBeInTheDocument();
        await user.click(screen.getByRole('button', { name: en('Credentials_SeeMailboxes') }));
        expect(onOpenMailboxes).toHaveBeenCalled();
        expect(lastChange(onChange)).toStrictEqual({ blocksSave: false });
        expect(await axe(container)).toHaveNoViolations();
    });

    it('renders nothing to fill in for an unsupported profile', () => {
        const { container, onChange } = renderSection({ kind: 'unsupported' });
        expect(container).toBeEmptyDOMElement();
        expect(lastChange(onChange)).toStrictEqual({ blocksSave: false });
    });

    it('makes the fields read-only and offers no fix on a read-only form', () => {
        renderSection({ isReadOnly: true, tenantId: ` ${TENANT} ` });
        expect(screen.getByRole('textbox', { name: TENANT_LABEL })).toHaveAttribute('readonly');
        expect(screen.queryByRole('button', { name: APPLY_FIX })).not.toBeInTheDocument();
    });
});
