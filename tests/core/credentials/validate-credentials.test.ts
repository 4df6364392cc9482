import { validateCredentials } from '../../../src/core/credentials/validate-credentials';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP = '1b2c3d4e-0000-4000-8000-123456789abc';
const SECRET = `Abc8Q~${'x1_.-~Yz9K'.repeat(3)}abcd`;

describe('validateCredentials', () => {
    it('passes a complete cross-tenant profile', () => {
        const result = validateCredentials(
            { tenantId: TENANT, applicationId: APP, clientSecret: SECRET },
            'crossTenantOAuth',
        );
        expect(result.blocksSave).toBe(false);
        expect(Object.keys(result.fields)).toEqual(['tenantId', 'applicationId', 'clientSecret']);
        expect(result.fields.tenantId).toEqual({ severity: 'ok', blocksSave: false, fixKeys: [], normalised: TENANT });
        expect(result.fields.applicationId?.fixKey).toBe('Hint_AppIdNotObjectId');
    });

    it('skips the secret when none was entered', () => {
        const result = validateCredentials(
            { tenantId: TENANT, applicationId: APP, clientSecret: '' },
            'crossTenantOAuth',
        );
        expect(result.fields.clientSecret).toBeUndefined();
        expect(result.blocksSave).toBe(false);
    });

    it('blocks save on an error and names the message and fix', () => {
        const result = validateCredentials({ tenantId: 'common', applicationId: APP }, 'crossTenantOAuth');
        expect(result.blocksSave).toBe(true);
        expect(result.fields.tenantId).toMatchObject({
            severity: 'error',
            blocksSave: true,
            code: 'tenantGeneric',
            messageKey: 'Validation_TenantGeneric',
            fixKey: 'Fix_CopyTenantId',
        });
    });

    it('does not block save on a legacy secret warning', () => {
        const result = validateCredentials(
            { tenantId: TENANT, applicationId: APP, clientSecret: 'a'.repeat(32) },
            'crossTenantOAuth',
        );
        expect(result.fields.clientSecret).toMatchObject({
            severity: 'warning',
            blocksSave: false,
            code: 'secretLegacyFormat',
        });
        expect(result.blocksSave).toBe(false);
    });

    it('offers the normalised value and the fix labels', () => {
        const result = validateCredentials(
            { tenantId: ` {${TENANT.toUpperCase()}} `, applicationId: APP },
            'crossTenantOAuth',
        );
        expect(result.fields.tenantId).toMatchObject({
            severity: 'ok',
            normalised: TENANT,
            fixKeys: ['Fix_Trimmed', 'Fix_RemovedBraces', 'Fix_Lowercased'],
        });
    });

    it('blocks save until a tenant domain is resolved to its GUID', () => {
        const result = validateCredentials(
            { tenantId: 'contoso.onmicrosoft.com', applicationId: APP },
            'crossTenantOAuth',
        );
        expect(result.fields.tenantId).toMatchObject({
            severity: 'warning',
            blocksSave: true,
            code: 'tenantDomainMustResolve',
            messageKey: 'Validation_TenantDomainMustResolve',
            normalised: 'contoso.onmicrosoft.com',
        });
        expect(result.blocksSave).toBe(true);
    });

    it('blocks an application ID equal to the braced tenant ID', () => {
        const result = validateCredentials({ tenantId: `{${TENANT}}`, applicationId: TENANT }, 'crossTenantOAuth');
        expect(result.fields.applicationId).toMatchObject({ code: 'appSameAsTenant', blocksSave: true });
    });

    it('blocks a secret equal to the pasted application ID', () => {
        const input = { tenantId: TENANT, applicationId: ` ${APP.toUpperCase()} `, clientSecret: APP };
        expect(validateCredentials(input, 'crossTenantOAuth').fields.clientSecret).toMatchObject({
            code: 'secretEqualsAppId',
            fixKey: 'Fix_CopySecretValue',
        });
    });

    it('labels the cleanup of a secret without returning the secret', () => {
        const result = validateCredentials(
            { tenantId: TENANT, applicationId: APP, clientSecret: ` ${SECRET}\n` },
            'crossTenantOAuth',
        );
        expect(result.fields.clientSecret).toMatchObject({
            code: 'secretPasteArtifacts',
            fixKeys: ['Fix_RemovedLineBreaks', 'Fix_Trimmed'],
        });
        expect(JSON.stringify(result)).not.toContain(SECRET);
    });

    it('checks only the tenant of a hybrid S2S profile', () => {
        const result = validateCredentials({ tenantId: '', applicationId: 'junk', clientSecret: 'x' }, 'hybridS2S');
        expect(Object.keys(result.fields)).toEqual(['tenantId']);
        expect(result.fields.tenantId).toMatchObject({ code: 'tenantEmpty', blocksSave: true });
    });

    it.each(['exchangeOnline', 'unsupported'] as const)('checks nothing on a %s profile', (kind) => {
        expect(validateCredentials({ tenantId: 'junk', applicationId: 'junk', clientSecret: 'x' }, kind)).toEqual({
            fields: {},
            blocksSave: false,
        });
    });
});
