import { buildChecklist, GRAPH_APPLICATION_PERMISSIONS } from '../../../src/core/readiness/checklist';
import { READINESS_ITEM_IDS } from '../../../src/core/readiness/items';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP = '1b2c3d4e-0000-4000-8000-123456789abc';
const TODAY = new Date('2026-11-23T12:00:00Z');

function byId(items: ReturnType<typeof buildChecklist>) {
    return Object.fromEntries(items.map((i) => [i.id, i]));
}

describe('buildChecklist', () => {
    const items = buildChecklist({ tenantId: TENANT, applicationId: APP, cloud: 'commercial', today: TODAY });
    const item = byId(items);

    it('lists every item once, in order', () => {
        expect(items.map((i) => i.id)).toEqual([...READINESS_ITEM_IDS]);
    });

    it('names title and body keys after the item', () => {
        expect(item.ewsAllowList).toMatchObject({
            titleKey: 'Readiness_EwsAllowListTitle',
            bodyKey: 'Readiness_EwsAllowListBody',
        });
    });

    it('builds the admin consent URL for the commercial cloud', () => {
        expect(item.adminConsent.value).toBe(
            `https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${APP}`,
        );
    });

    it.each([
        ['usGov', 'login.microsoftonline.us'],
        ['gccHigh', 'login.microsoftonline.us'],
        ['china', 'login.partner.microsoftonline.cn'],
        ['gcc', 'login.microsoftonline.com'],
    ] as const)('builds the admin consent URL for %s on %s', (cloud, host) => {
        const consent = byId(
            buildChecklist({ tenantId: TENANT, applicationId: APP, cloud, today: TODAY }),
        ).adminConsent;
        expect(consent.value).toBe(`https://${host}/${TENANT}/adminconsent?client_id=${APP}`);
    });

    it('uses a normalised tenant and app ID', () => {
        const consent = byId(
            buildChecklist({
                tenantId: ` {${TENANT.toUpperCase()}} `,
                applicationId: `"${APP}"`,
                cloud: 'commercial',
                today: TODAY,
            }),
        ).adminConsent;
        expect(consent.value).toBe(`https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${APP}`);
    });

    it('names the Exchange resource and the full_access_as_app role', () => {
        expect(item.exchangePermission.list).toEqual([
            'Office 365 Exchange Online: 00000002-0000-0ff1-ce00-000000000000',
            'full_access_as_app: dc890d15-9560-4a4c-9b7f-a736ec74ec40',
        ]);
        expect(item.exchangePermission.value).toBe(
            `az ad app permission add --id '${APP}' --api 00000002-0000-0ff1-ce00-000000000000 --api-permissions dc890d15-9560-4a4c-9b7f-a736ec74ec40=Role`,
        );
    });

    it('gives the EWS allow-list commands, overdue since 1 Oct 2026', () => {
        // What each line may change is pinned in safe-to-paste.test.ts; here: the app is in it, the check is last.
        expect(item.ewsAllowList.value).toContain(`+ '${APP}' | Sort-Object -Unique`);
        expect(item.ewsAllowList.value?.split('\n').pop()).toBe(
            'Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy',
        );
        expect(item.ewsAllowList).toMatchObject({
            status: 'overdue',
            dueDate: '2026-10-01',
            deadline: { daysLeft: -53, status: 'passed' },
        });
    });

    it('gives the Graph script and 11 permissions, due in 129 days', () => {
        expect(item.graphPermissions).toMatchObject({
            value: `.\\Grant-SssGraphApplicationPermissions.ps1 -TenantId '${TENANT}' -ClientId '${APP}' -WhatIf`,
            status: 'due',
            dueDate: '2027-04-01',
            deadline: { daysLeft: 129, status: 'later' },
        });
        expect(item.graphPermissions.list).toBe(GRAPH_APPLICATION_PERMISSIONS);
        expect(GRAPH_APPLICATION_PERMISSIONS).toHaveLength(11);
    });

    it('gives the RBAC for Applications commands', () => {
        expect(item.rbacScope.value?.split('\n')).toEqual([
            `New-ServicePrincipal -AppId '${APP}' -ObjectId '<enterprise-app-object-id>'`,
            "New-ManagementScope -Name 'Dynamics 365 server-side sync' -RecipientRestrictionFilter 'CustomAttribute1 -eq ''Dynamics365'''",
            `New-ManagementRoleAssignment -App '${APP}' -Role 'Application EWS.AccessAsApp' -CustomResourceScope 'Dynamics 365 server-side sync'`,
            `Test-ServicePrincipalAuthorization -Identity '${APP}' -Resource '<mailbox@contoso.com>'`,
        ]);
    });

    it('gives the legacy Application Access Policy commands', () => {
        expect(item.accessPolicy.value?.split('\n')).toEqual([
            `New-ApplicationAccessPolicy -AppId '${APP}' -PolicyScopeGroupId '<mail-enabled-security-group@contoso.com>' -AccessRight RestrictAccess -Description 'Dynamics 365 server-side sync'`,
            `Test-ApplicationAccessPolicy -AppId '${APP}' -Identity '<mailbox@contoso.com>'`,
        ]);
    });

    it.each(['appRegistration', 'clientSecret', 'conditionalAccess'])('marks %s as information', (id) => {
        expect(item[id].status).toBe('info');
        expect(item[id].value).toBeUndefined();
    });

    it('uses placeholders and no consent URL while the IDs are invalid', () => {
        const hostile = "x'; Remove-Item -Recurse C:\\ #";
        const list = byId(
            buildChecklist({ tenantId: hostile, applicationId: hostile, cloud: 'commercial', today: TODAY }),
        );
        expect(list.adminConsent.value).toBeUndefined();
        expect(list.graphPermissions.value).toBe(
            ".\\Grant-SssGraphApplicationPermissions.ps1 -TenantId '<tenant-id>' -ClientId '<application-id>' -WhatIf",
        );
        expect(JSON.stringify(list)).not.toContain('Remove-Item');
    });

    it('keeps a tenant domain in the script and URL-encodes it in the consent URL', () => {
        const list = byId(
            buildChecklist({
                tenantId: 'contoso.onmicrosoft.com',
                applicationId: APP,
                cloud: 'automatic',
                today: TODAY,
            }),
        );
        expect(list.adminConsent.value).toBe(
            `https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=${APP}`,
        );
        expect(list.graphPermissions.value).toContain("-TenantId 'contoso.onmicrosoft.com'");
    });

    it('turns the Graph item overdue after 1 Apr 2027', () => {
        const later = byId(
            buildChecklist({
                tenantId: TENANT,
                applicationId: APP,
                cloud: 'commercial',
                today: new Date('2027-04-02T00:00:00Z'),
            }),
        );
        expect(later.graphPermissions).toMatchObject({
            status: 'overdue',
            deadline: { daysLeft: -1, status: 'passed' },
        });
    });
});
