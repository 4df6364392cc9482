/**
 * Microsoft's own PCF test harness (node_modules/pcf-start) served offline from a test-owned server on 127.0.0.1,
 * port 0 — never pcf-start's fixed port 8181, which other agents on this machine may use. It serves what pcf-start's
 * browser-sync serves (its index.html, harness.js, lib/ and loc/ at the root, and the build output next to them)
 * with one change, the verified offline recipe of toolchain.md §2: index.html loads React and ReactDOM from a public
 * CDN, so those two script tags point at the same UMD builds from node_modules instead.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** A running harness server. */
export type HarnessServer = { url: string; close(): Promise<void> };

const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.xml': 'application/xml; charset=utf-8',
    '.resx': 'application/xml; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
};

/** The local UMD copies that stand in for the CDN's. */
const LOCAL_REACT = '/_local/react.development.js';
const LOCAL_REACT_DOM = '/_local/react-dom.development.js';

/** pcf-start's index.html with the CDN script sources replaced; fails loudly if the page no longer has them. */
function offlineIndex(harnessDir: string): string {
    const html = readFileSync(join(harnessDir, 'index.html'), 'utf8');
    const cdn = /<script src="https:\/\/[^"]+\/(react(?:-dom)?)@16\.14\.0\/umd\/\1\.development\.js"><\/script>/g;
    const local = html.replace(
        cdn,
        (_, name: string) => `<script src="${name === 'react' ? LOCAL_REACT : LOCAL_REACT_DOM}"></script>`,
    );
    if (local === html || /https?:\/\//.test(local)) {
        throw new Error('pcf-start index.html changed: it no longer loads React 16.14.0 from a CDN the known way');
    }
    return local;
}

/** `rel` below `base`, or undefined when it would escape it. */
function below(base: string, rel: string): string | undefined {
    const full = resolve(base, normalize(rel).replace(/^([/\\])+/, ''));
    return full.startsWith(base + sep) ? full : undefined;
}

function isFile(path: string | undefined): path is string {
    try {
        return path !== undefined && statSync(path).isFile();
    } catch {
        return false;
    }
}

/** Start the harness for the build output in `codePath` (out/controls), as `pcf-start --codePath` would. */
export async function startPcfStartHarness(root: string, codePath: string): Promise<HarnessServer> {
    const harnessDir = resolve(root, 'node_modules/pcf-start');
    const fixed: Record<string, string> = {
        [LOCAL_REACT]: resolve(root, 'node_modules/react/umd/react.development.js'),
        [LOCAL_REACT_DOM]: resolve(root, 'node_modules/react-dom/umd/react-dom.development.js'),
    };
    const index = offlineIndex(harnessDir);
    const server: Server = createServer((req, res) => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://harness').pathname);
        if (path === '/' || path === '/index.html') {
            res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' });
            res.end(index);
            return;
        }
        // The build output first, then pcf-start's own files (its route "/" in bin/pcf-start.js).
        const file = [fixed[path], below(resolve(codePath), path), below(harnessDir, path)].find(isFile);
        if (!file) {
            res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
            res.end(`not found: ${path}`);
            return;
        }
        res.writeHead(200, {
            'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
            'Cache-Control': 'no-store',
        });
        res.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}/`,
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            }),
    };
}
