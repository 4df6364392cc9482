/** Exit codes by failure class (deploy.md §9); the README lists them. */
export const EXIT = {
    /** Done; warnings allowed. */
    ok: 0,
    /** Something unexpected: a network failure, an answer we cannot read, a bug. */
    unexpected: 1,
    /** Wrong arguments, an environment URL that is not one, no sign-in challenge, AADSTS70011. */
    usage: 2,
    /** Sign-in failed or was refused. */
    signIn: 3,
    /** Signed in, but not a member or missing a privilege. */
    permission: 4,
    /** Stage or import failed, or the installed solution clashes. */
    import: 5,
    /** Publishing failed (also after the customization lock outlasted the retries). */
    publish: 6,
    /** The form step failed: no form, not customizable, a draft, changed since the backup, verification failed. */
    form: 7,
    /** --wait ran out; the import may still be running. */
    waitExceeded: 8,
} as const;

/** One of the exit codes above. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the user can act on: its class (exit code), a sentence saying what happened, and what to do. */
export class DeployError extends Error {
    constructor(
        readonly exitCode: ExitCode,
        message: string,
        readonly fix?: string,
        readonly details: Record<string, unknown> = {},
    ) {
        super(message);
        this.name = 'DeployError';
    }
}
