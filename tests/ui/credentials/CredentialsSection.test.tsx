/** @jest-environment jsdom */
import * as React from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import { CredentialsSection, type CredentialsSectionProps } from '../../../src/ui/credentials/CredentialsSection';
import type { DiscoveryResult } from '../../../src/core/credentials/discovery';
import type { GetString } from '../../../src/ui/strings';
import { renderWithTexts, type TestTexts } from '../render-with-texts';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const TENANT_LABEL = '[[Credentials_TenantIdLabel]]';
const APP_LABEL = '[[Credentials_AppIdLabel]]';

function renderSection(props: Partial<CredentialsSectionProps> = {}, texts: TestTexts = {}) {
    const onChange = jest.fn();
    const view = renderWithTexts(
        <CredentialsSection kind="crossTenantOAuth" serverAuthority={0} onChange={onChange} {...props} />,
        texts,
    );
    return { ...view, onChange };
}

function resolvingTo(result: DiscoveryResult) {
    return jest.fn(() => Promise.resolve(result));
}

describe('CredentialsSection', () => {
    it('shows a field error for a value that is not a tenant and removes it once fixed', async () => {
        const user = userEvent.setup();
        const { onChange } = renderSection();
        const field = screen.getByRole('textbox', { name: TENANT_LABEL });
        await user.type(field, 'common');
        expect(await screen.findByText(/\[\[Validation_TenantGeneric\]\]/)).toBeInTheDocument();
        expect(field).toHaveAttribute('aria-invalid', 'true');
        await user.clear(field);
        await user.type(field, TENANT);
        await waitFor(() => expect(screen.queryByText(/Validation_TenantGeneric/)).not.toBeInTheDocument());
        expect(field).toHaveAttribute('aria-invalid', 'false');
        await waitFor(() =>
            expect(onChange).toHaveBeenLastCalledWith({ tenantId: TENANT, applicationId: undefined, blocksSave: true }),
        );
    });

    it('validates at once when the field loses focus', async () => {
        const user = userEvent.setup();
        renderSection();
        await user.type(screen.getByRole('textbox', { name: APP_LABEL }), 'not-a-guid');
        await user.tab();
        expect(screen.getByText(/\[\[Validation_AppNotGuid\]\]/)).toBeInTheDocument();
    });

    it('offers a fix that removes braces and reports the valid pair', async () => {
        const user = userEvent.setup();
        const { onChange } = renderSection({ tenantId: TENANT });
        const field = screen.getByRole('textbox', { name: APP_LABEL });
        await user.type(field, `{{${APP.toUpperCase()}}`);
        const fix = await screen.findByRole('button', { name: /Credentials_ApplyFix/ });
        await user.click(fix);
        expect(field).toHaveValue(APP);
        expect(screen.queryByRole('button', { name: /Credentials_ApplyFix/ })).not.toBeInTheDocument();
        await waitFor(() =>
            expect(onChange).toHaveBeenLastCalledWith({ tenantId: TENANT, applicationId: APP, blocksSave: false }),
        );
    });

    it('extracts the tenant GUID from a pasted portal URL with Enter on the fix link', async () => {
        const user = userEvent.setup();
        renderSection();
        const field = screen.getByRole('textbox', { name: TENANT_LABEL });
        await user.click(field);
        await user.paste(`https://portal.azure.com/#view/Overview/tenantId/${TENANT}`);
        const fix = await screen.findByRole('button', { name: /Credentials_ApplyFix/ });
        await user.tab();
        expect(fix).toHaveFocus();
        await user.keyboard('{Enter}');
        expect(field).toHaveValue(TENANT);
    });

    it('blocks the classic slip of the tenant ID pasted as the application ID', async () => {
        const user = userEvent.setup();
        const { onChange } = renderSection({ tenantId: TENANT });
        await user.type(screen.getByRole('textbox', { name: APP_LABEL }), TENANT);
        expect(await screen.findByText(/\[\[Validation_AppSameAsTenant\]\]/)).toBeInTheDocument();
        await waitFor(() =>
            expect(onChange).toHaveBeenLastCalledWith({ tenantId: TENANT, applicationId: undefined, blocksSave: true }),
        );
    });

    it('resolves a domain and puts the GUID in the field with "Use this GUID"', async () => {
        const user = userEvent.setup();
        const resolveTenant = resolvingTo({ kind: 'found', tenantId: TENANT, cloud: 'commercial' });
        const { container } = renderSection({ resolveTenant, applicationId: APP });
        const field = screen.getByRole('textbox', { name: TENANT_LABEL });
        await user.type(field, 'contoso.onmicrosoft.com');
        await user.tab();
        expect(await screen.findByText('[[Discovery_Resolved]]')).toBeInTheDocument();
        expect(screen.getByText(/Validation_TenantDomainMustResolve/)).toBeInTheDocument();
        expect(resolveTenant).toHaveBeenLastCalledWith('contoso.onmicrosoft.com', 0, expect.any(AbortSignal));
        expect(await axe(container)).toHaveNoViolations();
        await user.click(screen.getByRole('button', { name: '[[Discovery_UseGuid]]' }));
        expect(field).toHaveValue(TENANT);
        expect(await screen.findByText('[[Discovery_Verified]]')).toBeInTheDocument();
        expect(screen.queryByText(/Validation_TenantDomainMustResolve/)).not.toBeInTheDocument();
    });

    it('says the tenant is unknown and blocks save when discovery does not find it', async () => {
        const resolveTenant = resolvingTo({ kind: 'notFound', code: 90002 });
        const { onChange, container } = renderSection({ tenantId: TENANT, applicationId: APP, resolveTenant });
        expect(await screen.findByText(/\[\[Error_TenantNotFound\]\] \[\[Fix_TenantNotFound\]\]/)).toBeInTheDocument();
        await waitFor(() =>
            expect(onChange).toHaveBeenLastCalledWith({ tenantId: TENANT, applicationId: APP, blocksSave: true }),
        );
        expect(await axe(container)).toHaveNoViolations();
    });

    it('warns of a cloud mismatch and names the Server authority value to pick', async () => {
        const resolveTenant = resolvingTo({ kind: 'found', tenantId: TENANT, cloud: 'gccHigh' });
        renderSection({ tenantId: TENANT, resolveTenant, serverAuthority: 0 });
        expect(await screen.findByText('[[Discovery_CloudMismatch]] [[Fix_WrongNationalCloud]]')).toBeInTheDocument();
    });

    it('names the cloud in the mismatch message through the template', async () => {
        const strings = (key: string) =>
            key === 'Discovery_CloudMismatch' ? 'Set Server authority to {0}.' : `[[${key}]]`;
        const resolveTenant = resolvingTo({ kind: 'found', tenantId: TENANT, cloud: 'dod' });
        renderSection({ tenantId: TENANT, resolveTenant, serverAuthority: 0 }, { getString: strings as GetString });
        expect(await screen.findByText(/Set Server authority to \[\[Cloud_UsGov\]\]\./)).toBeInTheDocument();
    });

    it('warns "could not verify" and does not block save when discovery is unverifiable', async () => {
        const resolveTenant = jest.fn(() => Promise.reject(new TypeError('Failed to fetch')));
        const { onChange, container } = renderSection({ tenantId: TENANT, applicationId: APP, resolveTenant });
        expect(await screen.findByText('[[Discovery_Unverifiable]]')).toBeInTheDocument();
        expect(screen.queryByText(/Error_TenantNotFound/)).not.toBeInTheDocument();
        await waitFor(() =>
            expect(onChange).toHaveBeenLastCalledWith({ tenantId: TENANT, applicationId: APP, blocksSave: false }),
        );
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
        expect(screen.getByText('[[Credentials_HybridGuidance]]')).toBeInTheDocument();
        expect(await screen.findByText('[[Credentials_UseDefaultTenantNote]]')).toBeInTheDocument();
        expect(await axe(container)).toHaveNoViolations();
    });

    it('says there is nothing to enter for an Exchange Online profile and points at the mailboxes', async () => {
        const user = userEvent.setup();
        const onOpenMailboxes = jest.fn();
        const { onChange, container } = renderSection({ kind: 'exchangeOnline', onOpenMailboxes });
        expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
        expect(screen.getByText('[[Credentials_ExchangeOnlineNothing]]')).toBeInTheDocument();
        await user.click(screen.getByRole('button', { name: '[[Credentials_SeeMailboxes]]' }));
        expect(onOpenMailboxes).toHaveBeenCalled();
        expect(onChange).toHaveBeenLastCalledWith({ tenantId: undefined, applicationId: undefined, blocksSave: false });
        expect(await axe(container)).toHaveNoViolations();
    });

    it('renders nothing to fill in for an unsupported profile', () => {
        const { container, onChange } = renderSection({ kind: 'unsupported' });
        expect(container).toBeEmptyDOMElement();
        expect(onChange).toHaveBeenLastCalledWith({ tenantId: undefined, applicationId: undefined, blocksSave: false });
    });

    it('makes the fields read-only and offers no fix on a read-only form', () => {
        renderSection({ isReadOnly: true, tenantId: ` ${TENANT} ` });
        expect(screen.getByRole('textbox', { name: TENANT_LABEL })).toHaveAttribute('readonly');
        expect(screen.queryByRole('button', { name: /Credentials_ApplyFix/ })).not.toBeInTheDocument();
    });
});
