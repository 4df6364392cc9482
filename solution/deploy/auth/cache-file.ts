/**
 * Where sign-in is remembered: the user's config folder (XDG_CONFIG_HOME or ~/.config, %APPDATA% on Windows,
 * ~/Library/Application Support on macOS), files written atomically with mode 0600 (deploy.md §1 "Cache").
 * token-cache.json holds msal's cache (refresh tokens, in clear text like the Azure CLI's on Linux: the file mode is
 * the protection); profiles.json holds no token, only which account and tenant belong to which environment.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';

const APP_FOLDER = 'esp-deploy';
/** msal's serialized cache. */
export const TOKEN_CACHE_FILE = 'token-cache.json';
/** Environment → account, tenant, client id (no tokens). */
export const PROFILES_FILE = 'profiles.json';

/** The config folder for this user and platform. */
export function configFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
    if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, APP_FOLDER);
    const home = env.HOME || homedir();
    if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
    return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER);
}

/** Write a file so that a reader sees the old or the new content, never half; only the user can read it. */
export function writePrivateFile(path: string, text: string): void {
    const folder = join(path, '..');
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
    try {
        renameSync(temporary, path);
    } catch (e) {
        rmSync(temporary, { force: true });
        throw e;
    }
    chmodSync(path, 0o600);
}

function readText(path: string): string | undefined {
    try {
        return readFileSync(path, 'utf8');
    } catch {
        return undefined;
    }
}

/** msal cache plugin on token-cache.json in `folder`. */
export function fileCachePlugin(folder: string): ICachePlugin {
    const path = join(folder, TOKEN_CACHE_FILE);
    return {
        beforeCacheAccess(context: TokenCacheContext): Promise<void> {
            const text = readText(path);
            if (text) context.tokenCache.deserialize(text);
            return Promise.resolve();
        },
        afterCacheAccess(context: TokenCacheContext): Promise<void> {
            if (context.cacheHasChanged) writePrivateFile(path, context.tokenCache.serialize());
            return Promise.resolve();
        },
    };
}

/** What we remember about an environment's sign-in (no tokens). */
export type SignInProfile = {
    loginHost: string;
    tenant: string;
    clientId: string;
    homeAccountId?: string;
    username?: string;
};

/** Every remembered profile by environment origin. */
export function readProfiles(folder: string): Record<string, SignInProfile> {
    const text = readText(join(folder, PROFILES_FILE));
    if (!text) return {};
    try {
        return JSON.parse(text) as Record<string, SignInProfile>;
    } catch {
        return {};
    }
}

/** Remember (or forget, with undefined) one environment's profile. */
export function writeProfile(folder: string, origin: string, profile: SignInProfile | undefined): void {
    const profiles = readProfiles(folder);
    if (profile) profiles[origin] = profile;
    else delete profiles[origin];
    writePrivateFile(join(folder, PROFILES_FILE), `${JSON.stringify(profiles, null, 2)}\n`);
}

/** Delete everything kept (logout without --env). Returns whether anything was there. */
export function deleteKept(folder: string): boolean {
    const existed =
        readText(join(folder, TOKEN_CACHE_FILE)) !== undefined || readText(join(folder, PROFILES_FILE)) !== undefined;
    rmSync(join(folder, TOKEN_CACHE_FILE), { force: true });
    rmSync(join(folder, PROFILES_FILE), { force: true });
    return existed;
}
