#!/usr/bin/env node
// The npm registry reachable from our machines serves only the Linux builds of platform-specific packages, so
// `npm install` leaves the other platforms' optional packages (@swc/core-darwin-arm64, …) out of
// package-lock.json, and `npm ci` then refuses the lock as "out of sync". This adds the missing optional entries,
// marked with their os/cpu so npm skips them on other platforms. Run it after every `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORM =
    /(darwin|linux|win32|android|freebsd|openbsd|netbsd|sunos|aix|openharmony|wasm32)(?:-(arm64|x64|arm|ia32|ppc64|s390x|riscv64|loong64|wasi))?/;

/** Node's resolution: the package may sit in node_modules of the dependant or of any of its ancestors. */
function resolvable(packages, fromPath, name) {
    let dir = fromPath;
    for (;;) {
        if (packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
        if (!dir) return false;
        const cut = dir.lastIndexOf('/node_modules/');
        dir = cut < 0 ? '' : dir.slice(0, cut);
    }
}

/** Return the lock with an entry for every optional dependency that has none; pure, for tests. */
export function completeLock(lock) {
    const packages = { ...lock.packages };
    const added = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
        for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
            if (resolvable(packages, path, name)) continue;
            const match = PLATFORM.exec(name.split('/').pop());
            const stub = { version, dev: entry.dev ?? undefined, optional: true };
            if (match) {
                stub.os = [match[1]];
                if (match[2]) stub.cpu = [match[2]];
            }
            packages[`node_modules/${name}`] = stub;
            added.push(name);
        }
    }
    return { lock: { ...lock, packages }, added };
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const file = process.argv[2] ?? 'package-lock.json';
    const { lock, added } = completeLock(JSON.parse(readFileSync(file, 'utf8')));
    writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
    console.log(
        added.length ? `Added ${added.length} optional entries: ${added.join(', ')}` : 'Lock file already complete.',
    );
}
