/** The CLI's body: parse, run one command, report, return the exit code (deploy.md §9). */
import { parseCommandLine, type CommandName, type FormAction, type Invocation } from './args';
import { SERVICE_PRINCIPAL_ENV } from './auth/token-provider';
import { connect, type CliDeps, type CommandContext } from './commands/context';
import { deployCommand, importCommand } from './commands/deploy';
import { asDeployError } from './commands/failures';
import { placeCommand, removeCommand, restoreCommand, showCommand } from './commands/form';
import { publishCommand } from './commands/publish';
import { loginCommand, logoutCommand, statusCommand } from './commands/status';
import { DeployError, EXIT } from './exit-codes';
import { helpText } from './help';
import { Redactor, Reporter } from './output';

type Handler = (context: CommandContext) => Promise<string>;
const withSession =
    (run: (context: CommandContext, session: Awaited<ReturnType<typeof connect>>) => Promise<string>): Handler =>
    async (context) =>
        run(context, await connect(context));

const HANDLERS: Record<Exclude<CommandName, 'form'> | `form ${FormAction}`, Handler> = {
    deploy: deployCommand,
    import: importCommand,
    publish: withSession(publishCommand),
    'form show': withSession(showCommand),
    'form place': withSession((context, session) => placeCommand(context, session)),
    'form remove': withSession(removeCommand),
    'form restore': withSession(restoreCommand),
    status: statusCommand,
    login: loginCommand,
    logout: logoutCommand,
};

function report(reporter: Reporter, error: DeployError): number {
    reporter.fail('result', error.message, { exitCode: error.exitCode, ...error.details });
    if (error.fix) reporter.info('result', error.fix);
    reporter.result(false, error.exitCode, `${error.message}${error.fix ? ` ${error.fix}` : ''}`, {
        fix: error.fix,
        ...error.details,
    });
    return error.exitCode;
}

/** Run the CLI with `argv` (after the script name); resolves to the exit code. */
export async function run(argv: readonly string[], deps: CliDeps): Promise<number> {
    const redactor = new Redactor();
    redactor.add(deps.env[SERVICE_PRINCIPAL_ENV.clientSecret]);
    const json = argv.includes('--json');
    const reporter = new Reporter(
        deps.streams,
        { json, verbose: argv.includes('--verbose') },
        redactor,
        () => new Date(deps.now()),
    );
    let invocation: Invocation;
    try {
        invocation = parseCommandLine(argv);
    } catch (e) {
        return report(reporter, asDeployError(e, EXIT.usage, 'reading the command line'));
    }
    if (invocation.help) {
        deps.streams.stdout.write(`${helpText(invocation.command, invocation.formAction)}\n`);
        return EXIT.ok;
    }
    const key = invocation.formAction
        ? (`form ${invocation.formAction}` as const)
        : (invocation.command as Exclude<CommandName, 'form'>);
    const context: CommandContext = { options: invocation.options, deps, reporter };
    try {
        const summary = await HANDLERS[key](context);
        reporter.result(true, EXIT.ok, summary);
        return EXIT.ok;
    } catch (e) {
        return report(reporter, asDeployError(e, EXIT.unexpected, `running ${key}`));
    }
}
