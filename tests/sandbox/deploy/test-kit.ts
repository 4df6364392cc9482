/** Test helpers for the deployment stand-in: a sandbox on port 0, a solution zip, sign-in and Web API calls. */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { startSandbox, type Sandbox, type SandboxOptions } from '../server';
import { APPLICATION } from './accounts';
import { CONTROL_NAME, ENVIRONMENT_TENANT_ID } from './constants';

const ROOT = join(__dirname, '..', '..', '..');
const OUT = join(ROOT, 'out', 'controls');

/** A started sandbox plus what the tests need about it. */
export type Kit = {
    sandbox: Sandbox;
    origin: string;
    api: string;
    lines: string[];
    close(): Promise<void>;
};

/** The sandbox on 127.0.0.1:0, fast clock, notices collected instead of printed. */
export async function startKit(options: SandboxOptions = {}): Promise<Kit> {
    const lines: string[] = [];
    const sandbox = await startSandbox({
        port: 0,
        root: ROOT,
        mailboxCount: 10,
        timeScale: 1000,
        log: (l) => lines.push(l),
        ...options,
    });
    const origin = sandbox.url.replace(/\/$/, '');
    return { sandbox, origin, api: `${origin}/api/data/v9.2/`, lines, close: () => sandbox.close() };
}

/**
 * One fresh-deployment sandbox and an application token for a test file, reset to fresh before each test. Call it at
 * the top level of the file; each getter throws until the sandbox has started.
 */
export function setUpFreshKit(): { kit: () => Kit; token: () => string } {
    let started: Kit | undefined;
    let appTokenValue: string | undefined;
    const kit = (): Kit => {
        if (!started) throw new Error('the sandbox did not start');
        return started;
    };
    beforeAll(async () => {
        started = await startKit({ deployment: 'fresh' });
        appTokenValue = await appToken(started);
    });
    afterAll(async () => {
        await started?.close();
    });
    beforeEach(() => setSwitch(kit(), 'reset', { mode: 'fresh' }));
    const token = (): string => {
        if (appTokenValue === undefined) throw new Error('no application token');
        return appTokenValue;
    };
    return { kit, token };
}

/** A solution zip in pac's layout; the control files come from out/controls when built, else a tiny stand-in. */
export function solutionZip(
    options: { version?: string; managed?: boolean; uniqueName?: string; bundle?: string } = {},
): string {
    const version = options.version ?? '0.2.0';
    const folder = `Controls/${CONTROL_NAME}/`;
    const built = existsSync(join(OUT, 'bundle.js')) && !options.bundle;
    const manifest = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><manifest><control namespace="EmailServerProfile" constructor="ProfileAssistant" version="${version}" display-name-key="Control_DisplayName" control-type="virtual"><resources><code path="bundle.js" order="1"/><resx path="strings/ProfileAssistant.1033.resx" version="1.0.0"/></resources></control></manifest>`;
    const files: Record<string, Uint8Array> = {
        'customizations.xml': strToU8(
            `<?xml version="1.0" encoding="utf-8"?><ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Entities /><CustomControls><CustomControl><Name>${CONTROL_NAME}</Name><FileName>/${folder}ControlManifest.xml</FileName></CustomControl></CustomControls><Languages><Language>1033</Language></Languages></ImportExportXml>`,
        ),
        'solution.xml': strToU8(
            `<?xml version="1.0" encoding="utf-8"?><ImportExportXml version="9.1.0.643" SolutionPackageVersion="9.1" languagecode="1033" generatedBy="CrmLive"><SolutionManifest><UniqueName>${options.uniqueName ?? 'EmailServerProfileAssistant'}</UniqueName><LocalizedNames><LocalizedName description="Email Server Profile Assistant" languagecode="1033" /></LocalizedNames><Version>${version}.0</Version><Managed>${options.managed === false ? 0 : 1}</Managed><Publisher><UniqueName>EmailServerProfileTools</UniqueName><CustomizationPrefix>esp</CustomizationPrefix></Publisher><RootComponents><RootComponent type="66" schemaName="${CONTROL_NAME}" behavior="0" /></RootComponents><MissingDependencies /></SolutionManifest></ImportExportXml>`,
        ),
        [`${folder}ControlManifest.xml`]: built
            ? strToU8(
                  readFileSync(join(OUT, 'ControlManifest.xml'), 'utf8').replace(
                      /(<control[^>]*\sversion=")[^"]+"/,
                      `$1${version}"`,
                  ),
              )
            : strToU8(manifest),
        [`${folder}bundle.js`]: built
            ? readFileSync(join(OUT, 'bundle.js'))
            : strToU8(options.bundle ?? '/* bundle */'),
        [`${folder}strings/ProfileAssistant.1033.resx`]: built
            ? readFileSync(join(OUT, 'strings', 'ProfileAssistant.1033.resx'))
            : strToU8('<root />'),
        '[Content_Types].xml': strToU8(
            '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types" />',
        ),
    };
    // Every resx the built manifest names goes into the zip, as pac packs it.
    if (built) {
        const manifestXml = readFileSync(join(OUT, 'ControlManifest.xml'), 'utf8');
        for (const [, path] of manifestXml.matchAll(/<resx path="([^"]+)"/g))
            files[`${folder}${path}`] = readFileSync(join(OUT, path));
    }
    return Buffer.from(zipSync(files)).toString('base64');
}

/** POST a form to the Entra stand-in. */
export async function entraPost(
    kit: Kit,
    path: string,
    form: Record<string, string>,
): Promise<{ status: number; body: any }> {
    const res = await fetch(`${kit.origin}/_entra/login.microsoftonline.com/${ENVIRONMENT_TENANT_ID}/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, body: await res.json() };
}

/** A delegated token through the device-code flow (waits for the stand-in's self-approval). */
export async function deviceCodeToken(kit: Kit, clientId = '51f81489-12ee-4a9e-aaae-a2591f45987d'): Promise<any> {
    const scope = `${kit.origin}/user_impersonation openid profile offline_access`;
    const code = await entraPost(kit, 'oauth2/v2.0/devicecode', { client_id: clientId, scope });
    for (;;) {
        const r = await entraPost(kit, 'oauth2/v2.0/token', {
            grant_type: 'device_code',
            device_code: code.body.device_code,
            client_id: clientId,
            scope,
        });
        if (r.status === 200) return r.body;
        if (r.body.error !== 'authorization_pending') throw new Error(JSON.stringify(r.body));
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
}

/** An application token through client credentials. */
export async function appToken(kit: Kit): Promise<string> {
    const r = await entraPost(kit, 'oauth2/v2.0/token', {
        grant_type: 'client_credentials',
        client_id: APPLICATION.clientId,
        client_secret: APPLICATION.clientSecret,
        scope: `${kit.origin}/.default`,
    });
    return r.body.access_token as string;
}

/** PKCE verifier and S256 challenge. */
export function pkce(): { verifier: string; challenge: string } {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** One Web API call with a bearer token (or none). */
export async function api(
    kit: Kit,
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(kit.api + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    let body: any = text;
    try {
        body = text ? JSON.parse(text) : undefined;
    } catch {
        // not JSON
    }
    return { status: res.status, headers: res.headers, body };
}

/** POST a switch under /_emulator/deploy/. */
export async function setSwitch(kit: Kit, path: string, body: unknown): Promise<any> {
    const res = await fetch(`${kit.origin}/_emulator/deploy/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
    });
    const json = await res.json();
    if (res.status !== 200) throw new Error(JSON.stringify(json));
    return json;
}

/** Poll until `check` returns a value (the emulated clock runs fast in tests). */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
        const v = await check();
        if (v !== undefined) return v;
        if (Date.now() > end) throw new Error('timed out');
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}
