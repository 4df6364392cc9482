/** --help texts: one per command, with the options it takes (kept beside args.ts's OPTIONS_BY_COMMAND). */
import type { CommandName, FormAction } from './args';

const CONNECTION = `Connection:
  --env <url>           The environment, e.g. https://contoso.crm.dynamics.com (required)
  --device-code         Sign in with a code on another device (headless terminals); default: the browser
  --service-principal   Sign in as an application: AZURE_CLIENT_ID and AZURE_CLIENT_SECRET from the environment
  --client-id <id>      Your own app registration (public client, redirect http://localhost); default: Microsoft's sample
  --tenant <id>         Skip reading the tenant from the environment's sign-in challenge
  --no-cache            Keep tokens in memory only (sign in every time)
  --allow-http          Only for the local sandbox on 127.0.0.1 or localhost
Output:
  --json                One JSON object per line (NDJSON) on stdout, the last one {"ok": …}; prompts such as
                        the device code still go to stderr, so a pipeline reads only JSON and you still see them
  --verbose             Every Web API request (method, address, status; never a token)
  --logs <dir>          Where import results and form backups go (default deploy-logs/)`;

const ZIP = `  --zip <file>          The solution zip (default: dist/<name>_<version>_managed.zip from npm run solution)
  --unmanaged           Use the unmanaged zip (development environments)
  --wait <minutes>      How long to wait for the import (default 60); then exit 8, the import may go on`;

const FORM = `  --form <id|name>      Which main form, when the table has several
  --dry-run             Print the change as a unified diff and change nothing
  --force               Replace another code component on the field; write over a form changed since the backup
  --include-draft       Edit a form that has unpublished changes (they are published with ours)
  --no-publish          Leave the change as a draft (publish later with "publish")`;

const TEXTS: Record<string, string> = {
    '': `Deploy the Email Server Profile Assistant into a Dataverse environment.

Usage: npm run deploy -- <command> --env https://<org>.crm.dynamics.com [options]

Commands:
  deploy          Check, import, publish and put the control on the email server profile form
  import          Check and import the solution zip (--stage-only: check only)
  publish         Publish the email server profile table (--all: everything)
  form show       Show the main form(s) and where the control is
  form place      Put the control on the main form (backup first)
  form remove     Put the default field back on the main form (backup first)
  form restore    Put a saved form back (--backup <file>)
  status          What is installed, at which version, on which forms
  login / logout  Sign in and keep the tokens / delete the kept tokens

Run "<command> --help" for its options. Exit codes: 0 done, 2 usage, 3 sign-in, 4 permission, 5 import,
6 publish, 7 form, 8 --wait exceeded, 1 unexpected.`,
    deploy: `Usage: deploy --env <url> [options]

Pre-checks (membership, import privilege, installed version, zip size), stage, import, publish, then put the
control on the email server profile main form and verify it there.

${ZIP}
  --stage-only          Stop after the checks and StageSolution (dry run)
${FORM}
${CONNECTION}`,
    import: `Usage: import --env <url> [options]

Pre-checks, StageSolution (missing dependencies and validation errors stop here), ImportSolutionAsync, then
the import job's progress and verdict. The job's result XML is saved under the logs folder.

${ZIP}
  --stage-only          Stop after the checks and StageSolution (dry run)
${CONNECTION}`,
    publish: `Usage: publish --env <url> [--all]

Publishes the email server profile table (PublishXml), or everything with --all (PublishAllXml). Retries
while another solution operation holds the customization lock (6 times, 5 to 60 s), then exit 6.

  --all                 PublishAllXml instead of the one table
${CONNECTION}`,
    form: `Usage: form show | place | remove | restore --env <url> [options]

Run "form <action> --help" for each action's options.`,
    'form show': `Usage: form show --env <url> [--form <id|name>]

Lists the email server profile main forms: which are active, which hold the Tenant ID field, and on which
form factors (Web, Tablet, Phone) the control is bound.

  --form <id|name>      Only this form
  --include-draft       Show the unpublished draft where there is one
${CONNECTION}`,
    'form place': `Usage: form place --env <url> [options]

Backs up the form XML, binds the control to Tenant ID and Application ID for Web, Tablet and Phone (adding the
field in a one-column section where the form lacks it), publishes and reads the form back to verify.

${FORM}
${CONNECTION}`,
    'form remove': `Usage: form remove --env <url> [options]

Backs up the form XML, takes the control off (the default field shows again), publishes and verifies. Do this
before uninstalling the solution.

${FORM}
${CONNECTION}`,
    'form restore': `Usage: form restore --backup <file> --env <url> [options]

Writes a backed-up form XML back and publishes it. Refuses when the form changed since the backup was taken,
unless --force.

  --backup <file>       A backup from the logs folder (deploy-logs/forms/*.xml)
${FORM}
${CONNECTION}`,
    status: `Usage: status --env <url>

What is installed (solution and control version, managed or not) and on which main forms the control is.

${CONNECTION}`,
    login: `Usage: login --env <url> [options]

Signs in and keeps the tokens in your user config folder (file mode 0600) for the next commands.

${CONNECTION}`,
    logout: `Usage: logout [--env <url>]

Deletes the kept tokens (all of them, or only what belongs to --env).`,
};

/** The help text for a command (the overview without one). */
export function helpText(command?: CommandName, formAction?: FormAction): string {
    const key = command === 'form' && formAction ? `form ${formAction}` : (command ?? '');
    return TEXTS[key] ?? TEXTS[''];
}
