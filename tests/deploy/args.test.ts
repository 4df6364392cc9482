import { DEFAULT_WAIT_MINUTES, parseCommandLine } from '../../solution/deploy/args';
import { DeployError } from '../../solution/deploy/exit-codes';
import { helpText } from '../../solution/deploy/help';

const ENV = ['--env', 'https://contoso.crm.dynamics.com'];

function failure(argv: string[]): DeployError {
    try {
        parseCommandLine(argv);
    } catch (e) {
        return e as DeployError;
    }
    throw new Error('expected a usage error');
}

describe('parseCommandLine', () => {
    it('reads a deploy with its options', () => {
        const parsed = parseCommandLine([
            'deploy',
            ...ENV,
            '--device-code',
            '--json',
            '--wait',
            '5',
            '--form',
            'Information',
        ]);
        expect(parsed).toMatchObject({
            help: false,
            command: 'deploy',
            options: {
                env: 'https://contoso.crm.dynamics.com',
                deviceCode: true,
                json: true,
                waitMinutes: 5,
                form: 'Information',
                logs: 'deploy-logs',
            },
        });
    });

    it('reads form actions', () => {
        expect(parseCommandLine(['form', 'restore', ...ENV, '--backup', 'b.xml', '--force'])).toMatchObject({
            command: 'form',
            formAction: 'restore',
            options: { backup: 'b.xml', force: true },
        });
        expect(parseCommandLine(['import', ...ENV])).toMatchObject({
            options: { waitMinutes: DEFAULT_WAIT_MINUTES, stageOnly: false },
        });
    });

    it('gives help for the tool, a command and a form action', () => {
        expect(parseCommandLine([])).toEqual({ help: true });
        expect(parseCommandLine(['form', 'place', '--help'])).toEqual({
            help: true,
            command: 'form',
            formAction: 'place',
        });
        expect(helpText('form', 'place')).toMatch(/--dry-run/);
        expect(helpText('import')).toMatch(/--stage-only/);
        for (const command of ['deploy', 'import', 'publish', 'status', 'login', 'logout'] as const)
            expect(helpText(command)).toMatch(/^Usage: /);
    });

    it.each([
        [['frobnicate'], /Unknown command/],
        [['form', 'move', ...ENV], /Unknown form action/],
        [['form', ...ENV], /Say what to do with the form/],
        [['import'], /which environment/],
        [['import', ...ENV, '--stage'], /Unknown option/],
        [['publish', ...ENV, '--dry-run'], /Unknown option '--dry-run'/],
        [['import', ...ENV, '--wait', '0'], /--wait takes minutes/],
        [['form', 'restore', ...ENV], /--backup/],
        [['login', ...ENV, '--device-code', '--service-principal'], /exclude each other/],
        [['login', '--env', 'http://contoso.crm.dynamics.com'], /https only/],
        [['login', '--env', 'https://contoso.crm.dynamics.com', '--allow-http'], /only for 127\.0\.0\.1 or localhost/],
    ])('refuses %j with exit 2', (argv, message) => {
        const error = failure(argv);
        expect(error.exitCode).toBe(2);
        expect(error.message).toMatch(message);
    });

    it('never takes a secret on the command line, and does not echo it', () => {
        const error = failure(['login', ...ENV, '--service-principal', '--client-secret=hunter2-secret']);
        expect(error.message).not.toContain('hunter2-secret');
        expect(error.fix).toMatch(/AZURE_CLIENT_SECRET/);
    });
});
