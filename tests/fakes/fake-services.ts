/** Workspace services for UI tests: every action resolves with empty or fixed data and records its calls. */
import type { WorkspaceServices } from '../../src/ui/ProfileWorkspace';

export function createFakeServices(patch: Partial<WorkspaceServices> = {}): WorkspaceServices & { calls: string[] } {
    const calls: string[] = [];
    const record = <T>(name: string, value: T) => {
        calls.push(name);
        return value;
    };
    return {
        calls,
        connection: {
            resolveTenant: () => Promise.resolve({ kind: 'unverifiable' }),
            saveSecret: () => record('saveSecret', Promise.resolve()),
            readExpiry: () => Promise.resolve(null),
            saveExpiry: () => Promise.resolve(),
            loadCanaries: () => Promise.resolve({ options: [] }),
            runConnectionTest: () => Promise.resolve({ status: 'succeeded', completedOn: '2026-11-23T10:00:00Z' }),
        },
        mailboxes: {
            load: () => Promise.resolve([]),
            checkApproval: () => Promise.resolve({ canApprove: true, blockers: [] }),
            preview: () => ({ approve: 0, test: 0, skip: 0, rejected: 0 }),
            start: () => record('start', undefined),
            resume: () => undefined,
            resumeStored: () => undefined,
            retryFailed: () => undefined,
            cancel: () => undefined,
            exportCsv: () => undefined,
            addRunNote: () => Promise.resolve(),
            subscribe: () => () => undefined,
            copyText: () => Promise.resolve(),
            openUrl: () => undefined,
        },
        onCredentialsChange: () => undefined,
        formValues: { tenantId: null, applicationId: null },
        copyText: () => Promise.resolve(),
        today: new Date(Date.UTC(2026, 10, 23)),
        ...patch,
    };
}
