/** Web API failures in words, with their class (exit code) and a fix. */
import { DataverseError, NETWORK_ERROR_STATUS } from '../../../src/dataverse/errors';
import { DeployError, EXIT, type ExitCode } from '../exit-codes';

/** 0x80072560: the user is not a member of the environment (deploy.md §2). */
export const NOT_A_MEMBER_CODE = '0x80072560';

/** Turn any thrown value into a DeployError of the given class (401 is always sign-in, a dropped request unexpected). */
export function asDeployError(error: unknown, exitCode: ExitCode, doing: string): DeployError {
    if (error instanceof DeployError) return error;
    if (error instanceof DataverseError) {
        const code = error.code ? ` (${error.code})` : '';
        if (error.status === 401)
            return new DeployError(
                EXIT.signIn,
                `The environment refused the sign-in while ${doing}.`,
                'Run "login" again.',
            );
        if (error.status === NETWORK_ERROR_STATUS)
            return new DeployError(
                EXIT.unexpected,
                `The environment did not answer while ${doing}.`,
                'Check the network and run the command again.',
            );
        if (error.status === 403 && exitCode !== EXIT.permission)
            return new DeployError(
                EXIT.permission,
                `Not allowed while ${doing}: ${error.message}${code}`,
                'Ask an administrator for the rights listed in the README.',
                { code: error.code },
            );
        return new DeployError(exitCode, `Failed while ${doing}: ${error.message}${code}`, undefined, {
            code: error.code,
            status: error.status,
        });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new DeployError(EXIT.unexpected, `Failed while ${doing}: ${message}`);
}
