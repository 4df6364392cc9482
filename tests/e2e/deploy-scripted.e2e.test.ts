/**
 * The scripted path (issue 15): with the sandbox running, `npm run deploy -- deploy --env http://127.0.0.1:<port>
 * --allow-http --device-code --json` exits 0 with no person involved (the Entra stand-in approves the device code by
 * itself), and `form remove` with the same options takes the control off. The published main form, read through the
 * sandbox's Web API, names the control after deploy and not after remove.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { api, appToken, type Kit } from '../sandbox/deploy/test-kit';
import { ROOT } from '../deploy/cli-kit';
import { CONTROL } from '../deploy/deploy-kit';

let sandbox: Sandbox;
let kit: Kit;
let home: string;
const notices: string[] = [];

beforeAll(async () => {
    sandbox = await startSandbox({
        port: 0,
        root: ROOT,
        mailboxCount: 10,
        timeScale: 100,
        deployment: 'fresh',
        log: (l) => notices.push(l),
    });
    const origin = sandbox.url.replace(/\/$/, '');
    kit = { sandbox, origin, api: `${origin}/api/data/v9.2/`, lines: [], close: () => sandbox.close() };
    home = mkdtempSync(join(tmpdir(), 'esp-deploy-scripted-'));
});

afterAll(async () => {
    rmSync(home, { recursive: true, force: true });
    await sandbox?.close();
});

/** Run `npm run deploy -- <args>` as a pipeline would: no terminal, no input, its own config folder. */
function npmRunDeploy(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn('npm', ['run', '--silent', 'deploy', '--', ...args], {
            cwd: ROOT,
            env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, CI: 'true' },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
}

async function publishedMainForms(): Promise<string> {
    const token = await appToken(kit);
    const r = await api(
        kit,
        'GET',
        "systemforms?$filter=objecttypecode eq 'emailserverprofile' and type eq 2&$select=formxml",
        { token },
    );
    expect(r.status).toBe(200);
    return (r.body.value as { formxml: string }[]).map((f) => f.formxml).join('\n');
}

const options = () => [
    '--env',
    kit.origin,
    '--allow-http',
    '--device-code',
    '--json',
    '--logs',
    join(home, 'deploy-logs'),
];

describe('npm run deploy, scripted', () => {
    it('deploys with no person involved and exits 0; the published form names the control', async () => {
        const r = await npmRunDeploy(['deploy', ...options()]);
        expect(r.code).toBe(0);
        const lines = r.stdout
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(lines.at(-1)).toMatchObject({ ok: true, exitCode: 0 });
        expect(r.stderr).toMatch(/enter the code \w+ to authenticate/);
        expect(notices.join('\n')).toMatch(/Approved device code/);
        expect(r.stdout + r.stderr).not.toMatch(/eyJ/);
        expect(await publishedMainForms()).toContain(`name="${CONTROL}"`);
    }, 120_000);

    it('form remove takes the control off the published form', async () => {
        const r = await npmRunDeploy(['form', 'remove', ...options()]);
        expect(r.code).toBe(0);
        expect(
            r.stdout
                .trim()
                .split('\n')
                .map((l) => JSON.parse(l))
                .at(-1),
        ).toMatchObject({ ok: true });
        expect(await publishedMainForms()).not.toContain(CONTROL);
    }, 120_000);
});
