/**
 * The sandbox learns deployment (issue 15, deploy.md §8): an Entra stand-in per login host, the 401 challenge and
 * bearer checks, StageSolution / ImportSolutionAsync on the scaled clock, publish and the customization lock,
 * systemforms with published and draft copies, seeded failures, and what the form host needs: where the published
 * form places the control and the control's files from the imported zip. Switches live under /_emulator/deploy/.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Domain, Store } from '../emulator/contract';
import type { EmulatorExtension } from '../emulator/types';
import { privilegeAnswer } from '../domain/functions';
import { admit } from './admission';
import { CUSTOMIZER_ROLES, DEPLOY_PRIVILEGES } from './constants';
import { serveControl } from './control';
import { createEntra } from './entra';
import { advanceRun, type ImportRun } from './imports';
import { routeDeployment } from './operations';
import { DEFAULT_SWITCHES, NO_LOCK, type DeployState } from './state';
import { DEPLOY_TABLES, seedRows, type DeploymentMode } from './tables';

/** The role privilege row the deployment privileges answer with (its id is the sandbox's own). */
const DEPLOY_PRIVILEGE_ID = 'f0000000-0000-4000-8000-000000000010';

export type { DeploymentMode } from './tables';
export { FORM_VARIANTS, type FormVariant } from './forms';
export { formForHost } from './control';

/** Options of createDeployment. */
export type DeploymentOptions = {
    mode?: DeploymentMode;
    /** Version of the local build's control (out/controls/ControlManifest.xml). */
    controlVersion?: string;
    /** Emulated time per real time, for Retry-After in real seconds. */
    timeScale?: () => number;
    /** Emulated now (the emulator's clock), for the lock window. */
    now?: () => number;
    /** Where one-line notices go (device-code approvals); console.log by default. */
    log?: (line: string) => void;
};

/** The deployment stand-in. */
export type Deployment = {
    /** The domain with the deployment tables, seeds, functions and tick added (call for every new domain). */
    withDeployment<D extends Domain>(domain: D): D;
    /** The layer the emulator consults for every Web API request. */
    extension: EmulatorExtension;
    /** Serve /_entra/…, /_emulator/deploy/…, /_sandbox/form and /control/… from an imported zip; else false. */
    handle(req: IncomingMessage, res: ServerResponse, store: Store): boolean;
    state: DeployState;
    close(): void;
};

const ROW_HOLDS = (roles: string[]) => roles.some((r) => CUSTOMIZER_ROLES.includes(r));

function completeRun(s: DeployState, run: ImportRun, store: Store): void {
    if (run.outcome.statuscode !== 30 || run.outcome.solutionResult === 'failure') return;
    const { pkg } = run;
    const existing = store.list('solutions').find((r) => r.uniquename === pkg.uniqueName);
    store.upsert('solutions', String(existing?.solutionid ?? run.jobId), {
        uniquename: pkg.uniqueName,
        friendlyname: pkg.friendlyName,
        version: pkg.version,
        ismanaged: pkg.managed,
        isvisible: true,
        installedon: new Date().toISOString(),
    });
    for (const control of pkg.controls) {
        const row = store.list('customcontrols').find((r) => r.name === control.name);
        store.upsert('customcontrols', String(row?.customcontrolid ?? run.asyncId), {
            name: control.name,
            version: control.version,
            compatibledatatypes: 'SingleLine.Text',
            manifest: new TextDecoder().decode(control.files.get('ControlManifest.xml')),
        });
        s.imported.set(control.name, control);
    }
}

/** Create the stand-in. */
export function createDeployment(options: DeploymentOptions = {}): Deployment {
    const scale = options.timeScale ?? (() => 1);
    const state: DeployState = {
        entra: createEntra(options.log),
        mode: options.mode ?? 'placed',
        formVariant: options.mode === 'fresh' ? 'stock' : 'placed',
        switches: { ...DEFAULT_SWITCHES },
        lock: { ...NO_LOCK },
        faults: [],
        staged: new Map(),
        runs: [],
        imported: new Map(),
        realMs: (ms) => ms / scale(),
        now: options.now ?? (() => Date.now()),
        controlVersion: options.controlVersion ?? '0.0.0',
    };
    const tick = (nowMs: number, store: Store) => {
        for (const run of state.runs) if (advanceRun(run, nowMs, store)) completeRun(state, run, store);
    };
    return {
        withDeployment(domain) {
            state.staged.clear();
            state.runs = [];
            state.imported.clear();
            state.lock = { ...NO_LOCK };
            const privilege = domain.functions.RetrieveUserPrivilegeByPrivilegeName;
            const composed = {
                ...domain,
                tables: [...domain.tables, ...DEPLOY_TABLES],
                rows: { ...domain.rows, ...seedRows(state.mode, state.formVariant, state.controlVersion) },
                tick(nowMs: number, store: Store) {
                    domain.tick(nowMs, store);
                    tick(nowMs, store);
                },
                functions: {
                    ...domain.functions,
                    // The deployment privileges come with System Administrator / System Customizer (deploy.md §2).
                    RetrieveUserPrivilegeByPrivilegeName: (args: Parameters<typeof privilege>[0]) => {
                        const name = (args.params.PrivilegeName ?? '').replace(/^'(.*)'$/, '$1');
                        const target = domain.users.find((u) => u.systemuserid === (args.boundId ?? '').toLowerCase());
                        if (!DEPLOY_PRIVILEGES.includes(name) || !target) return privilege(args);
                        const held = ROW_HOLDS(target.roles) || target.privileges.includes(name);
                        return privilegeAnswer(name, held, DEPLOY_PRIVILEGE_ID);
                    },
                },
            };
            state.domain = composed;
            return composed;
        },
        extension: {
            admit: (req, op) => admit(state, req, op),
            route: (env, req) => routeDeployment(state, env, req),
        },
        handle: (req, res, store) => serveControl(state, req, res, store),
        state,
        close: () => state.entra.close(),
    };
}
