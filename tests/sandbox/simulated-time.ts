/**
 * The sandbox in simulated time: client and emulator share one fake clock (@sinonjs/fake-timers on the globals:
 * timers, Date, performance) and talk through a fetch that hands each request straight to the emulator's handler (no
 * socket). The clock moves only when every party waits on a timer, jumping to the next one; CPU work takes no
 * emulated time. A run is therefore exact and repeatable whatever the machine's load, and an hour of emulated time
 * takes seconds. Used by the bench (`npm run bench`) and by tests that check the bulk run against service protection.
 */
import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import FakeTimers from '@sinonjs/fake-timers';
import type { FetchLike } from '../../src/dataverse/http';

/** Handles one request as a node:http handler does; false when the path is not its own. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => boolean;

// Taken before any fake clock is installed; immediates stay real, so the driver can let pending work run.
const realSetImmediate = setImmediate;

/** Real seconds on a monotonic clock that the fake timers leave alone. */
export function realSeconds(): number {
    return Number(process.hrtime.bigint()) / 1e9;
}

/** Let everything that is not waiting on a timer run: microtasks, nextTicks, immediates they schedule. */
async function settle(rounds = 3): Promise<void> {
    for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => realSetImmediate(resolve));
}

/** A fake clock on the globals and the driver that advances it. */
export type SimulatedClock = {
    /** Run `work` to its end: settle, jump to the next timer and fire it, repeat. */
    run<T>(work: () => Promise<T>): Promise<T>;
    uninstall(): void;
};

/** Install the fake clock at `startMs`; uninstall it when done (finally). */
export function installSimulatedTime(startMs = Date.now()): SimulatedClock {
    const clock = FakeTimers.install({
        now: startMs,
        toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'],
    });
    return {
        uninstall: () => clock.uninstall(),
        async run<T>(work: () => Promise<T>): Promise<T> {
            let done = false;
            const result = work().finally(() => {
                done = true;
            });
            result.catch(() => undefined);
            for (;;) {
                await settle();
                if (done) break;
                if (clock.countTimers() === 0) throw new Error('Simulated time: the work waits, but not on a timer');
                clock.next();
            }
            return result;
        },
    };
}

/** The part of node's ServerResponse the emulator writes to, collected into a fetch Response. */
class DirectResponse {
    statusCode = 200;
    headersSent = false;
    writableEnded = false;
    destroyed = false;
    private readonly headers = new Headers();

    constructor(private readonly done: (response: Response) => void) {}

    setHeader(name: string, value: string | number): void {
        this.headers.set(name, String(value));
    }

    writeHead(status: number, headers: Record<string, string> = {}): this {
        this.statusCode = status;
        for (const [name, value] of Object.entries(headers)) this.headers.set(name, String(value));
        this.headersSent = true;
        return this;
    }

    end(body?: string): void {
        if (this.writableEnded) return;
        this.writableEnded = true;
        const empty = this.statusCode === 204 || this.statusCode === 304;
        this.done(new Response(empty ? null : (body ?? ''), { status: this.statusCode, headers: this.headers }));
    }
}

/**
 * A fetch that hands each request to `handle` in process: no socket, no redirect following. A dropped connection
 * (the emulator destroys the socket) rejects as fetch does, with a TypeError.
 */
export function directFetch(handle: Handler, origin: string): FetchLike {
    return (url, init) =>
        new Promise<Response>((resolve, reject) => {
            const target = new URL(url, origin);
            const body = typeof init.body === 'string' ? init.body : '';
            const headers: Record<string, string> = { host: target.host };
            new Headers(init.headers).forEach((value, name) => (headers[name] = value));
            const req = Object.assign(Readable.from(body ? [Buffer.from(body)] : []), {
                url: target.pathname + target.search,
                method: init.method ?? 'GET',
                headers,
                socket: { destroy: () => reject(new TypeError('fetch failed')) },
            });
            init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
            const res = new DirectResponse(resolve);
            if (!handle(req as unknown as IncomingMessage, res as unknown as ServerResponse))
                resolve(new Response(null, { status: 404 }));
        });
}
