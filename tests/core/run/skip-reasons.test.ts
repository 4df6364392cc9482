import { groupBySkipReason } from '../../../src/core/run/skip-reasons';
import type { SkipReason } from '../../../src/core/run/types';

type Item = { name: string; skip?: SkipReason };

const group = (items: Item[]) =>
    groupBySkipReason(items, (item) => item.skip).map(({ reason, items: inGroup }) => [
        reason,
        inGroup.map((item) => item.name),
    ]);

describe('groupBySkipReason', () => {
    it('groups skipped items by reason, largest group first, items in the order given', () => {
        const items: Item[] = [
            { name: 'a', skip: 'inactive' },
            { name: 'b', skip: 'notApproved' },
            { name: 'c' },
            { name: 'd', skip: 'notApproved' },
        ];
        expect(group(items)).toEqual([
            ['notApproved', ['b', 'd']],
            ['inactive', ['a']],
        ]);
    });

    it('orders groups of the same size by reason name, whatever the order they first appear in', () => {
        const items: Item[] = [
            { name: 'a', skip: 'notApproved' },
            { name: 'b', skip: 'cancelled' },
            { name: 'c', skip: 'inactive' },
        ];
        expect(group(items).map(([reason]) => reason)).toEqual(['cancelled', 'inactive', 'notApproved']);
    });

    it('is empty when nothing is skipped', () => {
        expect(group([{ name: 'a' }, { name: 'b' }])).toEqual([]);
    });
});
