/**
 * Did the import succeed? deploy.md §4: success = asyncoperation statuscode 30, the solution manifest's result is not
 * "failure" and no component result is "failure"; warnings never fail an import.
 */
import { attrOf, childElements, parseXml, tagOf, textOf, walk, type XmlNode } from './xml';

/** asyncoperation statecode 3 = Completed; statuscode 30 Succeeded, 31 Failed, 32 Canceled (deploy.md §4). */
export const ASYNC_STATE_COMPLETED = 3;
/** Completed statuscodes (deploy.md §4). */
export const ASYNC_STATUS = { succeeded: 30, failed: 31, canceled: 32 } as const;

/** The columns of asyncoperations we read. */
export type AsyncOperation = {
    statecode: number;
    statuscode: number;
    message?: string | null;
    friendlymessage?: string | null;
};

/** One failing (or warning) result of the import job. */
export type ImportIssue = { component: string; errorcode: string; errortext: string };

/** The verdict: ok, what failed (the first ten), how many warnings, and the sentence to show. */
export type Verdict = {
    ok: boolean;
    failures: ImportIssue[];
    failureCount: number;
    warnings: number;
    message?: string;
};

/** How many failing components the CLI prints (deploy.md §4: "the first 10"). */
export const MAX_LISTED_FAILURES = 10;

function describe(parent: XmlNode | undefined): string {
    if (!parent) return 'import';
    const tag = tagOf(parent);
    const name = attrOf(parent, 'name') ?? attrOf(parent, 'id') ?? attrOf(parent, 'LocalizedName');
    return name ? `${tag} ${name}` : tag;
}

/** Every `result` element of the import job's data XML with the component it belongs to. */
function results(dataXml: string): { result: string; issue: ImportIssue }[] {
    const found: { result: string; issue: ImportIssue }[] = [];
    for (const { node, parent } of walk(parseXml(dataXml))) {
        if (tagOf(node) !== 'result') continue;
        found.push({
            result: (attrOf(node, 'result') ?? '').toLowerCase(),
            issue: {
                component: describe(parent),
                errorcode: attrOf(node, 'errorcode') ?? '',
                errortext: attrOf(node, 'errortext') ?? '',
            },
        });
    }
    return found;
}

/** The verdict from the async operation and the import job's data XML (absent when the job never wrote one). */
export function importVerdict(operation: AsyncOperation, dataXml: string | undefined): Verdict {
    let all: { result: string; issue: ImportIssue }[] = [];
    let unreadable = false;
    if (dataXml)
        try {
            all = results(dataXml);
        } catch {
            unreadable = true;
        }
    const failing = all.filter((r) => r.result === 'failure').map((r) => r.issue);
    const warnings = all.filter((r) => r.result === 'warning').length;
    const succeeded = operation.statecode === ASYNC_STATE_COMPLETED && operation.statuscode === ASYNC_STATUS.succeeded;
    const ok = succeeded && failing.length === 0 && !unreadable;
    const message = ok
        ? undefined
        : operation.friendlymessage ||
          operation.message ||
          (unreadable ? 'The import job result could not be read.' : undefined) ||
          (failing[0]
              ? `${failing[0].errorcode} ${failing[0].errortext}`.trim()
              : `The import ended with status ${operation.statuscode}.`);
    return { ok, failures: failing.slice(0, MAX_LISTED_FAILURES), failureCount: failing.length, warnings, message };
}

/** The solution manifest of the import job data: unique name and version, for the summary. */
export function importedSolution(dataXml: string): { uniqueName?: string; version?: string } {
    for (const { node } of walk(parseXml(dataXml)))
        if (tagOf(node) === 'solutionManifest') {
            const text = (tag: string) => {
                const child = childElements(node, tag)[0];
                return child ? textOf(child) : undefined;
            };
            return { uniqueName: text('UniqueName'), version: text('Version') };
        }
    return {};
}
