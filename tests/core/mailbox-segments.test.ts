import { XMLParser } from 'fast-xml-parser';
import {
    mailboxCountFetchXml,
    segmentCounts,
    segmentOf,
    SEGMENTS,
    type CountGroup,
    type Segment,
} from '../../src/core/mailbox-segments';

describe('segmentOf', () => {
    it.each<[string, CountGroup, Segment, Segment]>([
        // columns, segment where approval is required, segment where it is not
        ['enabled, approved', { status: 1, scheduled: false, approval: 1, count: 1 }, 'enabled', 'enabled'],
        ['enabled, not approved', { status: 1, scheduled: false, approval: 2, count: 1 }, 'enabled', 'enabled'],
        ['failed, not scheduled', { status: 2, scheduled: false, approval: 1, count: 1 }, 'failed', 'failed'],
        ['failed, still scheduled', { status: 2, scheduled: true, approval: 1, count: 1 }, 'retrying', 'retrying'],
        ['failed, unapproved', { status: 2, scheduled: false, approval: 2, count: 1 }, 'pendingApproval', 'failed'],
        ['not run, rejected', { status: 0, scheduled: false, approval: 3, count: 1 }, 'pendingApproval', 'neverTested'],
        ['not run, approved', { status: 0, scheduled: null, approval: 1, count: 1 }, 'neverTested', 'neverTested'],
        [
            'no status, empty',
            { status: null, scheduled: null, approval: 0, count: 1 },
            'pendingApproval',
            'neverTested',
        ],
    ])('puts %s in one segment', (_, columns, required, notRequired) => {
        expect(segmentOf(columns, true)).toBe(required);
        expect(segmentOf(columns, false)).toBe(notRequired);
    });
});

describe('segmentCounts', () => {
    it('adds the groups up into segments that make the total', () => {
        const groups: CountGroup[] = [
            { status: 1, scheduled: false, approval: 1, count: 812 },
            { status: 2, scheduled: false, approval: 1, count: 31 },
            { status: 2, scheduled: true, approval: 1, count: 21 },
            { status: 0, scheduled: false, approval: 2, count: 300 },
            { status: 0, scheduled: false, approval: 1, count: 76 },
        ];
        const counts = segmentCounts(groups, true);
        expect(counts).toEqual({
            enabled: 812,
            failed: 31,
            retrying: 21,
            pendingApproval: 300,
            neverTested: 76,
            total: 1240,
        });
        expect(SEGMENTS.reduce((sum, segment) => sum + counts[segment], 0)).toBe(counts.total);
    });
});

describe('mailboxCountFetchXml', () => {
    const parse = (text: string) =>
        new XMLParser({
            ignoreAttributes: false,
            attributeNamePrefix: '',
            isArray: (name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) =>
                !isAttribute && ['entity', 'attribute', 'filter', 'condition'].includes(name),
        }).parse(text) as {
            fetch: { aggregate: string; entity: { attribute: Record<string, string>[]; filter: any[] }[] };
        };

    it('counts one profile’s active mailboxes grouped by the three segment columns', () => {
        const { fetch } = parse(mailboxCountFetchXml('e0000000-0000-4000-8000-000000000001', 'emailserverprofile'));
        expect(fetch.aggregate).toBe('true');
        const [entity] = fetch.entity;
        expect(entity.attribute).toEqual([
            { name: 'mailboxid', alias: 'count', aggregate: 'count' },
            { name: 'emailrouteraccessapproval', alias: 'approval', groupby: 'true' },
            { name: 'mailboxstatus', alias: 'status', groupby: 'true' },
            { name: 'testemailconfigurationscheduled', alias: 'scheduled', groupby: 'true' },
        ]);
        expect(entity.filter[0].condition).toEqual([
            { attribute: 'emailserverprofile', operator: 'eq', value: 'e0000000-0000-4000-8000-000000000001' },
            { attribute: 'statecode', operator: 'eq', value: '0' },
        ]);
    });

    it('narrows a part of a split with eq, or null for the empty value', () => {
        const { fetch } = parse(
            mailboxCountFetchXml('e0000000-0000-4000-8000-000000000001', 'emailserverprofile', [
                { column: 'approval', value: 2 },
                { column: 'scheduled', value: null },
            ]),
        );
        expect(fetch.entity[0].filter[0].condition.slice(2)).toEqual([
            { attribute: 'emailrouteraccessapproval', operator: 'eq', value: '2' },
            { attribute: 'testemailconfigurationscheduled', operator: 'null' },
        ]);
    });

    it('escapes what it writes into attribute values', () => {
        expect(mailboxCountFetchXml('"/><x a="', 'emailserverprofile')).toContain('value="&quot;/&gt;&lt;x a=&quot;"');
    });
});
