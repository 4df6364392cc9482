/** Workspace services for UI tests: every action resolves with empty or fixed data and records its calls. */
import type { WorkspaceServices } from '../../src/ui/ProfileWorkspace';

/** What a test changes: any service, and any single action of the connection, mailbox or overview actions. */
export type FakeServicesPatch = Partial<Omit<WorkspaceServices, 'connection' | 'mailboxes' | 'overview'>> & {
    connection?: Partial<WorkspaceServices['connection']>;
    mailboxes?: Partial<WorkspaceServices['mailboxes']>;
    overview?: Partial<WorkspaceServices['overview']>;
};

/** No mailbox in any segment. */
const NO_COUNTS = { enabled: 0, failed: 0, retrying: 0, pendingApproval: 0, neverTested: 0, total: 0 };

export function createFakeServices(patch: FakeServicesPatch = {}): WorkspaceServices & { calls: string[] } {
    const { connection, mailboxes, overview, ...rest } = patch;
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
            checkLastTest: () => Promise.resolve({ kind: 'passed', at: '2026-11-23T10:00:00Z' }),
            readLastTest: () => Promise.resolve(undefined),
            ...connection,
        },
        mailboxes: {
            load: () => Promise.resolve([]),
            checkApproval: () => Promise.resolve({ canApprove: true, blockers: [] }),
            preview: () => ({ approve: 0, test: 0, skip: 0, rejected: 0 }),
            start: () => record('start', undefined),
            resume: () => undefined,
            resumeStored: () => record('resumeStored', undefined),
            readStoredRun: () => Promise.resolve(undefined),
            discardStoredRun: () => record('discardStoredRun', Promise.resolve()),
            requestsHeldUntil: () => null,
            retryFailed: () => undefined,
            cancel: () => undefined,
            exportCsv: () => undefined,
            exportRunCsv: () => undefined,
            addRunNote: () => Promise.resolve(),
            subscribe: () => () => undefined,
            runIds: () => [],
            copyText: () => Promise.resolve(),
            openUrl: () => undefined,
            ...mailboxes,
        },
        overview: {
            countMailboxes: () => Promise.resolve(NO_COUNTS),
            readReadinessDone: () => Promise.resolve([]),
            saveReadinessDone: () => record('saveReadinessDone', Promise.resolve()),
            ...overview,
        },
        userName: 'Dana Admin',
        onCredentialsChange: () => undefined,
        formValues: { tenantId: null, applicationId: null },
        copyText: () => Promise.resolve(),
        today: new Date(Date.UTC(2026, 10, 23)),
        ...rest,
    };
}
