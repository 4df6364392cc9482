import { createDomain, PROFILE_IDS, type SandboxDomain } from '../domain';
import type { Row } from './contract';
import { json, startTestServer, type TestServer } from './test-server';

const PROFILE = PROFILE_IDS.commercial;
const FORMATTED = 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"';

/** Counts per (approval, overall status) of the profile's active mailboxes, straight from the store. */
function expectedCounts(rows: Row[]): Map<string, number> {
    const out = new Map<string, number>();
    for (const m of rows)
        if (m._emailserverprofile_value === PROFILE && m.statecode === 0) {
            const key = `${String(m.emailrouteraccessapproval)}|${String(m.mailboxstatus)}`;
            out.set(key, (out.get(key) ?? 0) + 1);
        }
    return out;
}

const countsOf = (value: Row[], approval: string, status: string) =>
    new Map(value.map((r) => [`${String(r[approval])}|${String(r[status])}`, r.count as number]));

const fetchXml = (inner: string, fetchAttrs = '') =>
    `<fetch aggregate="true"${fetchAttrs}><entity name="mailbox">${inner}</entity></fetch>`;
const PROFILE_FILTER = `<filter><condition attribute="emailserverprofile" operator="eq" value="{${PROFILE.toUpperCase()}}"/><condition attribute="statecode" operator="eq" value="0"/></filter>`;
const COUNT_BY_STATUS = `<attribute name="mailboxid" alias="count" aggregate="count"/><attribute name="emailrouteraccessapproval" alias="approval" groupby="true"/><attribute name="mailboxstatus" alias="status" groupby="true"/>`;

describe('emulator aggregate queries on mailboxes', () => {
    let s: TestServer;
    let domain: SandboxDomain;
    const get = (path: string, prefer?: string) =>
        fetch(`${s.api}${path}`, { headers: prefer ? { Prefer: prefer } : {} });
    const apply = (expr: string, extra = '') => `mailboxes?$apply=${encodeURIComponent(expr)}${extra}`;
    const viaFetch = (xml: string) => `mailboxes?fetchXml=${encodeURIComponent(xml)}`;

    beforeAll(async () => {
        domain = createDomain({ mailboxCount: 300 });
        s = await startTestServer({ domain });
    });
    afterAll(() => s.close());

    it('counts by approval and status with $apply filter/groupby/aggregate, as the store holds them', async () => {
        const res = await get(
            apply(
                `filter(_emailserverprofile_value eq ${PROFILE} and statecode eq 0)/groupby((emailrouteraccessapproval,mailboxstatus),aggregate($count as count))`,
            ),
        );
        expect(res.status).toBe(200);
        const body = await json(res);
        expect(body['@odata.context']).toBe(`${s.api}$metadata#mailboxes`);
        expect(body['@odata.nextLink']).toBeUndefined();
        expect(countsOf(body.value, 'emailrouteraccessapproval', 'mailboxstatus')).toEqual(
            expectedCounts(domain.rows.mailboxes),
        );
    });

    it('answers the same counts to the equivalent FetchXML aggregate, under its aliases', async () => {
        const res = await get(viaFetch(fetchXml(`${COUNT_BY_STATUS}${PROFILE_FILTER}`)));
        expect(res.status).toBe(200);
        const { value } = await json(res);
        expect(countsOf(value, 'approval', 'status')).toEqual(expectedCounts(domain.rows.mailboxes));
        expect(Object.keys(value[0]).sort()).toEqual(['approval', 'count', 'status']);
    });

    it('annotates group labels and counts with FormattedValue when asked', async () => {
        const res = await get(
            apply(
                `filter(_emailserverprofile_value eq ${PROFILE})/groupby((mailboxstatus),aggregate($count as count))`,
            ),
            FORMATTED,
        );
        expect(res.headers.get('preference-applied')).toBe(FORMATTED);
        const { value } = await json(res);
        const success = value.find((r: Row) => r.mailboxstatus === 1);
        expect(success['mailboxstatus@OData.Community.Display.V1.FormattedValue']).toBe('Success');
        expect(success['count@OData.Community.Display.V1.FormattedValue']).toBe(success.count.toLocaleString('en-US'));
    });

    it('groups by a yes/no column and by the profile lookup, one row per value', async () => {
        const res = await get(
            viaFetch(
                fetchXml(
                    `<attribute name="mailboxid" alias="n" aggregate="count"/><attribute name="emailserverprofile" alias="profile" groupby="true"/><attribute name="testemailconfigurationscheduled" alias="scheduled" groupby="true"/><order alias="n" descending="true"/>`,
                ),
            ),
            'odata.include-annotations="*"',
        );
        const { value } = await json(res);
        const mine = value.find((r: Row) => r.profile === PROFILE);
        expect(mine).toMatchObject({ scheduled: false, n: 300 });
        expect(mine['profile@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('emailserverprofile');
        expect(value.map((r: Row) => r.n)).toEqual([...value.map((r: Row) => r.n)].sort((a, b) => b - a));
        expect(value.reduce((t: number, r: Row) => t + (r.n as number), 0)).toBe(domain.rows.mailboxes.length);
    });

    it('refuses an aggregate over more rows than a FetchXML aggregatelimit with 0x8004e023', async () => {
        const xml = (limit: number) =>
            fetchXml(
                `<attribute name="mailboxid" alias="n" aggregate="count"/>${PROFILE_FILTER}`,
                ` aggregatelimit="${limit}"`,
            );
        expect((await json(await get(viaFetch(xml(300))))).value).toEqual([{ n: 300 }]);
        const res = await get(viaFetch(xml(299)));
        expect(res.status).toBe(400);
        expect((await json(res)).error).toEqual({
            code: '0x8004e023',
            message: 'AggregateQueryRecordLimit exceeded. Cannot perform this operation.',
        });
    });

    it('caps @odata.count at 5,000 and says so in the totalrecordcount annotations', async () => {
        const res = await get(
            'mailboxes?$select=mailboxid&$count=true',
            'odata.maxpagesize=10,odata.include-annotations="Microsoft.Dynamics.CRM.*"',
        );
        const body = await json(res);
        expect(body['@odata.count']).toBe(domain.rows.mailboxes.length);
        expect(body['@Microsoft.Dynamics.CRM.totalrecordcount']).toBe(domain.rows.mailboxes.length);
        expect(body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded']).toBe(false);
        const uncounted = await json(await get('mailboxes?$select=mailboxid', 'odata.include-annotations="*"'));
        expect(uncounted['@Microsoft.Dynamics.CRM.totalrecordcount']).toBe(-1);
        expect(uncounted['@odata.count']).toBeUndefined();
    });

    it('answers <set>/$count as text/plain, with $filter', async () => {
        const res = await get(`mailboxes/$count?$filter=_emailserverprofile_value eq ${PROFILE}`);
        expect(res.headers.get('content-type')).toBe('text/plain');
        expect(await res.text()).toBe('300');
    });

    it.each([
        [
            'an attribute with neither aggregate nor groupby',
            fetchXml('<attribute name="name" alias="x"/>'),
            '0x80041107',
            /^An attribute can not be requested when an aggregate operation has been specified and its neither groupby nor aggregate\. {2}NodeXml : <attribute name="name" alias="x" \/>$/,
        ],
        [
            'an attribute without an alias',
            fetchXml('<attribute name="mailboxid" aggregate="count"/>'),
            '0x8004110b',
            /^An alias must be specified for every attribute in an aggregate query\. NodeXml: /,
        ],
        [
            'a Web API lookup name instead of the logical name',
            fetchXml(
                '<attribute name="mailboxid" alias="n" aggregate="count"/><filter><condition attribute="_emailserverprofile_value" operator="eq" value="x"/></filter>',
            ),
            '0x80041103',
            /^'mailbox' entity doesn't contain attribute with Name = '_emailserverprofile_value' and NameMapping = 'Logical'\.$/,
        ],
        [
            'a query without aggregate="true" (not emulated)',
            '<fetch><entity name="mailbox"><attribute name="name"/></entity></fetch>',
            '0x80060888',
            /is not emulated/,
        ],
    ])('refuses FetchXML with %s', async (_name, xml, code, message) => {
        const res = await get(viaFetch(xml));
        expect(res.status).toBe(400);
        const { error } = await json(res);
        expect(error.code).toBe(code);
        expect(error.message).toMatch(message);
    });

    it.each([
        [
            '$orderby on an aggregate value',
            apply('groupby((mailboxstatus),aggregate($count as count))', '&$orderby=count desc'),
            /^The query node SingleValueOpenPropertyAccess is not supported$/,
        ],
        [
            'groupby on a datetime column',
            apply('groupby((createdon))'),
            /groupby with datetime values is not supported/,
        ],
        [
            '$filter beside $apply',
            apply('groupby((mailboxstatus))', `&$filter=statecode eq 0`),
            /\$filter is not supported together with \$apply/,
        ],
    ])('refuses $apply with %s', async (_name, path, message) => {
        const res = await get(path);
        expect(res.status).toBe(400);
        expect((await json(res)).error.message).toMatch(message);
    });

    it('orders $apply groups by a group column', async () => {
        const { value } = await json(
            await get(
                apply(
                    'groupby((emailrouteraccessapproval),aggregate($count as count))',
                    '&$orderby=emailrouteraccessapproval desc',
                ),
            ),
        );
        expect(value.map((r: Row) => r.emailrouteraccessapproval)).toEqual([3, 2, 1, 0]);
    });
});

describe('emulator aggregate limit at 50,000 mailboxes', () => {
    let s: TestServer;
    beforeAll(async () => {
        s = await startTestServer({ domain: createDomain({ mailboxCount: 50_000 }) });
    });
    afterAll(() => s.close());

    it('counts the 50,000 of one profile, and refuses the same count over every profile (50,055 rows)', async () => {
        const count = (filter: string) =>
            fetch(`${s.api}mailboxes?$apply=${encodeURIComponent(`${filter}aggregate($count as count)`)}`);
        const one = await count(`filter(_emailserverprofile_value eq ${PROFILE})/`);
        expect((await json(one)).value).toEqual([{ count: 50_000 }]);
        const all = await count('');
        expect(all.status).toBe(400);
        expect((await json(all)).error.code).toBe('0x8004e023');
    });

    it('caps @odata.count at 5,000 with totalrecordcountlimitexceeded true', async () => {
        const body = await json(
            await fetch(`${s.api}mailboxes?$select=mailboxid&$count=true`, {
                headers: { Prefer: 'odata.maxpagesize=1,odata.include-annotations="*"' },
            }),
        );
        expect(body['@odata.count']).toBe(5000);
        expect(body['@Microsoft.Dynamics.CRM.totalrecordcount']).toBe(5000);
        expect(body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded']).toBe(true);
        expect(await (await fetch(`${s.api}mailboxes/$count`)).text()).toBe('5000');
    });
});
