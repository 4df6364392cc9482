import { lockRetryDelayMs, LOCK_RETRIES } from '../../../solution/deploy/core/retry';
import { readStageResults } from '../../../solution/deploy/core/stage';
import { formDiff } from '../../../solution/deploy/core/diff';

describe('readStageResults', () => {
    it('passes a clean stage with its upload id', () => {
        expect(
            readStageResults({
                StageSolutionUploadId: 'u1',
                StageSolutionStatus: 'Passed',
                MissingDependencies: [],
                SolutionValidationResults: [],
            }),
        ).toEqual({
            ok: true,
            uploadId: 'u1',
            missingDependencies: [],
            errors: [],
            warnings: [],
        });
    });

    it('accepts numbers for status and type as well as names', () => {
        const outcome = readStageResults({
            StageSolutionStatus: 1,
            SolutionValidationResults: [
                { SolutionValidationResultType: 1, Message: 'heads up' },
                { SolutionValidationResultType: 0, Message: 'fyi' },
            ],
        });
        expect(outcome).toMatchObject({ ok: true, warnings: ['heads up'], errors: [] });
    });

    it('stops on a missing dependency and names it', () => {
        const outcome = readStageResults({
            StageSolutionStatus: 'Passed',
            MissingDependencies: [
                {
                    RequiredComponentDisplayName: 'Email Server Profile',
                    RequiredComponentParentSolutionName: 'Core',
                    DependentComponentSchemaName: 'esp_X',
                },
            ],
        });
        expect(outcome.ok).toBe(false);
        expect(outcome.missingDependencies).toEqual(['Email Server Profile (solution Core), needed by esp_X']);
    });

    it('stops on a validation error or a failed status', () => {
        expect(
            readStageResults({
                StageSolutionStatus: 'Passed',
                SolutionValidationResults: [{ SolutionValidationResultType: 'Error', Message: 'bad zip' }],
            }),
        ).toMatchObject({ ok: false, errors: ['bad zip'] });
        expect(readStageResults({ StageSolutionStatus: 0 }).ok).toBe(false);
    });
});

describe('lockRetryDelayMs', () => {
    it('doubles from 5 s to at most 60 s over six retries', () => {
        expect(Array.from({ length: LOCK_RETRIES }, (_, i) => lockRetryDelayMs(i))).toEqual([
            5000, 10000, 20000, 40000, 60000, 60000,
        ]);
    });

    it('waits what Retry-After says when the server says it', () => {
        expect(lockRetryDelayMs(0, 12_000)).toBe(12_000);
        expect(lockRetryDelayMs(5, 90_000)).toBe(90_000);
    });
});

describe('formDiff', () => {
    it('shows only the changed lines, one element per line', () => {
        const diff = formDiff(
            'Information.xml',
            '<form><tabs><tab name="a"/></tabs></form>',
            '<form><tabs><tab name="a"/></tabs><controlDescriptions/></form>',
        );
        expect(diff).toContain('--- Information.xml (now)');
        expect(diff).toContain('+++ Information.xml (after)');
        expect(diff.split('\n').filter((l) => /^[+-][^+-]/.test(l))).toEqual(['+  <controlDescriptions/>']);
    });
});
