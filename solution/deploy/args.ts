/** Command line → a typed command (pure; node:util's parseArgs does the splitting). Help texts live in help.ts. */
import { parseArgs } from 'node:util';
import { parseEnvironment } from './core/environment';
import { DeployError, EXIT } from './exit-codes';

/** The commands, `form` with its four actions. */
export const COMMANDS = ['deploy', 'import', 'publish', 'form', 'status', 'login', 'logout'] as const;
/** `form` actions. */
export const FORM_ACTIONS = ['show', 'place', 'remove', 'restore'] as const;

/** A command. */
export type CommandName = (typeof COMMANDS)[number];
/** A form action. */
export type FormAction = (typeof FORM_ACTIONS)[number];

/** Every option any command takes, typed; each command accepts only its own (see OPTIONS_BY_COMMAND). */
export type Options = {
    env?: string;
    allowHttp: boolean;
    deviceCode: boolean;
    servicePrincipal: boolean;
    clientId?: string;
    tenant?: string;
    noCache: boolean;
    json: boolean;
    verbose: boolean;
    logs: string;
    zip?: string;
    unmanaged: boolean;
    stageOnly: boolean;
    /** Minutes to wait for the import. */
    waitMinutes: number;
    all: boolean;
    form?: string;
    dryRun: boolean;
    force: boolean;
    includeDraft: boolean;
    noPublish: boolean;
    backup?: string;
};

/** What the command line asked for. */
export type Invocation =
    | { help: true; command?: CommandName; formAction?: FormAction }
    | { help: false; command: CommandName; formAction?: FormAction; options: Options };

/** pac waits 60 minutes for an import (deploy.md §4). */
export const DEFAULT_WAIT_MINUTES = 60;

type Spec = { type: 'string' | 'boolean'; short?: string };
const CONNECTION: Record<string, Spec> = {
    env: { type: 'string' },
    'allow-http': { type: 'boolean' },
    'device-code': { type: 'boolean' },
    'service-principal': { type: 'boolean' },
    'client-id': { type: 'string' },
    tenant: { type: 'string' },
    'no-cache': { type: 'boolean' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
    logs: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
};
const ZIP: Record<string, Spec> = { zip: { type: 'string' }, unmanaged: { type: 'boolean' }, wait: { type: 'string' } };
const FORM: Record<string, Spec> = {
    form: { type: 'string' },
    'dry-run': { type: 'boolean' },
    force: { type: 'boolean' },
    'include-draft': { type: 'boolean' },
    'no-publish': { type: 'boolean' },
};

/** Which options each command accepts (anything else is a usage error, exit 2). */
export const OPTIONS_BY_COMMAND: Record<CommandName | `form ${FormAction}`, Record<string, Spec>> = {
    deploy: { ...CONNECTION, ...ZIP, ...FORM, 'stage-only': { type: 'boolean' } },
    import: { ...CONNECTION, ...ZIP, 'stage-only': { type: 'boolean' } },
    publish: { ...CONNECTION, all: { type: 'boolean' } },
    form: { ...CONNECTION },
    'form show': { ...CONNECTION, form: { type: 'string' }, 'include-draft': { type: 'boolean' } },
    'form place': { ...CONNECTION, ...FORM },
    'form remove': { ...CONNECTION, ...FORM },
    'form restore': { ...CONNECTION, ...FORM, backup: { type: 'string' } },
    status: { ...CONNECTION },
    login: { ...CONNECTION },
    logout: {
        env: CONNECTION.env,
        json: CONNECTION.json,
        help: CONNECTION.help,
        'allow-http': CONNECTION['allow-http'],
    },
};

const usage = (message: string, fix?: string) => new DeployError(EXIT.usage, message, fix);

function parseWait(value: string | undefined): number {
    if (value === undefined) return DEFAULT_WAIT_MINUTES;
    const minutes = Number(value);
    if (!Number.isFinite(minutes) || minutes <= 0) throw usage(`--wait takes minutes greater than 0, not "${value}".`);
    return minutes;
}

function toOptions(values: Record<string, string | boolean | undefined>): Options {
    const text = (name: string) => values[name] as string | undefined;
    const flag = (name: string) => values[name] === true;
    return {
        env: text('env'),
        allowHttp: flag('allow-http'),
        deviceCode: flag('device-code'),
        servicePrincipal: flag('service-principal'),
        clientId: text('client-id'),
        tenant: text('tenant'),
        noCache: flag('no-cache'),
        json: flag('json'),
        verbose: flag('verbose'),
        logs: text('logs') ?? 'deploy-logs',
        zip: text('zip'),
        unmanaged: flag('unmanaged'),
        stageOnly: flag('stage-only'),
        waitMinutes: parseWait(text('wait')),
        all: flag('all'),
        form: text('form'),
        dryRun: flag('dry-run'),
        force: flag('force'),
        includeDraft: flag('include-draft'),
        noPublish: flag('no-publish'),
        backup: text('backup'),
    };
}

/** Parse argv (without node and script); throws DeployError(EXIT.usage) with the reason. */
export function parseCommandLine(argv: readonly string[]): Invocation {
    const [first, second] = argv;
    if (!first || first === '--help' || first === '-h' || first === 'help') return { help: true };
    if (!(COMMANDS as readonly string[]).includes(first))
        throw usage(`Unknown command "${first}".`, `Commands: ${COMMANDS.join(', ')}. Run with --help for more.`);
    const command = first as CommandName;
    let formAction: FormAction | undefined;
    let rest = argv.slice(1);
    if (command === 'form' && second && !second.startsWith('-')) {
        if (!(FORM_ACTIONS as readonly string[]).includes(second))
            throw usage(`Unknown form action "${second}".`, `Use one of: ${FORM_ACTIONS.join(', ')}.`);
        formAction = second as FormAction;
        rest = argv.slice(2);
    }
    const key = formAction ? (`form ${formAction}` as const) : command;
    let values: Record<string, string | boolean | undefined>;
    try {
        ({ values } = parseArgs({
            args: [...rest],
            options: OPTIONS_BY_COMMAND[key],
            strict: true,
            allowPositionals: false,
        }));
    } catch (e) {
        const message = (e as Error).message.split('\n')[0];
        const fix = /secret|password/i.test(message)
            ? 'Secrets are never taken on the command line: --service-principal reads AZURE_CLIENT_SECRET from the environment.'
            : `Run "${key} --help" for the options it takes.`;
        throw usage(message, fix);
    }
    if (values.help === true) return { help: true, command, formAction };
    if (command === 'form' && !formAction)
        throw usage('Say what to do with the form.', `Use one of: ${FORM_ACTIONS.map((a) => `form ${a}`).join(', ')}.`);
    const options = toOptions(values);
    if (formAction === 'restore' && !options.backup) throw usage('form restore needs --backup <file>.');
    if (command !== 'logout' && !options.env)
        throw usage('Say which environment: --env https://<org>.crm.dynamics.com');
    if (options.env) parseEnvironment(options.env, options.allowHttp);
    if (options.deviceCode && options.servicePrincipal)
        throw usage('--device-code and --service-principal exclude each other.');
    return { help: false, command, formAction, options };
}
