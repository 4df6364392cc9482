import { planRun, type PlanOptions } from '../../../src/core/run/planner';
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
