/** What the deploy command tests share: the sandbox (fresh), its state, the published form and the dist zips. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, appToken, setSwitch, startKit, type Kit } from '../sandbox/deploy/test-kit';
import { createWorkspace, ROOT, type Workspace } from './cli-kit';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const base = `EmailServerProfileAssistant_${pkg.version.replace(/\./g, '_')}_0`;
/** The zips `npm run solution` writes (npm test builds them before the unit tests). */
export const MANAGED_ZIP = join(ROOT, 'dist', `${base}_managed.zip`);
export const UNMANAGED_ZIP = join(ROOT, 'dist', `${base}.zip`);
export const CONTROL = 'esp_EmailServerProfile.ProfileAssistant';

/** A fresh sandbox: the stock form, nothing installed. */
export async function startFresh(): Promise<Kit> {
    for (const zip of [MANAGED_ZIP, UNMANAGED_ZIP])
        if (!existsSync(zip)) throw new Error(`${zip} is missing: run "npm run solution" first (npm test does)`);
    return startKit({ deployment: 'fresh', timeScale: 1000 });
}

/** Back to fresh between tests (switches, lock, forms, solutions, sign-in user). */
export async function resetFresh(kit: Kit): Promise<void> {
    await setSwitch(kit, 'reset', { mode: 'fresh' });
    await setSwitch(kit, 'signin-user', { upn: 'avery@woodgrovebank.com' });
}

/** What a deploy command test file uses (setUpFreshCli); each getter throws until its hook has run. */
export type FreshCli = {
    kit: () => Kit;
    /** This test's CLI workspace (config folder, logs). */
    ws: () => Workspace;
    /** The options that point the CLI at the sandbox. */
    env: () => string[];
};

/**
 * One fresh sandbox for a deploy command test file, reset to fresh (then `reset`, when given) before each test, and a
 * new CLI workspace for each test. Call it at the top level of the file.
 */
export function setUpFreshCli(reset?: (kit: Kit) => Promise<unknown>): FreshCli {
    let started: Kit | undefined;
    let workspace: Workspace | undefined;
    const kit = (): Kit => {
        if (!started) throw new Error('the sandbox did not start');
        return started;
    };
    beforeAll(async () => (started = await startFresh()));
    afterAll(() => started?.close());
    beforeEach(async () => {
        await resetFresh(kit());
        await reset?.(kit());
        workspace = createWorkspace();
    });
    afterEach(() => workspace?.close());
    const ws = (): Workspace => {
        if (!workspace) throw new Error('no workspace outside a test');
        return workspace;
    };
    return { kit, ws, env: () => ['--env', kit().origin, '--allow-http'] };
}

/** The stand-in's state: imports started, the form the host renders, token requests. */
export async function deployState(kit: Kit): Promise<any> {
    return (await fetch(`${kit.origin}/_emulator/deploy/state`)).json();
}

/** The published main forms' XML, read through the Web API as an application would. */
export async function publishedFormXml(kit: Kit): Promise<string[]> {
    const token = await appToken(kit);
    const res = await api(
        kit,
        'GET',
        "systemforms?$filter=objecttypecode eq 'emailserverprofile' and type eq 2&$select=formxml",
        { token },
    );
    return (res.body.value as { formxml: string }[]).map((f) => f.formxml);
}

/** Installed solutions of our unique name. */
export async function installed(kit: Kit): Promise<{ version: string; ismanaged: boolean }[]> {
    const token = await appToken(kit);
    const res = await api(
        kit,
        'GET',
        "solutions?$filter=uniquename eq 'EmailServerProfileAssistant'&$select=version,ismanaged",
        { token },
    );
    return res.body.value;
}
