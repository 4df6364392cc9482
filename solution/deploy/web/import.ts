/** StageSolution, ImportSolutionAsync and the polling of the async operation and import job (deploy.md §3–§4). */
import { guidLiteral } from '../../../src/core/odata';
import type { DataverseHttp } from '../../../src/dataverse/http';
import type { AsyncOperation } from '../core/verdict';
import type { StageSolutionResults } from '../core/stage';

/** POST StageSolution with the zip (base64). */
export async function stageSolution(http: DataverseHttp, zipBase64: string): Promise<StageSolutionResults> {
    const { body } = await http.send<{ StageSolutionResults?: StageSolutionResults }>('StageSolution', {
        method: 'POST',
        body: { CustomizationFile: zipBase64 },
    });
    return body.StageSolutionResults ?? {};
}

/** Ids of the started import. */
export type StartedImport = { asyncOperationId: string; importJobId: string };

/** POST ImportSolutionAsync; both booleans are required (deploy.md §4). */
export async function importSolutionAsync(
    http: DataverseHttp,
    zipBase64: string,
    stageUploadId: string | undefined,
): Promise<StartedImport> {
    const { body } = await http.send<{ AsyncOperationId: string; ImportJobKey: string }>('ImportSolutionAsync', {
        method: 'POST',
        body: {
            OverwriteUnmanagedCustomizations: false,
            PublishWorkflows: true,
            CustomizationFile: zipBase64,
            ...(stageUploadId ? { SolutionParameters: { StageSolutionUploadId: stageUploadId } } : {}),
        },
    });
    return { asyncOperationId: body.AsyncOperationId, importJobId: body.ImportJobKey };
}

/** The async operation's state. */
export async function readAsyncOperation(http: DataverseHttp, id: string): Promise<AsyncOperation> {
    const { body } = await http.send<AsyncOperation>(
        `asyncoperations(${guidLiteral(id)})?$select=statecode,statuscode,message,friendlymessage`,
    );
    return body;
}

/** The import job's progress (0–100), undefined while the job does not exist yet (404). */
export async function readImportProgress(http: DataverseHttp, id: string): Promise<number | undefined> {
    try {
        const { body } = await http.send<{ progress?: number }>(`importjobs(${guidLiteral(id)})?$select=progress`);
        return body.progress ?? 0;
    } catch (e) {
        if ((e as { status?: number }).status === 404) return undefined;
        throw e;
    }
}

/** The import job's result XML (selected once, at the end). */
export async function readImportData(http: DataverseHttp, id: string): Promise<string | undefined> {
    try {
        const { body } = await http.send<{ data?: string | null }>(`importjobs(${guidLiteral(id)})?$select=data`);
        return body.data ?? undefined;
    } catch (e) {
        if ((e as { status?: number }).status === 404) return undefined;
        throw e;
    }
}
