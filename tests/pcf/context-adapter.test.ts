import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { DataverseUnreachableError } from '../../src/core/profile';
import { createServices, toAppProps } from '../../src/pcf/context-adapter';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { createFakeContext } from '../fakes/fake-context';
import { CULTURES } from '../sandbox/host/cultures.js';

/** The English strings as the platform serves them from the resx. */
function englishStrings(): Map<string, string> {
    const xml = readFileSync(join(__dirname, '../../strings/ProfileAssistant.1033.resx'), 'utf8');
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'data' });
    const doc = parser.parse(xml) as { root: { data: { '@_name': string; value: string }[] } };
    return new Map(doc.root.data.map((data) => [data['@_name'], String(data.value)]));
}

describe('toAppProps', () => {
    it('reads the record id from the context and normalises it', () => {
        const context = createFakeContext({ entityId: '{9A1B2C3D-0000-4000-8000-00000000000F}' });
        const props = toAppProps(context, createServices(context));
        expect(props.profileId).toBe('9a1b2c3d-0000-4000-8000-00000000000f');
    });

    it('looks every string up through the platform’s resources, by the key it was given', () => {
        const strings = englishStrings();
        const asked: string[] = [];
        const context = createFakeContext({ entityId: '9a1b2c3d-0000-4000-8000-00000000000f' });
        context.resources.getString = (key) => {
            asked.push(key);
            return strings.get(key) ?? key;
        };
        const services = createServices(context);
        expect(services.strings).toBeUndefined(); // the platform's strings are the user's language: nothing to load
        asked.length = 0;
        const props = toAppProps(context, services);
        expect(props.getString('Header_Title')).toBe(strings.get('Header_Title'));
        expect(props.getString('Run_ConfirmRejected_One')).toBe(strings.get('Run_ConfirmRejected_One'));
        expect(asked).toEqual(['Header_Title', 'Run_ConfirmRejected_One']);
    });

    it('has no profile id on a new, unsaved record and refuses to load', async () => {
        const context = createFakeContext({ entityId: '' });
        const props = toAppProps(context, createServices(context));
        expect(props.profileId).toBeUndefined();
        await expect(props.loadProfile(new AbortController().signal)).rejects.toThrow('unsaved');
    });

    it('starts in a host whose undocumented context.page.getClientUrl throws (pcf-start), on the page origin', () => {
        const context = createFakeContext({ entityId: '9a1b2c3d-0000-4000-8000-00000000000f' });
        (context as unknown as { page: object }).page = {
            entityId: '9a1b2c3d-0000-4000-8000-00000000000f',
            getClientUrl: () => {
                throw new TypeError('t.xrmProxy.Page.getClientUrl is not a function');
            },
        };
        const props = toAppProps(context, createServices(context));
        expect(props.profileId).toBe('9a1b2c3d-0000-4000-8000-00000000000f');
    });

    it('reports an answer that is not Dataverse as "Dataverse cannot be reached", not as a read error', async () => {
        const realFetch = global.fetch;
        const asked: string[] = [];
        global.fetch = ((url: string) => {
            asked.push(url);
            return Promise.resolve(new Response('not found: /api/data/v9.2/…', { status: 404 }));
        }) as typeof fetch;
        try {
            const context = createFakeContext({ entityId: '9a1b2c3d-0000-4000-8000-00000000000f' });
            const load = toAppProps(context, createServices(context)).loadProfile(new AbortController().signal);
            await expect(load).rejects.toBeInstanceOf(DataverseUnreachableError);
            // No Xrm and no window here: the documented relative path, on whatever origin the page has.
            expect(asked.map((url) => url.split('?')[0])).toEqual([
                '/api/data/v9.2/emailserverprofiles(9a1b2c3d-0000-4000-8000-00000000000f)',
            ]);
        } finally {
            global.fetch = realFetch;
        }
    });

    it('passes the read-only state of the form through', () => {
        const context = createFakeContext({ entityId: '9a1b2c3d-0000-4000-8000-00000000000f', disabled: true });
        expect(toAppProps(context, createServices(context)).isReadOnly).toBe(true);
    });
});

describe('toAppProps: the user locale', () => {
    /** A context whose user has `languageId` and the given userSettings / formatting members. */
    function contextOf(languageId: number, userSettings: object = {}, formatting?: object) {
        const context = createFakeContext({ entityId: '9a1b2c3d-0000-4000-8000-00000000000f' });
        Object.assign(context.userSettings, { languageId, ...userSettings });
        if (formatting) Object.assign(context, { formatting });
        return context;
    }

    it("takes the strings' language from userSettings.languageId, English where no resx is shipped", () => {
        for (const [languageId, language] of [
            [1036, 'fr-FR'],
            [1031, 'de-DE'],
            [1041, 'en-US'],
        ] as const) {
            const context = contextOf(languageId);
            expect(toAppProps(context, createServices(context)).locale?.language).toBe(language);
        }
    });

    it("hands on the user's date settings, time zone and number format as the platform gives them", () => {
        const dateFormattingInfo = CULTURES[1031].dateFormattingInfo;
        const getTimeZoneOffsetMinutes = jest.fn(() => 60);
        const formatInteger = jest.fn((value: number) => `#${value}`);
        const context = contextOf(1031, { dateFormattingInfo, getTimeZoneOffsetMinutes }, { formatInteger });
        const locale = toAppProps(context, createServices(context)).locale;
        expect(locale?.dateFormat).toBe(dateFormattingInfo);
        expect(locale?.timeZoneOffset?.(new Date(0))).toBe(60);
        expect(locale?.formatInteger?.(5)).toBe('#5');
    });

    it('leaves out date settings a host gives only in part, rather than guess the rest', () => {
        const context = contextOf(1031, { dateFormattingInfo: { shortDatePattern: 'dd.MM.yyyy', firstDayOfWeek: 1 } });
        const locale = toAppProps(context, createServices(context)).locale;
        expect(locale?.dateFormat).toBeUndefined();
        expect(locale?.language).toBe('de-DE');
    });

    it('keeps the same locale object across updates while the language stays, so the texts are not rebuilt', () => {
        const context = contextOf(1036);
        const services = createServices(context);
        const first = toAppProps(context, services).locale;
        expect(toAppProps(context, services).locale).toBe(first);
        Object.assign(context.userSettings, { languageId: 1033 });
        expect(toAppProps(context, services).locale?.language).toBe('en-US');
    });
});

describe('toAppProps against the sandbox', () => {
    let sandbox: Sandbox;
    const requested: string[] = [];
    const realFetch = global.fetch;

    beforeAll(async () => {
        sandbox = await startSandbox({ port: 0, mailboxCount: 10 });
        global.fetch = ((url: string, init?: RequestInit) => {
            requested.push(url);
            return realFetch(url, init);
        }) as typeof fetch;
    });
    afterAll(async () => {
        global.fetch = realFetch;
        await sandbox.close();
    });

    it('reads the profile the form shows from the org URL Xrm reports, never its secret', async () => {
        const profileId = PROFILE_IDS.commercial;
        const context = createFakeContext({ entityId: `{${profileId.toUpperCase()}}` });
        const global = globalThis as { Xrm?: unknown };
        global.Xrm = { Utility: { getGlobalContext: () => ({ getClientUrl: () => sandbox.url }) } };
        const services = createServices(context);
        delete global.Xrm;
        const profile = await toAppProps(context, services).loadProfile(new AbortController().signal);

        const stored = sandbox.emulator.store.get('emailserverprofiles', profileId);
        expect(profile).toMatchObject({
            emailserverprofileid: profileId,
            name: stored?.name,
            servertype: stored?.servertype,
            exchangeonlinetenantid: stored?.exchangeonlinetenantid,
            oauthclientid: stored?.oauthclientid,
            isoauthclientsecretset: true,
        });
        expect(profile).not.toHaveProperty('oauthclientsecret');
        expect(requested).toHaveLength(1);
        const url = new URL(requested[0]);
        expect(`${url.origin}/`).toBe(sandbox.url);
        expect(url.pathname).toBe(`/api/data/v9.2/emailserverprofiles(${profileId})`);
        expect(url.searchParams.get('$select')?.split(',')).not.toContain('oauthclientsecret');
    });
});
