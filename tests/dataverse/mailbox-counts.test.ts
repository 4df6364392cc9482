/**
 * The overview's mailbox counts against the emulator, which answers FetchXML aggregates as Dataverse does and
 * refuses one over 50,000 rows with 0x8004e023: the counts must equal the store's, in one request when they can.
 */
import { segmentCounts, segmentOf, SEGMENTS, type SegmentCounts } from '../../src/core/mailbox-segments';
import { DataverseHttp } from '../../src/dataverse/http';
import { countMailboxes } from '../../src/dataverse/mailbox-counts';
import type { Row } from '../sandbox/emulator/contract';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { recordRequests, type SentRequest } from './sent-requests';

const PROFILE = PROFILE_IDS.commercial;

/** The segments of the profile's active mailboxes, counted row by row from the emulator's store. */
function storeCounts(sandbox: Sandbox): SegmentCounts {
    const counts: SegmentCounts = { enabled: 0, failed: 0, retrying: 0, pendingApproval: 0, neverTested: 0, total: 0 };
    for (const m of sandbox.emulator.store.list('mailboxes') as Row[]) {
        if (m._emailserverprofile_value !== PROFILE || m.statecode !== 0) continue;
        const columns = {
            status: m.mailboxstatus as number | null,
            scheduled: m.testemailconfigurationscheduled as boolean | null,
            approval: m.emailrouteraccessapproval as number | null,
        };
        counts[segmentOf(columns, true)] += 1;
        counts.total += 1;
    }
    return counts;
}

describe('countMailboxes', () => {
    let sandbox: Sandbox;
    let sent: SentRequest[];
    let client: DataverseHttp;
    beforeAll(async () => {
        sandbox = await startSandbox({ port: 0, mailboxCount: 300 });
    });
    afterAll(() => sandbox.close());
    beforeEach(() => {
        const recorder = recordRequests();
        sent = recorder.sent;
        client = new DataverseHttp(sandbox.url, recorder.fetch);
    });

    it('counts every segment with one FetchXML aggregate, equal to the rows the server holds', async () => {
        const counts = segmentCounts(await countMailboxes(client, `{${PROFILE.toUpperCase()}}`), true);
        expect(counts).toEqual(storeCounts(sandbox));
        expect(counts.total).toBe(300);
        expect(SEGMENTS.filter((segment) => counts[segment] > 0).length).toBeGreaterThanOrEqual(3);
        expect(sent).toHaveLength(1);
        const url = new URL(sent[0].url);
        expect(url.pathname).toBe('/api/data/v9.2/mailboxes');
        expect(url.searchParams.get('fetchXml')).toContain('<fetch aggregate="true">');
    });

    it('follows a change on the server: a mailbox enabled since moves from its segment to enabled', async () => {
        const before = segmentCounts(await countMailboxes(client, PROFILE), true);
        const mailbox = (sandbox.emulator.store.list('mailboxes') as Row[]).find(
            (m) => m._emailserverprofile_value === PROFILE && m.statecode === 0 && m.mailboxstatus !== 1,
        ) as Row;
        sandbox.emulator.store.upsert('mailboxes', String(mailbox.mailboxid), { mailboxstatus: 1 });
        const after = segmentCounts(await countMailboxes(client, PROFILE), true);
        expect(after.enabled).toBe(before.enabled + 1);
        expect(after.total).toBe(before.total);
        expect(after).toEqual(storeCounts(sandbox));
    });

    it('refuses an id that is not a GUID before anything is sent', async () => {
        await expect(countMailboxes(client, "x' or 1 eq 1")).rejects.toThrow('Not a profile id');
        expect(sent).toEqual([]);
    });
});

describe('countMailboxes over the 50,000-row aggregate limit', () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
        sandbox = await startSandbox({ port: 0, mailboxCount: 50_010 });
    }, 120_000);
    afterAll(() => sandbox.close());

    it('splits the query when Dataverse refuses it with 0x8004e023 and adds the parts up', async () => {
        const recorder = recordRequests();
        const client = new DataverseHttp(sandbox.url, recorder.fetch);
        const counts = segmentCounts(await countMailboxes(client, PROFILE), true);
        expect(counts).toEqual(storeCounts(sandbox));
        expect(counts.total).toBe(50_010);
        expect(recorder.sent[0].status).toBe(400);
        // The whole, refused, then one part per approval value (each under the limit here).
        expect(recorder.sent.slice(1).every((request) => request.status === 200)).toBe(true);
        expect(recorder.sent).toHaveLength(1 + 5);
    }, 60_000);
});
