/** `status`: the installed solution and control versions and the forms the control is on; `login` / `logout`. */
import { configFolder, deleteKept } from '../auth/cache-file';
import { forgetAccount } from '../auth/msal';
import { noRewrite, sandboxRewrite } from '../auth/network';
import { CONTROL_NAME, SOLUTION_UNIQUE_NAME, TABLE } from '../control';
import { parseEnvironment } from '../core/environment';
import { EXIT } from '../exit-codes';
import { findControlVersion, findSolution } from '../web/solutions';
import { checkMembership } from './checks';
import { connect, type CommandContext } from './context';
import { asDeployError } from './failures';
import { placementText, readForms } from './form-select';

/** The `status` command. */
export async function statusCommand(context: CommandContext): Promise<string> {
    const { reporter } = context;
    const session = await connect(context);
    let solution, control;
    try {
        solution = await findSolution(session.http, SOLUTION_UNIQUE_NAME);
        control = await findControlVersion(session.http, CONTROL_NAME);
    } catch (e) {
        throw asDeployError(e, EXIT.unexpected, 'reading what is installed');
    }
    const installed = solution
        ? `${SOLUTION_UNIQUE_NAME} ${solution.version} (${solution.ismanaged ? 'managed' : 'unmanaged'})`
        : `${SOLUTION_UNIQUE_NAME} is not installed`;
    reporter.info('status', installed, {
        solution: SOLUTION_UNIQUE_NAME,
        installed: !!solution,
        version: solution?.version,
        managed: solution?.ismanaged,
    });
    reporter.info(
        'status',
        control === undefined
            ? `Control ${CONTROL_NAME}: not registered`
            : `Control ${CONTROL_NAME}: ${control || 'registered'}`,
        { control: CONTROL_NAME, controlVersion: control },
    );
    const forms = await readForms(session);
    const placedOn = forms.filter((f) => f.placement?.factors.length);
    for (const { form, placement, problem } of forms)
        reporter.info('status', `Form "${form.name}" (${form.formid}): ${problem ?? placementText(placement)}.`, {
            formid: form.formid,
            factors: placement?.factors,
        });
    const where = placedOn.length ? `on ${placedOn.map((f) => `"${f.form.name}"`).join(', ')}` : `on no ${TABLE} form`;
    return `${installed}; the control is ${where}.`;
}

/** The `login` command: sign in, check membership, keep the tokens. */
export async function loginCommand(context: CommandContext): Promise<string> {
    const session = await connect(context);
    await checkMembership(context, session);
    const kept = context.options.noCache ? 'not kept (--no-cache)' : 'kept for the next commands';
    return `Signed in to ${session.environment.host} as ${session.tokens.whoAmI() ?? 'you'}; tokens ${kept}.`;
}

/** The `logout` command: delete the kept tokens (all, or one environment's). */
export async function logoutCommand(context: CommandContext): Promise<string> {
    const { options, deps } = context;
    const folder = configFolder(deps.env);
    if (!options.env) return deleteKept(folder) ? 'Deleted the kept sign-in.' : 'Nothing was kept.';
    const environment = parseEnvironment(options.env, options.allowHttp);
    const rewrite = environment.isLocal ? sandboxRewrite(environment.origin) : noRewrite;
    const forgot = await forgetAccount(folder, environment.origin, {
        fetch: deps.fetch,
        rewrite,
        openBrowser: deps.openBrowser,
        prompt: () => undefined,
        redactor: context.reporter.redactor,
    });
    return forgot ? `Signed out of ${environment.host}.` : `Nothing was kept for ${environment.host}.`;
}
