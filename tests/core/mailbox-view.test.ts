import {
    buildAdminMailto,
    buildMailboxIndex,
    enabledChip,
    failedIds,
    filterIndices,
    idsOf,
    isPendingApproval,
    isRetrying,
    segmentCountsOfRows,
    segmentOfRow,
    pendingAddresses,
    queryMailboxes,
    secondsUntil,
    selectionScope,
    toMailboxView,
    type MailboxView,
    QUICK_FILTERS,
    type QuickFilter,
} from '../../src/core/mailbox-view';
import type { MailboxRow } from '../../src/core/run/types';

function view(id: string, over: Partial<MailboxView> = {}): MailboxView {
    return {
        id,
        name: `Mailbox ${id}`,
        address: `${id}@contoso.com`,
        ownerType: 'user',
        approval: 1,
        incoming: 1,
        outgoing: 1,
        act: 1,
        overall: 1,
        scheduled: false,
        lastTestOn: '2026-11-01T10:00:00Z',
        alerts: [],
        ...over,
    };
}

const ROWS: MailboxView[] = [
    view('a', { name: 'Alice', approval: 2, overall: 0, incoming: 0, outgoing: 0, act: 0, lastTestOn: null }),
    view('b', { name: 'bob', overall: 2, incoming: 2 }),
    view('c', {
        name: 'Carol',
        approval: 0,
        overall: null,
        incoming: null,
        outgoing: null,
        act: null,
        lastTestOn: null,
    }),
    view('d', { name: 'Dave' }),
    view('e', { name: 'Eve', approval: 3, overall: 0, outgoing: 2 }),
    view('f', { name: '<img src=x onerror=alert(1)>', address: '=HYPERLINK("x")@evil.com' }),
    view('g', { name: 'שלום مرحبا 😀', address: 'rtl@contoso.com', ownerType: 'queue' }),
];

describe('buildMailboxIndex', () => {
    const index = buildMailboxIndex(ROWS);
    it.each<[QuickFilter, string[]]>([
        ['all', ['a', 'b', 'c', 'd', 'e', 'f', 'g']],
        ['enabled', ['d', 'f', 'g']],
        ['failed', ['b']],
        ['retrying', []],
        ['pendingApproval', ['a', 'c', 'e']],
        ['neverTested', []],
    ])('filters %s', (filter, ids) => {
        expect(filterIndices(index, filter, '').map((i) => ROWS[i].id)).toEqual(ids);
        expect(index.counts[filter]).toBe(ids.length);
    });

    it('puts every row in exactly one segment, so the segments add up to All', () => {
        const segments = QUICK_FILTERS.filter((filter) => filter !== 'all');
        expect(segments.reduce((sum, filter) => sum + index.counts[filter], 0)).toBe(index.counts.all);
    });

    it('tells a failed test still scheduled (retrying) from one that is not', () => {
        const rows = [view('r', { overall: 2, scheduled: true }), view('s', { overall: 2, scheduled: false })];
        const both = buildMailboxIndex(rows);
        expect(filterIndices(both, 'retrying', '').map((i) => rows[i].id)).toEqual(['r']);
        expect(filterIndices(both, 'failed', '').map((i) => rows[i].id)).toEqual(['s']);
    });

    it('counts unapproved mailboxes as never tested where the organisation requires no approval', () => {
        const relaxed = buildMailboxIndex(ROWS, false);
        expect(filterIndices(relaxed, 'pendingApproval', '')).toEqual([]);
        expect(filterIndices(relaxed, 'neverTested', '').map((i) => ROWS[i].id)).toEqual(['a', 'c', 'e']);
    });

    it('counts the chip as enabled of total', () => {
        expect(enabledChip(index)).toEqual({ enabled: 3, total: 7 });
    });
});

describe('queryMailboxes search', () => {
    const index = buildMailboxIndex(ROWS);
    const ids = (search: string, filter: QuickFilter = 'all') =>
        queryMailboxes(index, { filter, search, sort: null }).map((r) => r.id);

    it.each<[string, string[]]>([
        ['ALICE', ['a']],
        ['  bob ', ['b']],
        ['contoso', ['a', 'b', 'c', 'd', 'e', 'g']],
        ['<img', ['f']],
        ['=hyperlink("x")', ['f']],
        ['مرحبا', ['g']],
        ['😀', ['g']],
        ['nobody', []],
        ['', ['a', 'b', 'c', 'd', 'e', 'f', 'g']],
    ])('matches %j case-insensitively over name and address', (search, expected) => {
        expect(ids(search)).toEqual(expected);
    });

    it('does not match across the name/address boundary', () => {
        expect(ids('alicea@')).toEqual([]);
    });

    it('narrows to the given ids, compared case-insensitively, together with filter and search', () => {
        const only = (search: string, filter: QuickFilter, wanted: string[]) =>
            queryMailboxes(index, { filter, search, sort: null, ids: new Set(wanted) }).map((r) => r.id);
        expect(only('', 'all', ['b', 'e', 'zz'])).toEqual(['b', 'e']);
        expect(only('eve', 'all', ['b', 'e'])).toEqual(['e']);
        expect(only('', 'failed', ['b', 'e'])).toEqual(['b']);
        expect(only('', 'all', [])).toEqual([]);
    });

    it('combines search with a quick filter', () => {
        expect(ids('O', 'failed')).toEqual(['b']);
        expect(ids('eve', 'pendingApproval')).toEqual(['e']);
        expect(ids('carol', 'pendingApproval')).toEqual(['c']);
    });
});

describe('queryMailboxes sort', () => {
    const index = buildMailboxIndex(ROWS);
    const sorted = (key: Parameters<typeof queryMailboxes>[1]['sort']) =>
        queryMailboxes(index, { filter: 'all', search: '', sort: key }).map((r) => r.id);

    it('sorts names case-insensitively', () => {
        expect(sorted({ key: 'name', descending: false })).toEqual(['f', 'a', 'b', 'c', 'd', 'e', 'g']);
    });

    it('keeps load order for ties in both directions (stable)', () => {
        expect(sorted({ key: 'approval', descending: false })).toEqual(['c', 'b', 'd', 'f', 'g', 'a', 'e']);
        expect(sorted({ key: 'approval', descending: true })).toEqual(['e', 'a', 'b', 'd', 'f', 'g', 'c']);
    });

    it('keeps load order for names equal but for case, in both directions', () => {
        const rows = [
            view('p', { name: 'bob' }),
            view('q', { name: 'Anna' }),
            view('r', { name: 'BOB' }),
            view('s', { name: 'Bob' }),
        ];
        const byName = (descending: boolean) =>
            queryMailboxes(buildMailboxIndex(rows), {
                filter: 'all',
                search: '',
                sort: { key: 'name', descending },
            }).map((r) => r.id);
        expect(byName(false)).toEqual(['q', 'p', 'r', 's']);
        expect(byName(true)).toEqual(['p', 'r', 's', 'q']);
    });

    it('sorts a narrower search the same way after sorting the whole list', () => {
        const query = (search: string) =>
            queryMailboxes(index, { filter: 'all', search, sort: { key: 'name', descending: true } }).map((r) => r.id);
        expect(query('')).toEqual(['g', 'e', 'd', 'c', 'b', 'a', 'f']);
        expect(query('a')).toEqual(['d', 'c', 'a', 'f']);
    });

    it('puts missing statuses first when ascending', () => {
        expect(sorted({ key: 'overall', descending: false })[0]).toBe('c');
    });

    it('sorts by owner type and by last test time', () => {
        expect(sorted({ key: 'ownerType', descending: true })[0]).toBe('a');
        expect(sorted({ key: 'ownerType', descending: false })[0]).toBe('g');
        expect(sorted({ key: 'lastTestOn', descending: false }).slice(0, 2)).toEqual(['a', 'c']);
    });

    it('sorts by latest alert cause', () => {
        const rows = [
            view('x', { alerts: [{ cause: 'throttled', text: 't', occurredOn: null }] }),
            view('y', { alerts: [{ cause: 'approvalRefused', text: 'r', occurredOn: null }] }),
            view('z'),
        ];
        const ids = queryMailboxes(buildMailboxIndex(rows), {
            filter: 'all',
            search: '',
            sort: { key: 'alert', descending: false },
        }).map((r) => r.id);
        expect(ids).toEqual(['z', 'y', 'x']);
    });
});

describe('selection helpers', () => {
    it.each<[number, number, number, string]>([
        [0, 5, 10, 'none'],
        [3, 5, 10, 'some'],
        [5, 5, 10, 'allFiltered'],
        [10, 10, 10, 'all'],
    ])('classifies %i selected of %i shown / %i total', (selected, shown, total, scope) => {
        expect(selectionScope(selected, shown, total)).toBe(scope);
    });

    it('lists ids, failed ids and pending addresses', () => {
        expect(idsOf(ROWS.slice(0, 2))).toEqual(['a', 'b']);
        // The rows the Failed filter shows: 'e' failed a channel but is not approved, so it waits for approval.
        expect(failedIds(ROWS)).toEqual(['b']);
        // Pending approval is the segment: Empty, Pending and Rejected ('e') alike, as the filter counts them.
        expect(pendingAddresses(ROWS)).toEqual(['a@contoso.com', 'c@contoso.com', 'e@contoso.com']);
    });

    it('counts a failure of a run here as failed, in the filter, the card counts and Retry failed', () => {
        const refused = { ...ROWS[0], runFailure: 'approvalRefused' as const };
        const rows = [refused, ...ROWS.slice(1)];
        expect(segmentOfRow(ROWS[0], true)).toBe('pendingApproval');
        expect(segmentOfRow(refused, true)).toBe('failed');
        expect(isPendingApproval(refused)).toBe(false);
        expect(failedIds(rows)).toEqual(['a', 'b']);
        const counts = segmentCountsOfRows(rows);
        const index = buildMailboxIndex(rows);
        expect([counts.failed, counts.pendingApproval]).toEqual([index.counts.failed, index.counts.pendingApproval]);
        expect(counts).toMatchObject({ failed: 2, pendingApproval: 2, total: 7 });
    });

    it('lets Dataverse have the last word: a mailbox it shows enabled is not failed by a run here', () => {
        const enabled = { ...ROWS[3], runFailure: 'testTimedOut' as const };
        expect(segmentOfRow(enabled, true)).toBe('enabled');
    });
});

describe('toMailboxView', () => {
    it('maps a Dataverse row', () => {
        const row = {
            mailboxid: 'm1',
            name: 'Queue 1',
            emailaddress: null,
            regardingType: 'queue',
            emailrouteraccessapproval: 2,
            incomingemailstatus: 0,
            outgoingemailstatus: 1,
            actstatus: null,
            mailboxstatus: 2,
            testemailconfigurationscheduled: true,
            testmailboxaccesscompletedon: '2026-01-01T00:00:00Z',
        } as MailboxRow;
        expect(toMailboxView(row)).toEqual({
            id: 'm1',
            name: 'Queue 1',
            address: '',
            ownerType: 'queue',
            approval: 2,
            incoming: 0,
            outgoing: 1,
            act: null,
            overall: 2,
            scheduled: true,
            lastTestOn: '2026-01-01T00:00:00Z',
            approvalRequired: true,
            alerts: [],
        });
    });

    it.each([
        ['systemuser', { users: false, queues: true }, false],
        ['systemuser', { users: true, queues: false }, true],
        ['queue', { users: true, queues: false }, false],
        ['queue', { users: false, queues: true }, true],
    ])('says whether a %s mailbox needs approval under %j', (regardingType, policy, required) => {
        const row = { mailboxid: 'm1', name: 'M', regardingType, emailrouteraccessapproval: 2 } as MailboxRow;
        expect(toMailboxView(row, [], policy).approvalRequired).toBe(required);
    });
});

describe('retrying: a failed attempt Dynamics makes again', () => {
    const warning = { cause: 'ewsServerBusy' as const, text: 'busy', occurredOn: null, level: 2 };
    const error = { ...warning, level: 3 };
    const rows = [
        view('r', { overall: 2, scheduled: true, alerts: [warning] }),
        view('n', { overall: 2, scheduled: true, alerts: [] }),
        view('x', { overall: 2, scheduled: true, alerts: [error] }),
        view('f', { overall: 2, scheduled: false, alerts: [warning] }),
    ];
    it('is retrying while the test is still scheduled and the latest alert is no error', () => {
        expect(rows.map(isRetrying)).toEqual([true, true, false, false]);
    });
    it('counts retrying and failed apart, each mailbox in one of them', () => {
        const index = buildMailboxIndex(rows);
        expect(filterIndices(index, 'retrying', '').map((i) => rows[i].id)).toEqual(['r', 'n']);
        expect(filterIndices(index, 'failed', '').map((i) => rows[i].id)).toEqual(['x', 'f']);
        expect(index.counts).toMatchObject({ retrying: 2, failed: 2 });
    });
    it('maps a still-scheduled test from the row', () => {
        const row = { mailboxid: 'm', name: 'M', testemailconfigurationscheduled: true } as MailboxRow;
        expect(toMailboxView(row).scheduled).toBe(true);
    });
});

describe('pending approval under the organisation switches', () => {
    const rows = [
        view('u', { approval: 2, approvalRequired: false, overall: 0 }),
        view('q', { approval: 0, ownerType: 'queue', approvalRequired: true, overall: 0 }),
        view('v', { approval: 2, overall: 0 }),
    ];
    it('does not count a mailbox whose kind needs no approval as waiting for approval', () => {
        expect(buildMailboxIndex(rows).counts.pendingApproval).toBe(2);
        expect(pendingAddresses(rows)).toEqual(['q@contoso.com', 'v@contoso.com']);
    });
});

describe('buildAdminMailto', () => {
    it('encodes subject, body and hostile addresses', () => {
        const { url, included } = buildAdminMailto('A & B?', 'Hi', ['a+b@x.com', 'c&d=e@x.com']);
        expect(url).toBe('mailto:?subject=A%20%26%20B%3F&body=Hi%0Aa%2Bb%40x.com%0Ac%26d%3De%40x.com%0A');
        expect(included).toBe(2);
    });

    it('caps the URL length and reports what was left out', () => {
        const many = Array.from({ length: 500 }, (_, i) => `user${i}@contoso.com`);
        const { url, included, omitted } = buildAdminMailto('s', 'i', many, 1000);
        expect(url.length).toBeLessThanOrEqual(1000);
        expect(included + omitted).toBe(500);
        expect(omitted).toBeGreaterThan(0);
    });
});

describe('secondsUntil', () => {
    it.each<[number | null, number, number]>([
        [null, 0, 0],
        [12_000, 0, 12],
        [12_001, 0, 13],
        [1_000, 5_000, 0],
    ])('until %p at %p is %p s', (until, now, seconds) => {
        expect(secondsUntil(until, now)).toBe(seconds);
    });
});

describe('50,000 rows', () => {
    it('filters, searches and sorts the whole list correctly', () => {
        const rows = Array.from({ length: 50_000 }, (_, i) =>
            view(String(i).padStart(5, '0'), { name: `User ${i % 1000}`, overall: i % 3 === 0 ? 2 : 1 }),
        );
        const index = buildMailboxIndex(rows);
        expect(index.counts.failed).toBe(16_667);
        expect(index.counts.enabled).toBe(33_333);
        const found = queryMailboxes(index, { filter: 'failed', search: 'user 42', sort: null });
        expect(found.every((r) => r.overall === 2 && r.name.toLowerCase().includes('user 42'))).toBe(true);
        expect(found).toHaveLength(rows.filter((r, i) => i % 3 === 0 && r.name.includes('User 42')).length);
        const byName = queryMailboxes(index, { filter: 'all', search: '', sort: { key: 'name', descending: false } });
        expect(byName[0].id).toBe('00000');
        expect(byName[1].id).toBe('01000');
        expect(byName).toHaveLength(50_000);
    });
});
