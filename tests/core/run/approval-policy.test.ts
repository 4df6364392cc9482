import { APPROVAL_REQUIRED_FOR_ALL, isApprovalRequired } from '../../../src/core/run/approval-policy';

describe('isApprovalRequired', () => {
    it.each<[string | null, { users: boolean; queues: boolean }, boolean]>([
        ['systemuser', { users: true, queues: false }, true],
        ['systemuser', { users: false, queues: true }, false],
        ['queue', { users: false, queues: true }, true],
        ['queue', { users: true, queues: false }, false],
        [null, { users: false, queues: true }, true],
        ['team', { users: true, queues: false }, true],
        [null, { users: false, queues: false }, false],
    ])('answers for a %s mailbox under %j: %p', (regardingType, policy, required) => {
        expect(isApprovalRequired(regardingType, policy)).toBe(required);
    });

    it('assumes the platform default, both switches on', () => {
        expect(APPROVAL_REQUIRED_FOR_ALL).toEqual({ users: true, queues: true });
    });
});
