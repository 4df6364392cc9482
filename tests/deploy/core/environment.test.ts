import { challengeFixtures } from './challenge-fixtures';
import { parseChallenge } from '../../../solution/deploy/core/challenge';
import { cloudOf, isLoginHostAllowed } from '../../../solution/deploy/core/cloud';
import { parseEnvironment } from '../../../solution/deploy/core/environment';
import { DeployError } from '../../../solution/deploy/exit-codes';

function usageError(run: () => unknown): DeployError {
    try {
        run();
    } catch (e) {
        return e as DeployError;
    }
    throw new Error('expected a DeployError');
}

describe('parseEnvironment', () => {
    it.each([
        ['https://contoso.crm.dynamics.com', 'https://contoso.crm.dynamics.com'],
        ['contoso.crm4.dynamics.com', 'https://contoso.crm4.dynamics.com'],
        ['https://contoso.crm.dynamics.com/main.aspx?appid=1', 'https://contoso.crm.dynamics.com'],
        ['HTTPS://Contoso.CRM.dynamics.com/', 'https://contoso.crm.dynamics.com'],
    ])('normalises %s to an origin', (input, origin) => {
        expect(parseEnvironment(input, false).origin).toBe(origin);
    });

    it('accepts plain http for 127.0.0.1 and localhost behind --allow-http', () => {
        expect(parseEnvironment('http://127.0.0.1:8181', true)).toEqual({
            origin: 'http://127.0.0.1:8181',
            host: '127.0.0.1',
            isLocal: true,
        });
        expect(parseEnvironment('http://localhost:9000/', true).isLocal).toBe(true);
    });

    it.each([
        ['http://contoso.crm.dynamics.com', false, /https only/],
        ['http://127.0.0.1:8181', false, /--allow-http/],
        ['https://contoso.crm.dynamics.com', true, /only for 127\.0\.0\.1 or localhost/],
        ['http://evil.example.com', true, /only for 127\.0\.0\.1 or localhost/],
        ['ftp://contoso.crm.dynamics.com', false, /scheme/],
        ['https://user:pw@contoso.crm.dynamics.com', false, /user name or password/],
        [undefined, false, /which environment/],
    ])('refuses %s (allow-http %s) as a usage error', (input, allowHttp, message) => {
        const error = usageError(() => parseEnvironment(input, allowHttp));
        expect(error.exitCode).toBe(2);
        expect(`${error.message} ${error.fix ?? ''}`).toMatch(message);
    });
});

describe('cloud', () => {
    const env = (host: string) => parseEnvironment(`https://${host}`, false);

    it.each([
        ['contoso.crm.dynamics.com', 'login.microsoftonline.com'],
        ['contoso.crm9.dynamics.com', 'login.microsoftonline.com'],
        ['contoso.crm.microsoftdynamics.us', 'login.microsoftonline.us'],
        ['contoso.crm.appsplatform.us', 'login.microsoftonline.us'],
        ['contoso.crm.dynamics.cn', 'login.chinacloudapi.cn'],
    ])('%s signs in at %s and nowhere else', (host, loginHost) => {
        expect(cloudOf(env(host))?.loginHost).toBe(loginHost);
        expect(isLoginHostAllowed(env(host), loginHost)).toBe(true);
        for (const other of [
            'login.microsoftonline.com',
            'login.microsoftonline.us',
            'login.chinacloudapi.cn',
            'login.evil.example',
        ])
            if (other !== loginHost) expect(isLoginHostAllowed(env(host), other)).toBe(false);
    });

    it('knows no cloud for a host that is not a Dataverse environment', () => {
        expect(cloudOf(env('contoso.example.com'))).toBeUndefined();
        expect(isLoginHostAllowed(env('contoso.example.com'), 'login.microsoftonline.com')).toBe(false);
    });

    it('lets the local sandbox name any Microsoft sign-in host but no other', () => {
        const local = parseEnvironment('http://127.0.0.1:1', true);
        expect(isLoginHostAllowed(local, 'login.microsoftonline.us')).toBe(true);
        expect(isLoginHostAllowed(local, 'login.evil.example')).toBe(false);
    });
});

describe('parseChallenge', () => {
    it.each(challengeFixtures)('reads %s', (_name, header, expected) => {
        expect(parseChallenge(header)).toEqual(expected);
    });
});
