/** `publish` against the sandbox: the customization lock is waited out, or it outlasts the retries (exit 6). */
import { setSwitch } from '../../sandbox/deploy/test-kit';
import { runCli, scaledClock } from '../cli-kit';
import { setUpFreshCli } from '../deploy-kit';

const { kit, ws, env } = setUpFreshCli();

/**
 * The CLI's fetch, setting the lock just before its first publish reaches the sandbox: the lock's few real hundred ms
 * then start with the publish, not before a sign-in that a busy machine may make longer than they are.
 */
function lockBeforeFirstPublish(lock: { seconds: number; operation: string }): typeof fetch {
    let locked = false;
    return async (url, init) => {
        if (!locked && /\/Publish(All)?Xml$/.test(String(url))) {
            locked = true;
            await setSwitch(kit(), 'lock', lock);
        }
        return fetch(url, init);
    };
}

describe('publish', () => {
    it('publishes the email server profile table with PublishXml', async () => {
        const r = await runCli(['publish', ...env()], ws());
        expect(r.code).toBe(0);
        expect(r.stdout).toBe('Published the emailserverprofile table.\n');
    });

    it('waits out the customization lock, honouring Retry-After, then publishes everything with --all', async () => {
        // 500 emulated s at scale 1000 = half a real second: the first retry (Retry-After 1 s, real clock) gets through.
        const r = await runCli(['publish', ...env(), '--all', '--json'], ws(), {
            clock: scaledClock(1),
            fetch: lockBeforeFirstPublish({ seconds: 500, operation: 'Import' }),
        });
        expect(r.code).toBe(0);
        const waits = r.events.filter((e) => e.step === 'publish' && e.status === 'info');
        expect(waits).toEqual([expect.objectContaining({ attempt: 1, waitMs: 1000 })]);
        expect(waits[0].message).toMatch(/customization lock; trying again in 1 s \(retry 1 of 6\)/);
        expect(r.events.at(-1)).toMatchObject({ ok: true, message: 'Published all customizations.' });
    });

    it('gives up after six retries while the lock holds (exit 6)', async () => {
        const r = await runCli(['publish', ...env(), '--json'], ws(), {
            clock: scaledClock(50),
            fetch: lockBeforeFirstPublish({ seconds: 3600, operation: 'Import' }),
        });
        expect(r.code).toBe(6);
        expect(r.events.filter((e) => e.step === 'publish' && e.status === 'info')).toHaveLength(6);
        expect(r.events.at(-1)).toMatchObject({
            ok: false,
            exitCode: 6,
            message: expect.stringMatching(/gave up after 6 retries/),
        });
    });

    it('treats a 400 0x80071151 lock answer the same way', async () => {
        await setSwitch(kit(), 'lock', { seconds: 3600, operation: 'PublishAll', reply: 'error' });
        const r = await runCli(['publish', ...env()], ws(), { clock: scaledClock(1000) });
        expect(r.code).toBe(6);
        expect(r.stderr).toMatch(/retry 6 of 6/);
    });
});
