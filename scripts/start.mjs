#!/usr/bin/env node
// `npm start`: build the control if out/controls/bundle.js is missing or older than its sources, then run the
// sandbox (emulated Dataverse + model-driven form host) on http://127.0.0.1:${PORT:-8181}/.
// Ctrl+C / SIGTERM stop whichever child is running (build or sandbox) and exit.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const bundle = join(root, 'out', 'controls', 'bundle.js');
let current;
let stopping = false;

/** Newest mtime below `path` (file or folder), in ms. */
function newest(path) {
    if (!existsSync(path)) return 0;
    const st = statSync(path);
    if (!st.isDirectory()) return st.mtimeMs;
    return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), st.mtimeMs);
}

function needsBuild() {
    if (!existsSync(bundle)) return 'out/controls/bundle.js is missing';
    const built = statSync(bundle).mtimeMs;
    const sources = Math.max(
        newest(join(root, 'src')),
        newest(join(root, 'strings')),
        newest(join(root, 'ControlManifest.Input.xml')),
    );
    return sources > built ? 'the sources changed since the last build' : '';
}

/** Run a child with inherited stdio; resolves with its exit code. */
function run(command, args, env) {
    return new Promise((resolve) => {
        current = spawn(command, args, { cwd: root, stdio: 'inherit', env });
        current.on('error', (e) => {
            console.error(`[start] ${command} could not start: ${e.message}`);
            resolve(1);
        });
        current.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
}

async function build(reason) {
    console.log(`[start] Building the control (${reason})…`);
    const env = { ...process.env, PP_TOOLS_TELEMETRY_OPTOUT: 'true' };
    const script = join(root, 'scripts', 'build.mjs');
    const code = existsSync(script)
        ? await run(process.execPath, [script], env)
        : await run(join(root, 'node_modules', '.bin', 'pcf-scripts'), ['build', '--buildMode', 'production'], env);
    if (stopping) process.exit(130);
    // pcf-scripts may exit 0 on errors (toolchain.md §0.3): also require a fresh bundle.
    if (code !== 0 || needsBuild()) {
        console.error('[start] The build failed; fix the errors above and run npm start again.');
        process.exit(1);
    }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
        stopping = true;
        if (current && current.exitCode === null) current.kill(signal);
        else process.exit(130);
    });
}

const reason = needsBuild();
if (reason) await build(reason);
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const code = await run(tsx, [join(root, 'tests', 'sandbox', 'cli.ts')], { PORT: '8181', ...process.env });
process.exit(stopping ? 0 : code);
