/**
 * ImportSolutionAsync on the emulator's scaled clock (deploy.md §4): the async operation goes 0 → 2 → 3 with statuscode
 * 30 / 31 / 32, the import job appears after a moment (404 before), its progress rises, and its `data` carries the
 * result XML the verdict rule reads (solution manifest result, one <result> per component).
 */
import type { Row, Store } from '../emulator/contract';
import { IMPORT_TIMING } from './constants';
import type { SolutionPackage } from './solution-zip';

/** How a run ends. */
export type ImportOutcome = {
    statuscode: 30 | 31 | 32;
    /** Solution-level result in `data`. */
    solutionResult: 'success' | 'failure';
    /** Per-control result in `data` (warnings never fail, deploy.md §4). */
    componentResult: 'success' | 'warning' | 'failure';
    errorcode: string;
    errortext: string;
    /** The async operation's friendlymessage on failure. */
    friendlymessage?: string;
};

/** One running (or finished) import. */
export type ImportRun = {
    asyncId: string;
    jobId: string;
    pkg: SolutionPackage;
    queuedMs: number;
    outcome: ImportOutcome;
    done: boolean;
};

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const xmlText = (s: string): string =>
    s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** The import job's `data`: the importexportxml a real job carries (deploy.md §4), at a given progress. */
export function importData(run: ImportRun, progress: number, finished: boolean): string {
    const { pkg, outcome } = run;
    const result = (kind: string, code: string, text: string) =>
        `<result result="${kind}" errorcode="${code}" errortext="${xmlText(text)}" datetime="" datetimeticks="" />`;
    const solution = finished
        ? result(
              outcome.solutionResult,
              outcome.solutionResult === 'failure' ? outcome.errorcode : '0',
              outcome.solutionResult === 'failure' ? outcome.errortext : '',
          )
        : '';
    const controls = pkg.controls
        .map((c) => {
            const r = finished
                ? result(
                      outcome.componentResult,
                      outcome.componentResult === 'success' ? '0' : outcome.errorcode,
                      outcome.componentResult === 'success' ? '' : outcome.errortext,
                  )
                : '';
            return `<customControl id="${xmlText(c.name)}" name="${xmlText(c.name)}" processed="${String(finished)}">${r}</customControl>`;
        })
        .join('');
    return (
        `<importexportxml start="${run.queuedMs}" stop="" progress="${progress}" processed="${String(finished)}">` +
        `<solutionManifests><solutionManifest languagecode="1033" id="${xmlText(pkg.uniqueName)}" LocalizedName="${xmlText(pkg.friendlyName)}" processed="${String(finished)}">` +
        `<UniqueName>${xmlText(pkg.uniqueName)}</UniqueName><LocalizedName>${xmlText(pkg.friendlyName)}</LocalizedName>` +
        `<Version>${xmlText(pkg.version)}</Version><Managed>${pkg.managed ? 1 : 0}</Managed>` +
        `<Publisher><UniqueName>${xmlText(pkg.publisher)}</UniqueName></Publisher>${solution}</solutionManifest></solutionManifests>` +
        `<upgradeSolutionPackageInformation /><entities /><nodes /><settings /><dashboards /><securityroles /><workflows /><templates />` +
        `<customControls>${controls}</customControls><languages><language>1033</language></languages></importexportxml>`
    );
}

/** Advance one run to `nowMs`; returns true when it completed during this call. */
export function advanceRun(run: ImportRun, nowMs: number, store: Store): boolean {
    if (run.done) return false;
    const elapsed = nowMs - run.queuedMs;
    const ao = store.get('asyncoperations', run.asyncId);
    if (elapsed >= IMPORT_TIMING.startMs && ao?.statecode === 0)
        store.upsert('asyncoperations', run.asyncId, { statecode: 2, statuscode: 20, startedon: iso(nowMs) });
    if (elapsed >= IMPORT_TIMING.jobCreatedMs && !store.get('importjobs', run.jobId))
        store.upsert('importjobs', run.jobId, {
            name: 'Customizations',
            solutionname: run.pkg.uniqueName,
            progress: 0,
            data: importData(run, 0, false),
            startedon: iso(nowMs),
            completedon: null,
        });
    const total = IMPORT_TIMING.jobCreatedMs + IMPORT_TIMING.durationMs;
    if (elapsed < total) {
        if (store.get('importjobs', run.jobId)) {
            const progress =
                Math.round(((elapsed - IMPORT_TIMING.jobCreatedMs) / IMPORT_TIMING.durationMs) * 10_000) / 100;
            store.upsert('importjobs', run.jobId, { progress: Math.max(0, Math.min(99.9, progress)) });
        }
        return false;
    }
    run.done = true;
    const failed = run.outcome.statuscode !== 30;
    store.upsert('importjobs', run.jobId, {
        progress: 100,
        completedon: iso(nowMs),
        data: importData(run, 100, true),
    });
    const completion: Row = { statecode: 3, statuscode: run.outcome.statuscode, completedon: iso(nowMs) };
    if (failed) {
        completion.message = `${run.outcome.errortext} (${run.outcome.errorcode})`;
        completion.friendlymessage = run.outcome.friendlymessage ?? run.outcome.errortext;
    }
    store.upsert('asyncoperations', run.asyncId, completion);
    return true;
}

/** RetrieveFormattedImportJobResults: a SpreadsheetML rendering of the job's results (shape (unconfirmed)). */
export function formattedResults(run: ImportRun): string {
    const { outcome, pkg } = run;
    const row = (cells: string[]) =>
        `<Row>${cells.map((c) => `<Cell><Data ss:Type="String">${xmlText(c)}</Data></Cell>`).join('')}</Row>`;
    return (
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">' +
        `<Worksheet ss:Name="Components"><Table>${row(['Type', 'Name', 'Result', 'Error code', 'Details'])}` +
        pkg.controls
            .map((c) =>
                row([
                    'Custom Control',
                    c.name,
                    outcome.componentResult,
                    outcome.componentResult === 'success' ? '' : outcome.errorcode,
                    outcome.componentResult === 'success' ? '' : outcome.errortext,
                ]),
            )
            .join('') +
        `</Table></Worksheet></Workbook>`
    );
}
