import {
    judgeLastTest,
    parseLastTest,
    serialiseLastTest,
    warnsBeforeRun,
    type LastTestRecord,
    type LastTestVerdict,
} from '../../../src/core/connection-test/last-test';

const AT = '2026-11-23T10:00:00.000Z';
const V1 = 'W/"1001"';
const V2 = 'W/"1002"';
const record = (result: LastTestRecord['result'], profileVersion = V1): LastTestRecord => ({
    result,
    at: AT,
    profileVersion,
});

describe('judgeLastTest', () => {
    it.each<[string, LastTestRecord | undefined, string, LastTestVerdict]>([
        ['no record', undefined, V1, { kind: 'none' }],
        ['a pass of this very profile version', record('succeeded'), V1, { kind: 'passed', at: AT }],
        [
            'a pass of an earlier version (tenant, app or secret written since)',
            record('succeeded'),
            V2,
            { kind: 'changedSince', at: AT },
        ],
        ['a failure', record('failed'), V1, { kind: 'failed', at: AT }],
        ['a failure, even if the profile changed since', record('failed'), V2, { kind: 'failed', at: AT }],
        ['a test that timed out', record('timedOut'), V1, { kind: 'notFinished', at: AT }],
        ['a test that could not run', record('error'), V1, { kind: 'notFinished', at: AT }],
        ['an unfinished test of an earlier version', record('timedOut'), V2, { kind: 'changedSince', at: AT }],
    ])('says %s', (_, last, version, verdict) => {
        expect(judgeLastTest(last, version)).toEqual(verdict);
    });
});

describe('parseLastTest', () => {
    it('reads back what serialiseLastTest wrote', () => {
        expect(parseLastTest(serialiseLastTest(record('failed')))).toEqual(record('failed'));
    });

    it('keeps who ran the test and a known cause, and drops a cause it does not know', () => {
        const full = { ...record('failed'), by: 'Dana Admin', cause: 'secretInvalid' as const };
        expect(parseLastTest(serialiseLastTest(full))).toEqual(full);
        const odd = JSON.stringify({ ...full, cause: 'gremlins', by: 42 });
        expect(parseLastTest(odd)).toEqual(record('failed'));
    });

    it.each([
        ['no note', undefined],
        ['an empty note', ''],
        ['text someone typed', 'tested on Monday, all fine'],
        ['JSON of another shape', '{"result":"ok","at":1}'],
        ['an unknown result', JSON.stringify({ ...record('failed'), result: 'maybe' })],
        ['a record without the profile version', JSON.stringify({ result: 'succeeded', at: AT })],
    ])('counts %s as no record', (_, text) => {
        expect(parseLastTest(text)).toBeUndefined();
    });
});

describe('warnsBeforeRun', () => {
    const failed: LastTestVerdict = { kind: 'failed', at: AT };
    const notFinished: LastTestVerdict = { kind: 'notFinished', at: AT };
    const changed: LastTestVerdict = { kind: 'changedSince', at: AT };
    const none: LastTestVerdict = { kind: 'none' };
    const passed: LastTestVerdict = { kind: 'passed', at: AT };

    it.each(['crossTenantOAuth', 'hybridS2S', 'exchangeOnline'] as const)(
        'warns of a failed or unfinished test (%s)',
        (kind) => {
            expect(warnsBeforeRun(failed, kind)).toBe(true);
            expect(warnsBeforeRun(notFinished, kind)).toBe(true);
            expect(warnsBeforeRun(passed, kind)).toBe(false);
        },
    );

    it.each(['crossTenantOAuth', 'hybridS2S'] as const)(
        'warns of no test, or none since a change, where credentials can be wrong (%s)',
        (kind) => {
            expect(warnsBeforeRun(none, kind)).toBe(true);
            expect(warnsBeforeRun(changed, kind)).toBe(true);
        },
    );

    it('does not warn of a missing test on a same-tenant Exchange Online profile: it has no credentials', () => {
        expect(warnsBeforeRun(none, 'exchangeOnline')).toBe(false);
        expect(warnsBeforeRun(changed, 'exchangeOnline')).toBe(false);
    });
});
