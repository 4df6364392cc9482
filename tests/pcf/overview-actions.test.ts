import { DataverseHttp } from '../../src/dataverse/http';
import { createOverviewActions } from '../../src/pcf/overview-actions';
import { PROFILE_IDS } from '../sandbox/domain/ids';
import { startSandbox, type Sandbox } from '../sandbox/server';

// The overview's counts against the seeded sandbox, under the organisation's approval switches (issue 14 leftover b).
let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, mailboxCount: 30 });
});
afterAll(() => sandbox.close());

const count = () =>
    createOverviewActions(new DataverseHttp(sandbox.url, (u, i) => fetch(u, i)), PROFILE_IDS.commercial).countMailboxes(
        new AbortController().signal,
    );

describe('createOverviewActions', () => {
    it('counts unapproved mailboxes as pending approval where the organisation requires approval', async () => {
        sandbox.setScenario({ profileId: PROFILE_IDS.commercial, requireApproval: { users: true, queues: true } });
        const counts = await count();
        expect(counts.total).toBe(30);
        expect(counts.pendingApproval).toBeGreaterThan(0);
    });

    it('counts none as pending approval where the organisation processes unapproved mailboxes', async () => {
        sandbox.setScenario({ profileId: PROFILE_IDS.commercial, requireApproval: { users: false, queues: false } });
        const counts = await count();
        expect(counts.total).toBe(30);
        expect(counts.pendingApproval).toBe(0);
    });
});
