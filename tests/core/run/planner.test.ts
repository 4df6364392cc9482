import { planCounts, planRun, skipGroups, type PlanOptions } from '../../../src/core/run/planner';
import type { MailboxRow, PlanItem } from '../../../src/core/run/types';
import { row } from './rows';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const ADMIN: PlanOptions = { canApprove: true, requireApproval: true, mode: 'approveAndTest' };

describe('planRun', () => {
    it.each<[string, Partial<MailboxRow>, PlanOptions, Partial<PlanItem>]>([
        ['approves and tests a pending mailbox', {}, ADMIN, { approve: true, test: true }],
        [
            'never approves an approved mailbox again',
            { emailrouteraccessapproval: 1 },
            ADMIN,
            { approve: false, test: true },
        ],
        [
            'approves a rejected mailbox on request',
            { emailrouteraccessapproval: 3 },
            ADMIN,
            { approve: true, test: true },
        ],
        ['skips an inactive mailbox', { statecode: 1 }, ADMIN, { skip: 'inactive', test: false }],
        ['skips a mailbox without profile', { profileId: null }, ADMIN, { skip: 'noProfile' }],
        [
            'skips a mailbox with no Server-Side Sync direction',
            { incomingemaildeliverymethod: 0, outgoingemaildeliverymethod: 1, actdeliverymethod: 0 },
            ADMIN,
            { skip: 'notServerSideSync' },
        ],
        [
            'tests a mailbox with only outgoing SSS',
            { incomingemaildeliverymethod: 0, actdeliverymethod: 2 },
            ADMIN,
            { test: true },
        ],
        [
            'skips pending approval when the user cannot approve',
            {},
            { ...ADMIN, canApprove: false },
            { skip: 'cannotApprove' },
        ],
        [
            'tests without approval when the org does not require it',
            {},
            { ...ADMIN, canApprove: false, requireApproval: false },
            { approve: false, test: true },
        ],
        [
            'skips an unapproved mailbox in test-only mode',
            {},
            { ...ADMIN, mode: 'testOnly' },
            { skip: 'notApproved', approve: false },
        ],
        [
            'tests an approved mailbox in test-only mode',
            { emailrouteraccessapproval: 1 },
            { ...ADMIN, mode: 'testOnly' },
            { approve: false, test: true },
        ],
    ])('%s', (_name, overrides, options, expected) => {
        const plan = planRun([row(1, overrides)], options, NOW);
        expect(plan.items[0]).toMatchObject(expected);
    });

    describe("under the organisation's approval switches (per kind of mailbox)", () => {
        const USERS_FREE = { users: false, queues: true };
        const QUEUES_FREE = { users: true, queues: false };
        const user = { regardingType: 'systemuser' };
        const queue = { regardingType: 'queue' };
        const TEST_ONLY: PlanOptions = { ...ADMIN, mode: 'testOnly' };
        it.each<[string, Partial<MailboxRow>, PlanOptions, Partial<PlanItem>]>([
            [
                'tests an unapproved user mailbox in test-only mode when users need none',
                user,
                { ...TEST_ONLY, requireApproval: USERS_FREE },
                { approve: false, test: true },
            ],
            [
                'skips an unapproved queue mailbox in test-only mode when queues need approval',
                queue,
                { ...TEST_ONLY, requireApproval: USERS_FREE },
                { skip: 'notApproved', test: false },
            ],
            [
                'tests an unapproved queue mailbox in test-only mode when queues need none',
                queue,
                { ...TEST_ONLY, requireApproval: QUEUES_FREE },
                { approve: false, test: true },
            ],
            [
                'skips an unapproved user mailbox in test-only mode when users need approval',
                user,
                { ...TEST_ONLY, requireApproval: QUEUES_FREE },
                { skip: 'notApproved' },
            ],
            [
                'tests an unapproved user mailbox without approving it when the user cannot approve and users need none',
                user,
                { ...ADMIN, canApprove: false, requireApproval: USERS_FREE },
                { approve: false, test: true },
            ],
            [
                'still approves when asked to and allowed, though the kind needs no approval',
                user,
                { ...ADMIN, requireApproval: USERS_FREE },
                { approve: true, test: true },
            ],
            [
                'asks for approval of a mailbox of neither kind when either kind needs it',
                { regardingType: null },
                { ...TEST_ONLY, requireApproval: USERS_FREE },
                { skip: 'notApproved' },
            ],
            [
                'tests a mailbox of neither kind when no kind needs approval',
                { regardingType: null },
                { ...TEST_ONLY, requireApproval: { users: false, queues: false } },
                { test: true },
            ],
        ])('%s', (_name, overrides, options, expected) => {
            expect(planRun([row(1, overrides)], options, NOW).items[0]).toMatchObject(expected);
        });
    });

    it('writes the Test & Enable body with postpone = now (SEND_POSTPONE_NOW)', () => {
        expect(planRun([], ADMIN, NOW).testPatch).toEqual({
            testemailconfigurationscheduled: true,
            postponetestemailconfigurationuntil: '2026-11-23T12:00:00.000Z',
        });
    });

    it('plans a duplicated mailbox once', () => {
        const plan = planRun([row(1), row(1, { mailboxid: row(1).mailboxid.toUpperCase() })], ADMIN, NOW);
        expect(plan.items).toHaveLength(1);
    });
});

describe('planCounts', () => {
    it('counts approvals, tests and skips, and the approvals that override a rejection', () => {
        const rows = [
            row(1), // pending → approve + test
            row(2, { emailrouteraccessapproval: 3 }), // rejected → approve (overrides) + test
            row(3, { emailrouteraccessapproval: 1 }), // approved → test only
            row(4, { statecode: 1 }), // inactive → skipped
        ];
        const plan = planRun(rows, ADMIN, NOW);
        expect(planCounts(plan, rows)).toEqual({
            ...{ approve: 2, test: 3, skip: 1, rejected: 1 },
            skipped: [{ reason: 'inactive', names: ['Mailbox 4'] }],
        });
    });

    it('reports no override when the run approves nothing', () => {
        const rows = [row(1, { emailrouteraccessapproval: 3 }), row(2, { emailrouteraccessapproval: 1 })];
        const plan = planRun(rows, { ...ADMIN, mode: 'testOnly' }, NOW);
        expect(planCounts(plan, rows)).toEqual({
            ...{ approve: 0, test: 1, skip: 1, rejected: 0 },
            skipped: [{ reason: 'notApproved', names: ['Mailbox 1'] }],
        });
    });
});

describe('skipGroups', () => {
    it('groups the skipped mailboxes by reason, largest group first, names in selection order', () => {
        const rows = [
            row(1, { statecode: 1 }), // inactive
            row(2), // pending: Test only skips it
            row(3, { emailrouteraccessapproval: 1 }), // approved: tested
            row(4), // pending
            row(5, { profileId: null }), // no profile
        ];
        const plan = planRun(rows, { ...ADMIN, mode: 'testOnly' }, NOW);
        expect(skipGroups(plan)).toEqual([
            { reason: 'notApproved', names: ['Mailbox 2', 'Mailbox 4'] },
            { reason: 'inactive', names: ['Mailbox 1'] },
            { reason: 'noProfile', names: ['Mailbox 5'] },
        ]);
    });

    it('is empty when nothing is skipped', () => {
        const plan = planRun([row(1, { emailrouteraccessapproval: 1 })], ADMIN, NOW);
        expect(skipGroups(plan)).toEqual([]);
    });
});
