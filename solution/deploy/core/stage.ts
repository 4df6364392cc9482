/** StageSolution's answer, read (deploy.md §3): status, missing dependencies, validation errors and warnings. */
import { STAGE_RESULT_ERROR, STAGE_STATUS_PASSED } from '../assumptions';

/** StageSolutionResults as the Web API returns them (only what we read). */
export type StageSolutionResults = {
    StageSolutionUploadId?: string;
    StageSolutionStatus?: string | number;
    MissingDependencies?: Record<string, unknown>[];
    SolutionValidationResults?: { SolutionValidationResultType?: string | number; Message?: string }[];
};

/** What the CLI does with it. */
export type StageOutcome = {
    ok: boolean;
    uploadId?: string;
    missingDependencies: string[];
    errors: string[];
    warnings: string[];
};

/** Validation type Warning as a name or a number (Info 0 · Warning 1 · Error 2). */
const WARNING: readonly (string | number)[] = ['Warning', 1];

/** A missing dependency in words: whatever names it carries (the shape is documented loosely). */
function describeDependency(dependency: Record<string, unknown>): string {
    const pick = (...keys: string[]) =>
        keys.map((k) => dependency[k]).find((v): v is string => typeof v === 'string' && v.length > 0);
    const required =
        pick('RequiredComponentDisplayName', 'RequiredComponentSchemaName', 'RequiredComponentId') ?? 'a component';
    const solution = pick('RequiredComponentParentSolutionName', 'RequiredSolutionName');
    const by = pick('DependentComponentDisplayName', 'DependentComponentSchemaName');
    return `${required}${solution ? ` (solution ${solution})` : ''}${by ? `, needed by ${by}` : ''}`;
}

/** Read StageSolutionResults: abort on a missing dependency, a validation error or a status other than Passed. */
export function readStageResults(results: StageSolutionResults): StageOutcome {
    const validation = results.SolutionValidationResults ?? [];
    const byType = (types: readonly (string | number)[]) =>
        validation
            .filter(
                (v) => v.SolutionValidationResultType !== undefined && types.includes(v.SolutionValidationResultType),
            )
            .map((v) => v.Message ?? '(no message)');
    const missingDependencies = (results.MissingDependencies ?? []).map(describeDependency);
    const errors = byType(STAGE_RESULT_ERROR);
    const passed =
        results.StageSolutionStatus !== undefined && STAGE_STATUS_PASSED.includes(results.StageSolutionStatus);
    return {
        ok: passed && missingDependencies.length === 0 && errors.length === 0,
        uploadId: results.StageSolutionUploadId,
        missingDependencies,
        errors,
        warnings: byType(WARNING),
    };
}
