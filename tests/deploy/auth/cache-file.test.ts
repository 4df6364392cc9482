import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as msal from '@azure/msal-node';
import {
    configFolder,
    deleteKept,
    readProfiles,
    writePrivateFile,
    writeProfile,
} from '../../../solution/deploy/auth/cache-file';
import { sandboxRewrite } from '../../../solution/deploy/auth/network';

describe('msal-node', () => {
    it('still exports PublicClientApplication (deploy.md §1: a next major may drop it)', () => {
        expect(typeof msal.PublicClientApplication).toBe('function');
        expect(typeof msal.ConfidentialClientApplication).toBe('function');
        expect(msal.version).toMatch(/^7\.2\./);
    });
});

describe('configFolder', () => {
    it.each([
        ['linux', { HOME: '/home/a' }, '/home/a/.config/esp-deploy'],
        ['linux', { HOME: '/home/a', XDG_CONFIG_HOME: '/xdg' }, '/xdg/esp-deploy'],
        ['darwin', { HOME: '/Users/a' }, '/Users/a/Library/Application Support/esp-deploy'],
        ['win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, join('C:\\Users\\a\\AppData\\Roaming', 'esp-deploy')],
    ] as const)('on %s with %j is %s', (platform, env, folder) => {
        expect(configFolder(env, platform)).toBe(folder);
    });
});

describe('private files', () => {
    let folder: string;
    beforeEach(() => (folder = join(mkdtempSync(join(tmpdir(), 'esp-deploy-cache-')), 'nested')));
    afterEach(() => rmSync(join(folder, '..'), { recursive: true, force: true }));

    it('writes atomically with mode 0600 and leaves no temporary file', () => {
        const path = join(folder, 'token-cache.json');
        writePrivateFile(path, '{"a":1}');
        writePrivateFile(path, '{"a":2}');
        expect(readFileSync(path, 'utf8')).toBe('{"a":2}');
        expect(statSync(path).mode & 0o777).toBe(0o600);
        expect(statSync(folder).mode & 0o777).toBe(0o700);
        expect(readdirSync(folder)).toEqual(['token-cache.json']);
    });

    it('remembers and forgets profiles, and deleteKept removes everything', () => {
        writeProfile(folder, 'https://a.crm.dynamics.com', {
            loginHost: 'login.microsoftonline.com',
            tenant: 't',
            clientId: 'c',
        });
        expect(Object.keys(readProfiles(folder))).toEqual(['https://a.crm.dynamics.com']);
        writeProfile(folder, 'https://a.crm.dynamics.com', undefined);
        expect(readProfiles(folder)).toEqual({});
        expect(deleteKept(folder)).toBe(true);
        expect(readdirSync(folder)).toEqual([]);
        expect(deleteKept(folder)).toBe(false);
    });
});

describe('sandboxRewrite', () => {
    const rewrite = sandboxRewrite('http://127.0.0.1:8181');

    it('sends Microsoft sign-in hosts to the sandbox stand-in', () => {
        expect(rewrite('https://login.microsoftonline.com/t/oauth2/v2.0/token?x=1')).toBe(
            'http://127.0.0.1:8181/_entra/login.microsoftonline.com/t/oauth2/v2.0/token?x=1',
        );
    });

    it('leaves every other address alone', () => {
        expect(rewrite('https://login.evil.example/t/oauth2/v2.0/token')).toBe(
            'https://login.evil.example/t/oauth2/v2.0/token',
        );
        expect(rewrite('http://127.0.0.1:8181/main.aspx')).toBe('http://127.0.0.1:8181/main.aspx');
    });
});
