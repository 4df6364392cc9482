import { createServices, toAppProps } from '../../src/pcf/context-adapter';
import { createFakeContext } from '../fakes/fake-context';

describe('toAppProps', () => {
    it('reads the record id from the context and normalises it', () => {
        const context = createFakeContext({ entityId: '{9A1B2C3D-0000-4000-8000-00000000000F}' });
        const props = toAppProps(context, createServices(context));
        expect(props.profileId).toBe('9a1b2c3d-0000-4000-8000-00000000000f');
        expect(props.getString('Header_Title')).toBe('[[Header_Title]]');
    });

    it('has no profile id on a new, unsaved record and refuses to load', async () => {
        const context = createFakeContext({ entityId: '' });
        const props = toAppProps(context, createServices(context));
        expect(props.profileId).toBeUndefined();
        await expect(props.loadProfile(new AbortController().signal)).rejects.toThrow('unsaved');
    });

    it('passes the read-only state of the form through', () => {
        const context = createFakeContext({ entityId: '9a1b2c3d-0000-4000-8000-00000000000f', disabled: true });
        expect(toAppProps(context, createServices(context)).isReadOnly).toBe(true);
    });

    it('reads the profile from the org URL the page reports, without the secret column', async () => {
        const calls: string[] = [];
        const originalFetch = global.fetch;
        global.fetch = (async (url: string) => {
            calls.push(url);
            return new Response(JSON.stringify({ emailserverprofileid: 'x', name: 'P', servertype: 0 }), {
                status: 200,
            });
        }) as typeof fetch;
        try {
            const context = createFakeContext({
                entityId: '9a1b2c3d-0000-4000-8000-00000000000f',
                clientUrl: 'https://org.example.com',
            });
            const profile = await toAppProps(context, createServices(context)).loadProfile(
                new AbortController().signal,
            );
            expect(profile.name).toBe('P');
            expect(calls).toHaveLength(1);
            expect(calls[0]).toMatch(
                /^https:\/\/org\.example\.com\/api\/data\/v9\.2\/emailserverprofiles\(9a1b2c3d-0000-4000-8000-00000000000f\)\?\$select=/,
            );
            expect(new URL(calls[0]).searchParams.get('$select')?.split(',')).not.toContain('oauthclientsecret');
        } finally {
            global.fetch = originalFetch;
        }
    });
});
