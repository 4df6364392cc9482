/**
 * Runs the deploy CLI in-process against a sandbox started on 127.0.0.1:0: real HTTP, real msal-node, a config
 * folder and logs folder of its own per test, the "browser" played by following the stand-in's auto-POST page.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliDeps } from '../../solution/deploy/commands/context';
import { run } from '../../solution/deploy/main';

export const ROOT = resolve(__dirname, '..', '..');

/** One run's output. */
export type CliRun = { code: number; stdout: string; stderr: string; events: Record<string, any>[] };

const decodeHtml = (s: string) =>
    s
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');

/** The browser: open the sign-in page, then submit the form it would post to the loopback by itself. */
export async function followAuthorizePage(url: string): Promise<void> {
    const page = await (await fetch(url)).text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`The sign-in page has no form: ${page.slice(0, 200)}`);
    const body = new URLSearchParams();
    for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
        body.set(decodeHtml(name), decodeHtml(value));
    await fetch(decodeHtml(action), {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
}

/** A place for the config folder and logs of one test. */
export type Workspace = { home: string; logs: string; urlsOpened: string[]; close(): void };

/** A fresh config folder (XDG_CONFIG_HOME) and logs folder. */
export function createWorkspace(): Workspace {
    const home = mkdtempSync(join(tmpdir(), 'esp-deploy-test-'));
    return {
        home,
        logs: join(home, 'deploy-logs'),
        urlsOpened: [],
        close: () => rmSync(home, { recursive: true, force: true }),
    };
}

/** Scaled clock: emulated ms run `factor` times faster than real ones, for polling and lock retries alike. */
export function scaledClock(factor: number): Pick<CliDeps, 'now' | 'sleep'> {
    const start = Date.now();
    return {
        now: () => start + (Date.now() - start) * factor,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(1, ms / factor))),
    };
}

/** Run the CLI with argv; `env` adds environment variables (service principal). */
export async function runCli(
    argv: string[],
    workspace: Workspace,
    options: {
        env?: Record<string, string>;
        isTTY?: boolean;
        clock?: Pick<CliDeps, 'now' | 'sleep'>;
        pollIntervalMs?: number;
        fetch?: CliDeps['fetch'];
    } = {},
): Promise<CliRun> {
    let stdout = '';
    let stderr = '';
    const deps: CliDeps = {
        streams: {
            stdout: { write: (t: string) => (stdout += t) },
            stderr: { write: (t: string) => (stderr += t) },
            isTTY: options.isTTY ?? false,
        },
        env: { HOME: workspace.home, XDG_CONFIG_HOME: workspace.home, ...options.env },
        fetch: options.fetch ?? ((url, init) => fetch(url, init)),
        openBrowser: async (url) => {
            workspace.urlsOpened.push(url);
            await followAuthorizePage(url);
        },
        ...(options.clock ?? scaledClock(20)),
        cwd: ROOT,
        newId: () => randomUUID(),
        pollIntervalMs: options.pollIntervalMs ?? 200,
    };
    const logs = argv[0] === 'logout' || argv.includes('--help') ? [] : ['--logs', workspace.logs];
    const code = await run([...argv, ...logs], deps);
    const events = argv.includes('--json')
        ? stdout
              .trim()
              .split('\n')
              .filter(Boolean)
              .map((l) => JSON.parse(l) as Record<string, any>)
        : [];
    return { code, stdout, stderr, events };
}

/** Every file under a folder with its text (logs, backups, the token cache), for secret scans. */
export function filesUnder(folder: string): { path: string; text: string; mode: number }[] {
    const out: { path: string; text: string; mode: number }[] = [];
    const walk = (dir: string) => {
        let entries: string[];
        try {
            entries = readdirSync(dir);
        } catch {
            return;
        }
        for (const name of entries) {
            const path = join(dir, name);
            const stat = statSync(path);
            if (stat.isDirectory()) walk(path);
            else out.push({ path, text: readFileSync(path, 'utf8'), mode: stat.mode & 0o777 });
        }
    };
    walk(folder);
    return out;
}
