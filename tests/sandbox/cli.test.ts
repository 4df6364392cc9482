import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Run the `npm start` sandbox CLI with `env` and collect how it ended. */
function runCli(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(
            process.execPath,
            [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'tests/sandbox/cli.ts'],
            {
                cwd: ROOT,
                env: { ...process.env, ...env },
                stdio: ['ignore', 'ignore', 'pipe'],
            },
        );
        // A sandbox that did start would run until stopped: stop it through its own handle.
        const timer = setTimeout(() => child.kill('SIGTERM'), 30_000);
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => {
            clearTimeout(timer);
            resolve({ code, stderr });
        });
    });
}

describe('sandbox CLI', () => {
    let busy: Server;

    beforeAll(async () => {
        busy = createServer();
        await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    });

    afterAll(async () => {
        await new Promise<void>((resolve) => busy.close(() => resolve()));
    });

    it('names the busy port and how to choose another when the port is taken', async () => {
        const port = String((busy.address() as { port: number }).port);
        const { code, stderr } = await runCli({ PORT: port, MAILBOXES: '0' });
        expect(code).toBe(1);
        expect(stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
        expect(stderr).toContain('PORT=8282 npm start');
    }, 60_000);
});
