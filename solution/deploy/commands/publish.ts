/** Publishing (deploy.md §5), retried on the customization lock, then exit 6. */
import { TABLE } from '../control';
import { DeployError, EXIT } from '../exit-codes';
import { LOCK_RETRIES } from '../core/retry';
import { isCustomizationLock, publishAll, publishTable, withLockRetry } from '../web/publish';
import type { CommandContext, Session } from './context';
import { asDeployError } from './failures';

/** PublishAllXml (`all`) or PublishXml for the email server profile table. */
export async function publish(context: CommandContext, session: Session, what: 'all' | 'table'): Promise<void> {
    const { reporter, deps } = context;
    const label = what === 'all' ? 'all customizations (PublishAllXml)' : `the ${TABLE} table (PublishXml)`;
    reporter.start('publish', `Publishing ${label}`);
    const send = () => (what === 'all' ? publishAll(session.publishHttp) : publishTable(session.publishHttp, TABLE));
    try {
        await withLockRetry(send, deps.sleep, (attempt, ms) =>
            reporter.info(
                'publish',
                `Another solution operation holds the customization lock; trying again in ${Math.round(ms / 1000)} s (retry ${attempt} of ${LOCK_RETRIES}).`,
                { attempt, waitMs: ms },
            ),
        );
    } catch (e) {
        if (isCustomizationLock(e))
            throw new DeployError(
                EXIT.publish,
                `Publishing gave up after ${LOCK_RETRIES} retries: another solution operation still holds the customization lock.`,
                'Wait until the other import or publish has finished (Solutions → History), then run "publish".',
                { code: e.code },
            );
        throw asDeployError(e, EXIT.publish, 'publishing');
    }
    reporter.ok('publish', `Published ${label}.`);
}

/** The `publish` command. */
export async function publishCommand(context: CommandContext, session: Session): Promise<string> {
    await publish(context, session, context.options.all ? 'all' : 'table');
    return context.options.all ? 'Published all customizations.' : `Published the ${TABLE} table.`;
}
