/** A manual clock whose sleep() resolves only when the test advances time. */
export class FakeClock {
    time = 0;
    private timers: Array<{ at: number; resolve: () => void }> = [];

    readonly now = (): number => this.time;

    readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
        new Promise((resolve, reject) => {
            if (signal?.aborted) return reject(new Error('Aborted'));
            this.timers.push({ at: this.time + ms, resolve });
            signal?.addEventListener('abort', () => reject(new Error('Aborted')), { once: true });
        });

    /** Move time forward, firing due timers in order and letting promises settle between them. */
    async advance(ms: number): Promise<void> {
        const end = this.time + ms;
        for (;;) {
            await flush();
            this.timers.sort((a, b) => a.at - b.at);
            const next = this.timers[0];
            if (!next || next.at > end) break;
            this.timers.shift();
            this.time = Math.max(this.time, next.at);
            next.resolve();
        }
        this.time = end;
        await flush();
    }

    get pendingTimers(): number {
        return this.timers.length;
    }
}

/** Let queued microtasks run. */
export async function flush(): Promise<void> {
    for (let i = 0; i < 20; i++) await Promise.resolve();
}
