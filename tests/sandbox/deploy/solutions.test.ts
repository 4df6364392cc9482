/** StageSolution, ImportSolutionAsync on the scaled clock, the verdict data, version/managed rules and the lock (deploy.md §2–§5). */
import { CONTROL_NAME, LOCK_CODE } from './constants';
import { api, deviceCodeToken, setSwitch, setUpFreshKit, solutionZip, waitFor } from './test-kit';
import { USER_IDS } from '../domain/ids';

const { kit, token } = setUpFreshKit();

/** Set the emulated clock's speed: a window a test must land inside gets real seconds, not a race with the machine. */
async function setTimeScale(timeScale: number): Promise<void> {
    await fetch(`${kit().origin}/_emulator/config`, { method: 'POST', body: JSON.stringify({ timeScale }) });
}

/** Wait as long as a 429's Retry-After (real seconds here) says. */
const waitRetryAfter = (r: { headers: Headers }) =>
    new Promise((resolve) => setTimeout(resolve, Number(r.headers.get('retry-after')) * 1000));

const importBody = (file: string) => ({
    OverwriteUnmanagedCustomizations: false,
    PublishWorkflows: true,
    CustomizationFile: file,
});

async function runImport(
    file = solutionZip(),
): Promise<{ asyncId: string; jobId: string; polls: { statecode: number; statuscode: number }[] }> {
    const started = await api(kit(), 'POST', 'ImportSolutionAsync', { token: token(), body: importBody(file) });
    expect(started.status).toBe(200);
    const { AsyncOperationId: asyncId, ImportJobKey: jobId } = started.body;
    const polls: { statecode: number; statuscode: number }[] = [];
    await waitFor(async () => {
        const r = await api(
            kit(),
            'GET',
            `asyncoperations(${asyncId})?$select=statecode,statuscode,message,friendlymessage`,
            { token: token() },
        );
        polls.push({ statecode: r.body.statecode, statuscode: r.body.statuscode });
        return r.body.statecode === 3 ? r.body : undefined;
    });
    return { asyncId, jobId, polls };
}

describe('StageSolution', () => {
    it('passes a valid zip and names its solution and control', async () => {
        const r = await api(kit(), 'POST', 'StageSolution', {
            token: token(),
            body: { CustomizationFile: solutionZip() },
        });
        expect(r.status).toBe(200);
        const results = r.body.StageSolutionResults;
        expect(results).toMatchObject({
            StageSolutionStatus: 'Passed',
            MissingDependencies: [],
            SolutionValidationResults: [],
        });
        expect(results.SolutionDetails).toMatchObject({
            SolutionUniqueName: 'EmailServerProfileAssistant',
            SolutionVersion: '0.2.0.0',
            IsManaged: true,
        });
        expect(results.SolutionComponentsDetails[0].SchemaName).toBe(CONTROL_NAME);
    });

    it('refuses a corrupt zip with 400 and changes nothing', async () => {
        const r = await api(kit(), 'POST', 'StageSolution', {
            token: token(),
            body: { CustomizationFile: Buffer.from('not a zip').toString('base64') },
        });
        expect(r.status).toBe(400);
        expect(r.body.error.message).toMatch(/valid \.zip/);
        expect((await api(kit(), 'GET', 'solutions', { token: token() })).body.value).toEqual([]);
    });

    it('lists a missing dependency when that failure is seeded, with numbers when asked', async () => {
        await setSwitch(kit(), 'failures', { missingDependency: true, stageEnums: 'numbers' });
        const r = await api(kit(), 'POST', 'StageSolution', {
            token: token(),
            body: { CustomizationFile: solutionZip() },
        });
        expect(r.body.StageSolutionResults.StageSolutionStatus).toBe(0);
        expect(r.body.StageSolutionResults.MissingDependencies[0]).toMatchObject({
            DependentComponentSchemaName: CONTROL_NAME,
        });
    });

    it('reports managed over an installed unmanaged solution as a validation error', async () => {
        await setSwitch(kit(), 'solution', { version: '0.1.0.0', managed: false });
        const r = await api(kit(), 'POST', 'StageSolution', {
            token: token(),
            body: { CustomizationFile: solutionZip({ managed: true }) },
        });
        expect(r.body.StageSolutionResults.StageSolutionStatus).toBe('Failed');
        expect(r.body.StageSolutionResults.SolutionValidationResults[0]).toMatchObject({
            SolutionValidationResultType: 'Error',
        });
        expect(r.body.StageSolutionResults.SolutionValidationResults[0].Message).toMatch(/unmanaged/);
    });

    it('refuses a user without prvImportCustomization, whose privilege check is empty', async () => {
        await setSwitch(kit(), 'signin-user', { upn: 'bo@woodgrovebank.com' });
        try {
            const bo = (await deviceCodeToken(kit())).access_token;
            const priv = await api(
                kit(),
                'GET',
                `systemusers(${USER_IDS.basicUser})/Microsoft.Dynamics.CRM.RetrieveUserPrivilegeByPrivilegeName(PrivilegeName='prvImportCustomization')`,
                { token: bo },
            );
            expect(priv.body.RolePrivileges).toEqual([]);
            const adminPriv = await api(
                kit(),
                'GET',
                `systemusers(${USER_IDS.approver})/Microsoft.Dynamics.CRM.RetrieveUserPrivilegeByPrivilegeName(PrivilegeName='prvImportCustomization')`,
                { token: bo },
            );
            expect(adminPriv.body.RolePrivileges).toHaveLength(1);
            const r = await api(kit(), 'POST', 'StageSolution', {
                token: bo,
                body: { CustomizationFile: solutionZip() },
            });
            expect(r.status).toBe(403);
            expect(r.body.error.message).toContain('prvImportCustomization');
        } finally {
            await setSwitch(kit(), 'signin-user', { upn: 'avery@woodgrovebank.com' });
        }
    });
});

describe('ImportSolutionAsync', () => {
    it('runs 0 → 2 → 3/30, the job appears after a 404 with rising progress, and installs solution and control', async () => {
        // Real time while the job does not exist yet (4 emulated seconds are 4 real ones), so the first read surely comes
        // before it, however busy the machine; then 44 emulated seconds in about a second.
        await setTimeScale(1);
        const started = await api(kit(), 'POST', 'ImportSolutionAsync', {
            token: token(),
            body: importBody(solutionZip()),
        });
        const { AsyncOperationId: asyncId, ImportJobKey: jobId } = started.body;
        expect((await api(kit(), 'GET', `importjobs(${jobId})?$select=progress`, { token: token() })).status).toBe(404);
        await setTimeScale(50);
        const progress: number[] = [];
        const states = new Set<number>();
        await waitFor(async () => {
            const ao = await api(kit(), 'GET', `asyncoperations(${asyncId})?$select=statecode,statuscode`, {
                token: token(),
            });
            states.add(ao.body.statecode);
            const job = await api(kit(), 'GET', `importjobs(${jobId})?$select=progress`, { token: token() });
            if (job.status === 200) progress.push(job.body.progress);
            return ao.body.statecode === 3 ? ao.body : undefined;
        });
        expect([...states]).toEqual(expect.arrayContaining([2, 3]));
        expect(progress.length).toBeGreaterThan(1);
        expect(progress).toEqual([...progress].sort((a, b) => a - b));
        const ao = await api(kit(), 'GET', `asyncoperations(${asyncId})?$select=statecode,statuscode`, {
            token: token(),
        });
        expect(ao.body).toMatchObject({ statecode: 3, statuscode: 30 });
        const job = await api(kit(), 'GET', `importjobs(${jobId})?$select=progress,data`, { token: token() });
        expect(job.body.progress).toBe(100);
        expect(job.body.data).toMatch(/<solutionManifest [^>]*>[\s\S]*<result result="success"/);
        expect(job.body.data).not.toContain('result="failure"');
        const solutions = await api(
            kit(),
            'GET',
            "solutions?$filter=uniquename eq 'EmailServerProfileAssistant'&$select=version,ismanaged",
            { token: token() },
        );
        expect(solutions.body.value[0]).toMatchObject({ version: '0.2.0.0', ismanaged: true });
        const controls = await api(kit(), 'GET', `customcontrols?$filter=name eq '${CONTROL_NAME}'&$select=version`, {
            token: token(),
        });
        expect(controls.body.value[0].version).toBe('0.2.0');
        await setTimeScale(1000);
        const formatted = await api(kit(), 'GET', `RetrieveFormattedImportJobResults(ImportJobId=${jobId})`, {
            token: token(),
        });
        expect(formatted.body.FormattedResults).toContain(CONTROL_NAME);
    });

    it('requires both booleans', async () => {
        const r = await api(kit(), 'POST', 'ImportSolutionAsync', {
            token: token(),
            body: { CustomizationFile: solutionZip() },
        });
        expect(r.status).toBe(400);
    });

    it('fails managed over unmanaged with 31 and a friendly message, leaving the installed solution as it was', async () => {
        await setSwitch(kit(), 'solution', { version: '0.1.0.0', managed: false });
        const { asyncId } = await runImport();
        const ao = await api(kit(), 'GET', `asyncoperations(${asyncId})?$select=statuscode,friendlymessage`, {
            token: token(),
        });
        expect(ao.body.statuscode).toBe(31);
        expect(ao.body.friendlymessage).toMatch(/unmanaged/);
        const s = await api(kit(), 'GET', 'solutions?$select=version,ismanaged', { token: token() });
        expect(s.body.value[0]).toMatchObject({ version: '0.1.0.0', ismanaged: false });
        expect((await api(kit(), 'GET', 'customcontrols', { token: token() })).body.value).toEqual([]);
    });

    it.each([
        ['reported', 31],
        ['silent', 30],
    ])('puts a %s component failure into the job data (statuscode %i)', async (mode, statuscode) => {
        await setSwitch(kit(), 'failures', { componentFailure: mode });
        const { asyncId, jobId } = await runImport();
        expect(
            (await api(kit(), 'GET', `asyncoperations(${asyncId})?$select=statuscode`, { token: token() })).body
                .statuscode,
        ).toBe(statuscode);
        const data = (await api(kit(), 'GET', `importjobs(${jobId})?$select=data`, { token: token() })).body
            .data as string;
        expect(data).toMatch(/<customControl [^>]*><result result="failure" errorcode="0x[0-9a-f]+" errortext="[^"]+"/);
        expect((await api(kit(), 'GET', 'solutions', { token: token() })).body.value).toEqual([]);
    });

    it('keeps a warning a success and ends a canceled import with 32', async () => {
        await setSwitch(kit(), 'failures', { componentWarning: true });
        const warned = await runImport();
        expect(
            (await api(kit(), 'GET', `importjobs(${warned.jobId})?$select=data`, { token: token() })).body.data,
        ).toContain('result="warning"');
        expect(
            (await api(kit(), 'GET', `asyncoperations(${warned.asyncId})?$select=statuscode`, { token: token() })).body
                .statuscode,
        ).toBe(30);
        await setSwitch(kit(), 'reset', {});
        await setSwitch(kit(), 'failures', { cancelImport: true });
        const canceled = await runImport();
        expect(
            (await api(kit(), 'GET', `asyncoperations(${canceled.asyncId})?$select=statuscode`, { token: token() }))
                .body.statuscode,
        ).toBe(32);
    });
});

describe('more refusals', () => {
    it('refuses a zip whose manifest names a file it lacks', async () => {
        const { unzipSync, zipSync } = await import('fflate');
        const entries = unzipSync(Buffer.from(solutionZip(), 'base64'));
        delete entries[`Controls/${CONTROL_NAME}/bundle.js`];
        const file = Buffer.from(zipSync(entries)).toString('base64');
        const r = await api(kit(), 'POST', 'ImportSolutionAsync', { token: token(), body: importBody(file) });
        expect(r.status).toBe(400);
        expect(r.body.error.message).toContain('bundle.js');
        expect((await api(kit(), 'GET', 'asyncoperations', { token: token() })).body.value).toEqual([]);
    });

    it('refuses an older managed version over a newer one and warns about the same version', async () => {
        await setSwitch(kit(), 'solution', { version: '0.5.0.0', managed: true });
        const older = await api(kit(), 'POST', 'StageSolution', {
            token: token(),
            body: { CustomizationFile: solutionZip({ version: '0.2.0' }) },
        });
        expect(older.body.StageSolutionResults.SolutionValidationResults[0].Message).toMatch(
            /lower than the installed version/,
        );
        const same = await api(kit(), 'POST', 'StageSolution', {
            token: token(),
            body: { CustomizationFile: solutionZip({ version: '0.5.0' }) },
        });
        expect(same.body.StageSolutionResults).toMatchObject({ StageSolutionStatus: 'Passed' });
        expect(same.body.StageSolutionResults.SolutionValidationResults[0].SolutionValidationResultType).toBe(
            'Warning',
        );
    });

    it('refuses a second import while one runs, and publish and form writes by a user without privileges', async () => {
        // Real time: the first import and its lock last a real minute, so the second surely comes while they hold.
        await setTimeScale(1);
        try {
            expect(
                (await api(kit(), 'POST', 'ImportSolutionAsync', { token: token(), body: importBody(solutionZip()) }))
                    .status,
            ).toBe(200);
            const second = await api(kit(), 'POST', 'ImportSolutionAsync', {
                token: token(),
                body: importBody(solutionZip()),
            });
            expect(second.status).toBe(429);
            expect(second.body.error.message).toContain('[Import] because there is another [Import]');
        } finally {
            await setTimeScale(1000);
        }
        await setSwitch(kit(), 'signin-user', { upn: 'bo@woodgrovebank.com' });
        try {
            const bo = (await deviceCodeToken(kit())).access_token;
            expect((await api(kit(), 'POST', 'PublishAllXml', { token: bo })).status).toBe(403);
            const patch = await api(kit(), 'PATCH', 'systemforms(7c1e4b2a-9d3f-4e6a-8b5c-2f1d0e9a8b71)', {
                token: bo,
                body: { formxml: '<form />' },
            });
            expect(patch.status).toBe(403);
            expect(patch.body.error.message).toContain('prvWriteSystemForm');
        } finally {
            await setSwitch(kit(), 'signin-user', { upn: 'avery@woodgrovebank.com' });
        }
    });
});

describe('the customization lock', () => {
    it('answers 429 with Retry-After to a publish during an import and for a while after it', async () => {
        // 10×: the import takes 4.4 real seconds and the 20 emulated seconds of lock after it 2, so the publish after the
        // import lands inside the lock even on a busy machine (at 100× it had 200 ms, and missed it on a loaded one).
        await setTimeScale(10);
        try {
            const started = await api(kit(), 'POST', 'ImportSolutionAsync', {
                token: token(),
                body: importBody(solutionZip()),
            });
            const during = await api(kit(), 'POST', 'PublishAllXml', { token: token() });
            expect(during.status).toBe(429);
            expect(during.body.error.code).toBe(LOCK_CODE);
            expect(during.body.error.message).toContain('[PublishAll] because there is another [Import]');
            expect(Number(during.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
            await waitFor(async () => {
                const ao = await api(
                    kit(),
                    'GET',
                    `asyncoperations(${started.body.AsyncOperationId})?$select=statecode`,
                    { token: token() },
                );
                return ao.body.statecode === 3 ? true : undefined;
            });
            const after = await api(kit(), 'POST', 'PublishAllXml', { token: token() });
            expect(after.status).toBe(429);
            // Its Retry-After is the rest of the lock: once it has passed, the publish goes through.
            await waitRetryAfter(after);
            expect((await api(kit(), 'POST', 'PublishAllXml', { token: token() })).status).toBe(204);
        } finally {
            await setTimeScale(1000);
        }
    });

    it('holds a seeded lock window and can answer it as 0x80071151 instead of 429', async () => {
        // Real time while the publish meets the 30 s window (at 1000× it had 30 ms); then at most 30 ms are left of it.
        await setTimeScale(1);
        try {
            await setSwitch(kit(), 'lock', { seconds: 30, reply: 'error' });
            const r = await api(kit(), 'POST', 'PublishXml', {
                token: token(),
                body: {
                    ParameterXml:
                        '<importexportxml><entities><entity>emailserverprofile</entity></entities></importexportxml>',
                },
            });
            expect(r.status).toBe(400);
            expect(r.body.error.code).toBe(LOCK_CODE);
        } finally {
            await setTimeScale(1000);
        }
        await new Promise((resolve) => setTimeout(resolve, 40));
        expect((await api(kit(), 'POST', 'PublishAllXml', { token: token() })).status).toBe(204);
    });
});

describe('faults', () => {
    it('answers 401, 429, 503 mid-poll and drops a POST once each', async () => {
        await setSwitch(kit(), 'faults', {
            rules: [
                { match: 'WhoAmI', reply: 401, after: 1 },
                { match: 'WhoAmI', reply: 429, retryAfter: 2 },
                { match: 'WhoAmI', reply: 503 },
                { match: 'StageSolution', method: 'POST', reply: 'drop' },
            ],
        });
        const statuses = [];
        for (let i = 0; i < 5; i++) statuses.push((await api(kit(), 'GET', 'WhoAmI', { token: token() })).status);
        // Rules apply in order: the 401 waits for one WhoAmI to pass, the others follow it.
        expect(statuses).toEqual([200, 401, 429, 503, 200]);
        await expect(
            api(kit(), 'POST', 'StageSolution', { token: token(), body: { CustomizationFile: solutionZip() } }),
        ).rejects.toThrow();
        expect(
            (await api(kit(), 'POST', 'StageSolution', { token: token(), body: { CustomizationFile: solutionZip() } }))
                .status,
        ).toBe(200);
    });
});
