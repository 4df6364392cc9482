/**
 * PublishAllXml and PublishXml, retried while another solution operation holds the customization lock (deploy.md
 * §5): 429 or 0x80071151, 6 retries from 5 s doubling to 60 s, Retry-After first.
 */
import type { DataverseHttp } from '../../../src/dataverse/http';
import { DataverseError } from '../../../src/dataverse/errors';
import { CUSTOMIZATION_LOCK_CODE } from '../assumptions';
import { LOCK_RETRIES, lockRetryDelayMs } from '../core/retry';
import { escapeXml } from '../core/xml';

/** Waits between retries; injected so tests need not sleep for minutes. */
export type Sleep = (ms: number) => Promise<void>;

/** Whether a failure is the customization lock (another import or publish is running). */
export function isCustomizationLock(error: unknown): error is DataverseError {
    if (!(error instanceof DataverseError)) return false;
    return (
        error.status === 429 ||
        error.code.toLowerCase() === CUSTOMIZATION_LOCK_CODE ||
        /CustomizationLockException|another \[\w+\] running/i.test(error.message)
    );
}

/** Run `operation`, retrying on the customization lock; the last lock error is rethrown. */
export async function withLockRetry<T>(
    operation: () => Promise<T>,
    sleep: Sleep,
    onWait: (attempt: number, ms: number) => void,
): Promise<T> {
    for (let attempt = 0; ; attempt++) {
        try {
            return await operation();
        } catch (e) {
            if (!isCustomizationLock(e) || attempt >= LOCK_RETRIES) throw e;
            const ms = lockRetryDelayMs(attempt, e.retryAfterMs);
            onWait(attempt + 1, ms);
            await sleep(ms);
        }
    }
}

/** POST PublishAllXml (unmanaged imports need it; managed ones publish themselves). */
export async function publishAll(http: DataverseHttp): Promise<void> {
    await http.send('PublishAllXml', { method: 'POST', body: {} });
}

/** POST PublishXml for one table's customizations (its forms). */
export async function publishTable(http: DataverseHttp, table: string): Promise<void> {
    const parameterXml = `<importexportxml><entities><entity>${escapeXml(table)}</entity></entities></importexportxml>`;
    await http.send('PublishXml', { method: 'POST', body: { ParameterXml: parameterXml } });
}
