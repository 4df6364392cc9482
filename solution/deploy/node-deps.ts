/** The real I/O for the CLI: process streams and environment, global fetch, the system browser, the real clock. */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { CliDeps } from './commands/context';

/** Open a URL with the platform's opener; if none works the person still has the address (printed first). */
function openBrowser(url: string): Promise<void> {
    process.stderr.write(`Opening your browser to sign in. If it does not open, go to:\n${url}\n`);
    const [command, args] =
        process.platform === 'win32'
            ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
            : [process.platform === 'darwin' ? 'open' : 'xdg-open', [url]];
    return new Promise((resolve) => {
        const child = spawn(command, args, { stdio: 'ignore', detached: true });
        child.on('error', () => resolve());
        child.unref();
        resolve();
    });
}

/** The dependencies of a real run. */
export function nodeDeps(): CliDeps {
    return {
        streams: { stdout: process.stdout, stderr: process.stderr, isTTY: process.stderr.isTTY === true },
        env: process.env,
        fetch: (url, init) => fetch(url, init),
        openBrowser,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        now: () => Date.now(),
        cwd: process.cwd(),
        newId: () => randomUUID(),
    };
}
