/**
 * The tables the deployment surface adds to the emulated Dataverse (dataverse reference entities: solution,
 * customcontrol, systemform, asyncoperation, importjob; deploy.md §2–§6) and their seed rows.
 */
import type { Row, TableDef } from '../emulator/contract';
import { CONTROL_NAME, SOLUTION_UNIQUE_NAME } from './constants';
import { formRows, type FormVariant } from './forms';

/** What the sandbox starts with: the control placed from the local build (today's default) or nothing installed. */
export type DeploymentMode = 'placed' | 'fresh';

const guid = { type: 'guid' } as const;

/** The deployment tables. */
export const DEPLOY_TABLES: TableDef[] = [
    {
        logicalName: 'solution',
        entitySet: 'solutions',
        primaryKey: 'solutionid',
        primaryName: 'friendlyname',
        columns: [
            { name: 'solutionid', ...guid },
            { name: 'uniquename', type: 'string' },
            { name: 'friendlyname', type: 'string' },
            { name: 'version', type: 'string' },
            { name: 'ismanaged', type: 'bool' },
            { name: 'isvisible', type: 'bool' },
            { name: 'installedon', type: 'datetime' },
            { name: 'createdon', type: 'datetime', readOnly: true },
            { name: 'modifiedon', type: 'datetime', readOnly: true },
        ],
    },
    {
        logicalName: 'customcontrol',
        entitySet: 'customcontrols',
        primaryKey: 'customcontrolid',
        primaryName: 'name',
        columns: [
            { name: 'customcontrolid', ...guid },
            { name: 'name', type: 'string' },
            { name: 'version', type: 'string' },
            { name: 'compatibledatatypes', type: 'string' },
            { name: 'manifest', type: 'memo' },
            { name: 'createdon', type: 'datetime', readOnly: true },
            { name: 'modifiedon', type: 'datetime', readOnly: true },
        ],
    },
    {
        logicalName: 'systemform',
        entitySet: 'systemforms',
        primaryKey: 'formid',
        primaryName: 'name',
        concurrency: true,
        columns: [
            { name: 'formid', ...guid },
            { name: 'name', type: 'string' },
            { name: 'description', type: 'memo' },
            { name: 'objecttypecode', type: 'string' },
            { name: 'type', type: 'int' },
            { name: 'formactivationstate', type: 'int' },
            { name: 'isdefault', type: 'bool' },
            { name: 'iscustomizable', type: 'memo' },
            { name: 'formxml', type: 'memo' },
            { name: 'publishedon', type: 'datetime' },
            // The unpublished copy: never returned by reads, only by RetrieveUnpublishedMultiple (deploy.md §6).
            { name: 'draftformxml', type: 'memo', writeOnly: true },
            { name: 'createdon', type: 'datetime', readOnly: true },
            { name: 'modifiedon', type: 'datetime', readOnly: true },
        ],
    },
    {
        logicalName: 'asyncoperation',
        entitySet: 'asyncoperations',
        primaryKey: 'asyncoperationid',
        primaryName: 'name',
        columns: [
            { name: 'asyncoperationid', ...guid },
            { name: 'name', type: 'string' },
            { name: 'operationtype', type: 'int' },
            { name: 'statecode', type: 'int' },
            { name: 'statuscode', type: 'int' },
            { name: 'message', type: 'memo' },
            { name: 'friendlymessage', type: 'memo' },
            { name: 'startedon', type: 'datetime' },
            { name: 'completedon', type: 'datetime' },
            { name: 'createdon', type: 'datetime', readOnly: true },
            { name: 'modifiedon', type: 'datetime', readOnly: true },
        ],
    },
    {
        logicalName: 'importjob',
        entitySet: 'importjobs',
        primaryKey: 'importjobid',
        primaryName: 'name',
        columns: [
            { name: 'importjobid', ...guid },
            { name: 'name', type: 'string' },
            { name: 'solutionname', type: 'string' },
            { name: 'progress', type: 'int' },
            { name: 'data', type: 'memo' },
            { name: 'startedon', type: 'datetime' },
            { name: 'completedon', type: 'datetime' },
            { name: 'createdon', type: 'datetime', readOnly: true },
            { name: 'modifiedon', type: 'datetime', readOnly: true },
        ],
    },
];

/** Fixed ids of the seeded "placed" installation. */
export const SEEDED_IDS = {
    solution: 'a1000000-0000-4000-8000-000000000001',
    customControl: 'a2000000-0000-4000-8000-000000000001',
};

/** Rows of the deployment tables for a mode and form layout. */
export function seedRows(mode: DeploymentMode, variant: FormVariant, controlVersion: string): Record<string, Row[]> {
    const installed = mode === 'placed';
    return {
        solutions: installed
            ? [
                  {
                      solutionid: SEEDED_IDS.solution,
                      uniquename: SOLUTION_UNIQUE_NAME,
                      friendlyname: 'Email Server Profile Assistant',
                      version: `${controlVersion}.0`,
                      ismanaged: true,
                      isvisible: true,
                      installedon: '2026-11-01T09:00:00Z',
                  },
              ]
            : [],
        customcontrols: installed
            ? [
                  {
                      customcontrolid: SEEDED_IDS.customControl,
                      name: CONTROL_NAME,
                      version: controlVersion,
                      compatibledatatypes: 'SingleLine.Text',
                      manifest: null,
                  },
              ]
            : [],
        systemforms: formRows(variant),
        asyncoperations: [],
        importjobs: [],
    };
}
