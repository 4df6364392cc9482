/**
 * The mailbox-tenant readiness checklist (entra-and-exchange.md §1, §5, §6), pre-filled with the tenant and app
 * IDs. Commands are built with psQuote only; IDs enter them only after validation, else a placeholder is shown.
 */
import { parseApplicationId } from '../credentials/app-id';
import { buildLoginUrl, loginHostsFor, type DetectedCloud } from '../credentials/discovery';
import { EXCHANGE_RESOURCE_APP_ID, FULL_ACCESS_AS_APP_ROLE_ID } from '../credentials/guid';
import { parseTenantId } from '../credentials/tenant-id';
import type { Cloud } from '../profile';
import { describeDeadline, EWS_ALLOW_LIST_DEADLINE, GRAPH_PERMISSIONS_DEADLINE, parseDay } from './deadline';
import type { DeadlineInfo } from './deadline';
import type { ReadinessItemId } from './items';
import { psCommand, psQuote, SWITCH } from './powershell';
import type { StringKey } from '../string-keys';

/** One checklist row; `value` is the exact command or URL to copy. */
export type ChecklistItem = {
    id: ReadinessItemId;
    titleKey: StringKey;
    bodyKey: StringKey;
    value?: string;
    list?: readonly string[];
    status: 'due' | 'overdue' | 'info';
    dueDate?: string;
    deadline?: DeadlineInfo;
};

/** What the checklist is built from; `today` is injected so the dates are testable. */
export type ChecklistInput = { tenantId: string; applicationId: string; cloud: Cloud | DetectedCloud; today: Date };

/** Microsoft Graph application permissions cross-tenant sync needs by Apr 2027 (entra §5: doc 10 + script 11). */
export const GRAPH_APPLICATION_PERMISSIONS: readonly string[] = [
    'Mail.ReadWrite',
    'Mail.Send',
    'MailboxSettings.ReadWrite',
    'Calendars.ReadWrite',
    'Contacts.ReadWrite',
    'Tasks.ReadWrite.All',
    'MailboxConfigItem.ReadWrite',
    'Chat.Read.All',
    'OnlineMeetings.ReadWrite.All',
    'CallRecords.Read.All',
    'User.Read.All',
];

/** Shown in commands until the Tenant ID field holds a valid value. */
export const TENANT_PLACEHOLDER = '<tenant-id>';
/** Shown in commands until the Application ID field holds a valid value. */
export const APP_PLACEHOLDER = '<application-id>';
const OBJECT_ID_PLACEHOLDER = '<enterprise-app-object-id>';
const MAILBOX_PLACEHOLDER = '<mailbox@contoso.com>';
const GROUP_PLACEHOLDER = '<mail-enabled-security-group@contoso.com>';
const SCOPE_NAME = 'Dynamics 365 server-side sync';

/** The validated IDs (undefined while invalid); `appArg` is the quoted app ID or its placeholder, for commands. */
type Ids = { tenant?: string; app?: string; appArg: string; host: string };

/** The title and body of each item. */
const ITEM_KEYS: Readonly<Record<ReadinessItemId, Pick<ChecklistItem, 'titleKey' | 'bodyKey'>>> = {
    appRegistration: { titleKey: 'Readiness_AppRegistrationTitle', bodyKey: 'Readiness_AppRegistrationBody' },
    clientSecret: { titleKey: 'Readiness_ClientSecretTitle', bodyKey: 'Readiness_ClientSecretBody' },
    exchangePermission: { titleKey: 'Readiness_ExchangePermissionTitle', bodyKey: 'Readiness_ExchangePermissionBody' },
    adminConsent: { titleKey: 'Readiness_AdminConsentTitle', bodyKey: 'Readiness_AdminConsentBody' },
    rbacScope: { titleKey: 'Readiness_RbacScopeTitle', bodyKey: 'Readiness_RbacScopeBody' },
    accessPolicy: { titleKey: 'Readiness_AccessPolicyTitle', bodyKey: 'Readiness_AccessPolicyBody' },
    ewsAllowList: { titleKey: 'Readiness_EwsAllowListTitle', bodyKey: 'Readiness_EwsAllowListBody' },
    graphPermissions: { titleKey: 'Readiness_GraphPermissionsTitle', bodyKey: 'Readiness_GraphPermissionsBody' },
    conditionalAccess: { titleKey: 'Readiness_ConditionalAccessTitle', bodyKey: 'Readiness_ConditionalAccessBody' },
};

function item(id: ReadinessItemId, extra: Partial<ChecklistItem> = {}): ChecklistItem {
    return { id, ...ITEM_KEYS[id], status: 'info', ...extra };
}

function withDeadline(id: ReadinessItemId, isoDay: string, today: Date, extra: Partial<ChecklistItem>): ChecklistItem {
    const deadline = describeDeadline(parseDay(isoDay), today);
    const status = deadline.status === 'passed' ? 'overdue' : 'due';
    return item(id, { ...extra, status, dueDate: isoDay, deadline });
}

/** A multi-line script: one command per line. */
function script(...commands: string[]): string {
    return commands.join('\n');
}

function exchangePermission(ids: Ids): ChecklistItem {
    // Azure CLI (runs in PowerShell or bash); the single-quoted literal is safe in both.
    const value =
        `az ad app permission add --id ${ids.appArg} --api ${EXCHANGE_RESOURCE_APP_ID}` +
        ` --api-permissions ${FULL_ACCESS_AS_APP_ROLE_ID}=Role`;
    const list = [
        `Office 365 Exchange Online: ${EXCHANGE_RESOURCE_APP_ID}`,
        `full_access_as_app: ${FULL_ACCESS_AS_APP_ROLE_ID}`,
    ];
    return item('exchangePermission', { value, list });
}

function adminConsent(ids: Ids): ChecklistItem {
    if (!ids.tenant || !ids.app) return item('adminConsent');
    const url = buildLoginUrl(ids.tenant, ids.host, `adminconsent?client_id=${encodeURIComponent(ids.app)}`);
    return item('adminConsent', { value: url });
}

function rbacScope({ appArg: app }: Ids): ChecklistItem {
    const scope = psQuote(SCOPE_NAME);
    const value = script(
        psCommand('New-ServicePrincipal', { AppId: app, ObjectId: psQuote(OBJECT_ID_PLACEHOLDER) }),
        psCommand('New-ManagementScope', {
            Name: scope,
            RecipientRestrictionFilter: psQuote("CustomAttribute1 -eq 'Dynamics365'"),
        }),
        psCommand('New-ManagementRoleAssignment', {
            App: app,
            Role: psQuote('Application EWS.AccessAsApp'),
            CustomResourceScope: scope,
        }),
        psCommand('Test-ServicePrincipalAuthorization', { Identity: app, Resource: psQuote(MAILBOX_PLACEHOLDER) }),
    );
    return item('rbacScope', { value });
}

function accessPolicy({ appArg: app }: Ids): ChecklistItem {
    const value = script(
        psCommand('New-ApplicationAccessPolicy', {
            AppId: app,
            PolicyScopeGroupId: psQuote(GROUP_PLACEHOLDER),
            AccessRight: 'RestrictAccess',
            Description: psQuote(SCOPE_NAME),
        }),
        psCommand('Test-ApplicationAccessPolicy', { AppId: app, Identity: psQuote(MAILBOX_PLACEHOLDER) }),
    );
    return item('accessPolicy', { value });
}

/**
 * Add the app to the organisation's EWS allow-list without dropping anyone: Set-OrganizationConfig writes the whole
 * list, so the script reads it first and writes it back with the app added (entra §5; "always read the existing value
 * before adding or removing an ID"). A list with any entry admits only the apps on it, so an empty list is not
 * turned into a list of this app alone unless the admin names the others in $others (or runs the one-app command the
 * warning prints). EwsEnabled is set only where it was never set; an organisation that switched EWS off is told,
 * not overruled. The list may come back as one comma-separated string or as several values: -split handles both.
 */
function ewsAllowList(ids: Ids, today: Date): ChecklistItem {
    const app = ids.appArg;
    const readList =
        "$ids = @(@((Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy).EwsAllowedAppIDs) -split ','" +
        ' | ForEach-Object { $_.Trim() } | Where-Object { $_ })';
    const emptyWarning = psQuote(
        'The EWS allow-list is empty, and once it has an entry only the apps on it can use EWS. Put the IDs of ' +
            'the other apps that still use EWS into $others and run these lines again; if no other app uses EWS, run: ' +
            `Set-OrganizationConfig -EwsAllowedAppIDs ${app}`,
    );
    const writeList = psCommand('Set-OrganizationConfig', {
        EwsAllowedAppIDs: `((@($ids) + $others + ${app} | Sort-Object -Unique) -join ',')`,
    });
    const offWarning = psQuote(
        'EWS is switched off for this organisation (EwsEnabled False). Server-side sync needs it; to allow the ' +
            'apps on the list: Set-OrganizationConfig -EwsEnabled $true',
    );
    const value = script(
        '$others = @()  # Application IDs of other apps that still use EWS; needed only while the list is empty',
        readList,
        `if ($ids.Count + $others.Count -eq 0) { Write-Warning ${emptyWarning} } else { ${writeList} }`,
        '$org = Get-OrganizationConfig',
        `if ($null -eq $org.EwsEnabled) { ${psCommand('Set-OrganizationConfig', { EwsEnabled: '$true' })} }` +
            ` elseif (-not $org.EwsEnabled) { Write-Warning ${offWarning} }`,
        psCommand('Get-OrganizationConfig', { RetrieveEwsOperationAccessPolicy: SWITCH }),
    );
    return withDeadline('ewsAllowList', EWS_ALLOW_LIST_DEADLINE, today, { value });
}

function graphPermissions(ids: Ids, today: Date): ChecklistItem {
    const value = psCommand('.\\Grant-SssGraphApplicationPermissions.ps1', {
        TenantId: psQuote(ids.tenant ?? TENANT_PLACEHOLDER),
        ClientId: ids.appArg,
        WhatIf: SWITCH,
    });
    return withDeadline('graphPermissions', GRAPH_PERMISSIONS_DEADLINE, today, {
        value,
        list: GRAPH_APPLICATION_PERMISSIONS,
    });
}

function idsOf(input: ChecklistInput): Ids {
    const tenant = parseTenantId(input.tenantId);
    const tenantId = tenant.ok ? tenant.normalised : undefined;
    const app = parseApplicationId(input.applicationId, tenantId);
    const appId = app.ok ? app.value : undefined;
    return {
        tenant: tenantId,
        app: appId,
        appArg: psQuote(appId ?? APP_PLACEHOLDER),
        host: loginHostsFor(input.cloud)[0],
    };
}

/** Build the ordered checklist for the mailbox tenant's admin; deadlines are relative to `today`. */
export function buildChecklist(input: ChecklistInput): ChecklistItem[] {
    const ids = idsOf(input);
    return [
        item('appRegistration'),
        item('clientSecret'),
        exchangePermission(ids),
        adminConsent(ids),
        rbacScope(ids),
        accessPolicy(ids),
        ewsAllowList(ids, input.today),
        graphPermissions(ids, input.today),
        item('conditionalAccess'),
    ];
}
