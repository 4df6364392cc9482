/**
 * Every copy-ready command of the readiness checklist must be safe to paste into the mailbox tenant (issue 13
 * item 4): it may read, check, dry-run, create something new (a New- cmdlet fails on an existing name rather than
 * overwriting it) or add to a list — never drop or replace a setting the organisation already has. One block per
 * command; a command added to the checklist without a block here fails the first test.
 */
import { buildChecklist, type ChecklistItem } from '../../../src/core/readiness/checklist';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP = '1b2c3d4e-0000-4000-8000-123456789abc';
const TODAY = new Date('2026-11-23T12:00:00Z');

/** The checklist with valid IDs, and with invalid ones (placeholders): both must be safe. */
const CHECKLISTS = [
    buildChecklist({ tenantId: TENANT, applicationId: APP, cloud: 'commercial', today: TODAY }),
    buildChecklist({ tenantId: '', applicationId: '', cloud: 'commercial', today: TODAY }),
];

/** An item's command with the IDs filled in and with placeholders, labelled for the test names. */
function valuesOf(id: ChecklistItem['id']): [string, string][] {
    const labels = ['with the IDs', 'with placeholders'];
    return CHECKLISTS.map((items, index) => [labels[index], items.find((item) => item.id === id)?.value ?? '']);
}

/** The command with every single-quoted literal emptied: text inside a message is not something the shell runs. */
function code(line: string): string {
    return line.replace(/'(?:[^']|'')*'/g, "''");
}

/** The cmdlets a PowerShell command runs (Verb-Noun at the start of a statement or a pipeline stage). */
function cmdlets(value: string): string[] {
    return value
        .split('\n')
        .flatMap((line) => [...code(line).matchAll(/(?:^|[{;|(]\s*)(?:\.\\)?([A-Z][a-z]+-[A-Za-z0-9]+)/g)])
        .map((match) => match[1]);
}

/** Cmdlet verbs that change nothing or create something new. */
const READ_OR_CREATE = new Set(['Get', 'Test', 'New', 'Write', 'ForEach', 'Where', 'Sort']);

/** Every cmdlet call that can change an existing setting, across the whole checklist, as `item: cmdlet -Parameter`. */
function writes(): string[] {
    return CHECKLISTS[0].flatMap((item) =>
        (item.value ?? '')
            .split('\n')
            .flatMap((line) =>
                [...code(line).matchAll(/(?:^|[{;|(]\s*)(?:\.\\)?([A-Z][a-z]+)-([A-Za-z0-9]+)((?: -\w+)?)/g)]
                    .filter((match) => !READ_OR_CREATE.has(match[1]))
                    .map((match) => `${item.id}: ${match[1]}-${match[2]}${match[3]}`),
            ),
    );
}

describe('copy-ready readiness commands', () => {
    it('have a safety rule below for every item that offers one', () => {
        const withValue = CHECKLISTS[0].filter((item) => item.value !== undefined).map((item) => item.id);
        expect(withValue).toEqual([
            'exchangePermission',
            'adminConsent',
            'rbacScope',
            'accessPolicy',
            'ewsAllowList',
            'graphPermissions',
        ]);
    });

    it('change an existing setting only in the guarded places named below', () => {
        expect(writes()).toEqual([
            'ewsAllowList: Set-OrganizationConfig -EwsAllowedAppIDs',
            'ewsAllowList: Set-OrganizationConfig -EwsEnabled',
            'graphPermissions: Grant-SssGraphApplicationPermissions',
        ]);
    });
});

describe('exchangePermission (az ad app permission add)', () => {
    it.each(valuesOf('exchangePermission'))(
        'adds the one permission and never rewrites the list (%s)',
        (_label, value) => {
            expect(value).toMatch(/^az ad app permission add --id '[^']+' --api \S+ --api-permissions \S+=Role$/);
            // `az ad app update --required-resource-accesses` would replace every permission the app has.
            expect(value).not.toMatch(/\bupdate\b|--required-resource-accesses|\bdelete\b|\bremove\b/);
        },
    );
});

describe('adminConsent (consent URL)', () => {
    it('is a sign-in URL that asks for consent and runs nothing', () => {
        const [[, value]] = valuesOf('adminConsent');
        expect(value).toBe(`https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${APP}`);
    });
});

describe.each(['rbacScope', 'accessPolicy'] as const)('%s', (id) => {
    it.each(valuesOf(id))('only creates (New-) and checks (Test-) (%s)', (_label, value) => {
        const verbs = cmdlets(value).map((cmdlet) => cmdlet.split('-')[0]);
        expect(verbs.length).toBeGreaterThan(1);
        expect(verbs.every((verb) => verb === 'New' || verb === 'Test')).toBe(true);
    });
});

describe('ewsAllowList (EwsAllowedAppIDs, EwsEnabled)', () => {
    const lines = (value: string) => value.split('\n').map(code);

    it.each(valuesOf('ewsAllowList'))('reads the organisation’s list before it writes it (%s)', (_label, value) => {
        const all = lines(value);
        const read = all.findIndex((line) =>
            /^\$ids = .*\(Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy\)\.EwsAllowedAppIDs/.test(line),
        );
        const write = all.findIndex((line) => line.includes('Set-OrganizationConfig -EwsAllowedAppIDs'));
        expect(read).toBeGreaterThanOrEqual(0);
        expect(write).toBeGreaterThan(read);
    });

    it.each(valuesOf('ewsAllowList'))(
        'writes back the list it read plus this app, nothing less (%s)',
        (_label, value) => {
            const written = /Set-OrganizationConfig -EwsAllowedAppIDs (\(\(.*\) -join ','\))/.exec(value)?.[1];
            expect(written).toBe(
                `((@($ids) + $others + '${value.includes(APP) ? APP : '<application-id>'}' | Sort-Object -Unique) -join ',')`,
            );
            // The one other place the app ID appears alone is inside the warning's text, which the shell does not run.
            expect(code(value)).not.toMatch(/-EwsAllowedAppIDs ''/);
        },
    );

    it.each(valuesOf('ewsAllowList'))(
        'never turns an empty list into a list of this app alone (%s)',
        (_label, value) => {
            const guarded = lines(value).find((line) => line.includes('-EwsAllowedAppIDs'));
            expect(guarded).toMatch(
                /^if \(\$ids\.Count \+ \$others\.Count -eq 0\) \{ Write-Warning '' \} else \{ Set-OrganizationConfig -EwsAllowedAppIDs /,
            );
            expect(value).toMatch(/^\$others = @\(\)/);
        },
    );

    it.each(valuesOf('ewsAllowList'))('switches EWS on only where it was never set (%s)', (_label, value) => {
        const all = lines(value);
        const org = all.indexOf('$org = Get-OrganizationConfig');
        const enable = all.findIndex((line) => line.includes('-EwsEnabled'));
        expect(org).toBeGreaterThanOrEqual(0);
        expect(enable).toBeGreaterThan(org);
        expect(all[enable]).toBe(
            "if ($null -eq $org.EwsEnabled) { Set-OrganizationConfig -EwsEnabled $true } elseif (-not $org.EwsEnabled) { Write-Warning '' }",
        );
    });
});

describe('graphPermissions (Microsoft’s Grant-SssGraphApplicationPermissions.ps1)', () => {
    it.each(valuesOf('graphPermissions'))(
        'is a dry run (-WhatIf) of a script that only adds permissions (%s)',
        (_label, value) => {
            expect(value).toMatch(
                /^\.\\Grant-SssGraphApplicationPermissions\.ps1 -TenantId '[^']+' -ClientId '[^']+' -WhatIf$/,
            );
        },
    );
});
