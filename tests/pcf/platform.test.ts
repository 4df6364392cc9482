import { readClientUrl, readEntityId, type ContextExtras } from '../../src/pcf/platform';

const global = globalThis as { Xrm?: unknown };
const ORIGIN = 'https://page.example';
const withXrm = (getClientUrl: () => string) => {
    global.Xrm = { Utility: { getGlobalContext: () => ({ getClientUrl }) } };
};

afterEach(() => {
    delete global.Xrm;
});

describe('readClientUrl', () => {
    it('takes the org URL from Xrm.Utility.getGlobalContext(), without a trailing slash', () => {
        withXrm(() => 'https://contoso.crm4.dynamics.com/');
        expect(readClientUrl(ORIGIN)).toBe('https://contoso.crm4.dynamics.com');
    });

    it.each([
        ['there is no Xrm (pcf-start, canvas apps)', undefined],
        [
            'getClientUrl throws',
            () =>
                withXrm(() => {
                    throw new TypeError('not a function');
                }),
        ],
        ['getClientUrl answers something that is not a URL', () => withXrm(() => 'contoso')],
    ])('uses the page origin, where the Web API sits at /api/data/v9.2/, when %s', (_, arrange) => {
        arrange?.();
        expect(readClientUrl(ORIGIN)).toBe(ORIGIN);
    });
});

describe('readEntityId', () => {
    const context = (extras: Partial<ContextExtras> & { contextInfo?: object }): ContextExtras =>
        ({ mode: { isControlDisabled: false, contextInfo: extras.contextInfo }, page: extras.page }) as ContextExtras;

    it('reads mode.contextInfo first, then page', () => {
        expect(readEntityId(context({ contextInfo: { entityId: 'a' }, page: { entityId: 'b' } }))).toBe('a');
        expect(readEntityId(context({ page: { entityId: 'b' } }))).toBe('b');
    });

    it('has no id when the host offers neither, or a member throws', () => {
        const throwing = {
            get entityId(): string {
                throw new Error('gone');
            },
        };
        expect(readEntityId(context({}))).toBeUndefined();
        expect(readEntityId(context({ contextInfo: throwing, page: { entityId: '' } }))).toBeUndefined();
    });
});
