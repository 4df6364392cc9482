import { checkClientSecret, maskSecret, secretHint } from '../../../src/core/credentials/client-secret';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP = '1b2c3d4e-0000-4000-8000-123456789abc';
const IDS = { tenantId: TENANT, applicationId: APP };
const CURRENT = `Abc8Q~${'x1_.-~Yz9K'.repeat(3)}abcd`;
const OLDER = `xY_7Q~${'a1B2c3D4e5'.repeat(3)}Z`;
const LEGACY_32 = 'aB3+/=:@[]?*abcdefghijklmnopqrst';
const LEGACY_34 = 'abcdefghij-klmnopqrstuvwxyz0123456';

describe('checkClientSecret', () => {
    it('has fixtures of the documented lengths', () => {
        expect([CURRENT.length, OLDER.length, LEGACY_32.length, LEGACY_34.length]).toEqual([40, 37, 32, 34]);
    });

    it.each([
        ['the current 40-character format', CURRENT, 'current40'],
        ['the older 37-character format', OLDER, 'older37'],
    ])('accepts %s without a warning', (_name, raw, format) => {
        expect(checkClientSecret(raw, IDS)).toEqual({ ok: true, value: { format, severity: 'ok' } });
    });

    it.each([
        ['a legacy 32-character secret', LEGACY_32, 'legacy32', 'secretLegacyFormat'],
        ['a legacy 34-character URL-safe secret', LEGACY_34, 'legacy34', 'secretLegacyFormat'],
        ['a 40-character value with version digit 9', `Abc9Q~${'a'.repeat(34)}`, 'other', 'secretLegacyFormat'],
        ['a 40-character value without Q~ at index 4–5', `Abc8Qx${'a'.repeat(34)}`, 'other', 'secretLegacyFormat'],
        ['a 41-character value in the current shape', `${CURRENT}a`, 'other', 'secretLegacyFormat'],
        ['a 34-character value without - ~ _ .', 'a'.repeat(34), 'other', 'secretLegacyFormat'],
        ['a 16-character value', 'a'.repeat(16), 'other', 'secretLegacyFormat'],
        ['a 64-character value', 'a'.repeat(64), 'other', 'secretLegacyFormat'],
        ['a 15-character value', 'a'.repeat(15), 'other', 'secretUnrecognisedFormat'],
        ['a 65-character value', 'a'.repeat(65), 'other', 'secretUnrecognisedFormat'],
        ['a 1024-character value', 'a'.repeat(1024), 'other', 'secretUnrecognisedFormat'],
        ['emoji', '\u{1F511}'.repeat(20), 'other', 'secretUnrecognisedFormat'],
    ])('warns about %s but does not block', (_name, raw, format, code) => {
        expect(checkClientSecret(raw, IDS)).toEqual({ ok: true, value: { format, severity: 'warning', code } });
    });

    it.each([
        ['an empty value', '', 'secretEmpty'],
        ['only whitespace', ' \n\t', 'secretEmpty'],
        ['1025 characters', 'a'.repeat(1025), 'secretTooLong'],
        ['a Secret ID (GUID)', '5d6f7a8b-1111-4222-8333-444455556666', 'secretIsSecretId'],
        ['an uppercase Secret ID', '5D6F7A8B-1111-4222-8333-444455556666', 'secretIsSecretId'],
        ['a Secret ID in braces', '{5d6f7a8b-1111-4222-8333-444455556666}', 'secretIsSecretId'],
        ['the tenant ID', TENANT, 'secretEqualsTenantId'],
        ['the application ID', APP.toUpperCase(), 'secretEqualsAppId'],
    ])('blocks %s', (_name, raw, code) => {
        expect(checkClientSecret(raw, IDS)).toEqual({ ok: false, code, severity: 'error' });
    });

    it.each([
        ['leading and trailing spaces', ` ${CURRENT} `, ['trimmed']],
        ['a trailing line break', `${CURRENT}\r\n`, ['removedLineBreaks', 'trimmed']],
        ['a line break in the middle', `${CURRENT.slice(0, 20)}\n${CURRENT.slice(20)}`, ['removedLineBreaks']],
        ['a space in the middle', `${CURRENT.slice(0, 20)} ${CURRENT.slice(20)}`, ['trimmed']],
        ['wrapping double quotes', `"${CURRENT}"`, ['removedQuotes']],
        ['wrapping quotes and spaces', ` '${CURRENT}' `, ['trimmed', 'removedQuotes']],
    ])('blocks a secret pasted with %s and offers the cleaned value', (_name, raw, fixes) => {
        expect(checkClientSecret(raw, IDS)).toEqual({
            ok: false,
            code: 'secretPasteArtifacts',
            severity: 'error',
            fix: { value: CURRENT, fixes },
        });
    });

    it('checks without the other fields', () => {
        expect(checkClientSecret(CURRENT)).toMatchObject({ ok: true });
        expect(checkClientSecret(TENANT)).toMatchObject({ ok: false, code: 'secretIsSecretId' });
    });

    it.each([CURRENT, OLDER, LEGACY_32, TENANT, 'a'.repeat(1025), '\u{1F511}'.repeat(20)])(
        'never echoes the secret %#',
        (secret) => {
            expect(JSON.stringify(checkClientSecret(secret, IDS))).not.toContain(secret.slice(3, 12));
        },
    );
});

describe('maskSecret', () => {
    it.each([
        [CURRENT, 'Abc\u2026(40 characters)'],
        [OLDER, 'xY_\u2026(37 characters)'],
        ['a'.repeat(12), 'aaa\u2026(12 characters)'],
        ['short', '\u2026(5 characters)'],
        ['', '\u2026(0 characters)'],
        ['\u{1F511}'.repeat(20), '\u{1F511}\u{1F511}\u{1F511}\u2026(20 characters)'],
    ])('masks %#', (value, masked) => {
        expect(maskSecret(value)).toBe(masked);
    });

    it('gives the parts for a localised template', () => {
        expect(secretHint(CURRENT)).toEqual({ prefix: 'Abc', length: 40 });
    });
});
