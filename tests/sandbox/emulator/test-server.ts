/** Test helper: a real node:http server on 127.0.0.1:0 mounting an emulator (404 for anything else). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator, EmulatorOptions } from './contract';
import { createEmulator } from './index';
import { createFixtureDomain, type FixtureDomain } from './fixture-domain';

/** A running test server. */
export type TestServer = {
    url: string;
    api: string;
    emulator: Emulator;
    domain: FixtureDomain;
    close(): Promise<void>;
};

/** Starts a server; `options` override the fixture domain defaults (fast costs, timeScale 1000). */
export async function startTestServer(
    options: Partial<EmulatorOptions> & { mailboxCount?: number } = {},
): Promise<TestServer> {
    const domain = createFixtureDomain(options.mailboxCount);
    const emulator = createEmulator({
        domain,
        timeScale: 1000,
        seed: 42,
        ...options,
        limits: { costMs: { read: 1, write: 1, batchPart: 0 }, ...(options.limits ?? {}) },
    });
    const server: Server = createServer((req, res) => {
        if (!emulator.handle(req, res)) {
            res.writeHead(404);
            res.end();
        }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    return {
        url,
        api: `${url}/api/data/v9.2/`,
        emulator,
        domain,
        close: () =>
            new Promise<void>((resolve) => {
                emulator.close();
                server.closeAllConnections();
                server.close(() => resolve());
            }),
    };
}

/** JSON body of a fetch response. */
export async function json(res: Response): Promise<any> {
    return res.json();
}
