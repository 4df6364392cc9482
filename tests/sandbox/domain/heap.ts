/** A binary min-heap on `due`, so tick() costs O(k log n) for k due jobs rather than a scan of every job. */
export type Job = { due: number; mailboxId: string; version: number };

/** Min-heap of jobs ordered by due time (ties keep no particular order). */
export class JobHeap {
    private readonly items: Job[] = [];

    get size(): number {
        return this.items.length;
    }

    peek(): Job | undefined {
        return this.items[0];
    }

    push(job: Job): void {
        const items = this.items;
        items.push(job);
        let i = items.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (items[parent].due <= items[i].due) break;
            [items[parent], items[i]] = [items[i], items[parent]];
            i = parent;
        }
    }

    pop(): Job | undefined {
        const items = this.items;
        const top = items[0];
        const last = items.pop();
        if (items.length > 0 && last) {
            items[0] = last;
            this.siftDown(0);
        }
        return top;
    }

    private siftDown(start: number): void {
        const items = this.items;
        let i = start;
        for (;;) {
            const left = 2 * i + 1;
            const right = left + 1;
            let smallest = i;
            if (left < items.length && items[left].due < items[smallest].due) smallest = left;
            if (right < items.length && items[right].due < items[smallest].due) smallest = right;
            if (smallest === i) return;
            [items[smallest], items[i]] = [items[i], items[smallest]];
            i = smallest;
        }
    }
}
