/** Snapshots of ordered id lists behind $skiptoken (bounded LRU, so 50k-row paging stays O(page)). */
import type { PageCache } from './types';

/** Creates a cache keeping the `max` most recently used snapshots. */
export function createPageCache(max = 64): PageCache {
    const entries = new Map<string, string[]>();
    let counter = 0;
    return {
        put(ids) {
            counter += 1;
            const key = `p${counter}`;
            entries.set(key, ids);
            if (entries.size > max) entries.delete(entries.keys().next().value as string);
            return key;
        },
        get(key) {
            const ids = entries.get(key);
            if (ids) {
                entries.delete(key);
                entries.set(key, ids);
            }
            return ids;
        },
        clear: () => entries.clear(),
    };
}
