/**
 * Static files of the sandbox host: the form page, its browser modules, the platform libraries pcf-start ships
 * (React 16.14 and Fluent 8.121.1 as the globals a virtual control's bundle expects, toolchain.md §2) and the
 * production build output under /control/.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** Where the host finds its files. */
export type HostOptions = {
    /** Repository root (node_modules lives here). */
    root: string;
    /** The control's build output, e.g. <root>/out/controls. */
    outDir: string;
};

const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.xml': 'application/xml; charset=utf-8',
    '.resx': 'application/xml; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.png': 'image/png',
    '.svg': 'image/svg+xml',
    '.woff': 'font/woff',
};

/** Fixed routes: URL path → file below root. */
function fixedRoutes(root: string): Record<string, string> {
    return {
        '/': join(__dirname, 'index.html'),
        '/index.html': join(__dirname, 'index.html'),
        // A model-driven app opens records at /main.aspx?pagetype=entityrecord&etn=…; the deploy CLI prints that link.
        '/main.aspx': join(__dirname, 'index.html'),
        '/vendor/react_16_14_0.js': join(root, 'node_modules/pcf-start/lib/react_16_14_0.js'),
        '/vendor/fluent_8_121_1.js': join(root, 'node_modules/pcf-start/lib/fluent_8_121_1.js'),
    };
}

/** Resolve `rel` below `base`, refusing anything that escapes it (../, absolute paths, NUL). */
function below(base: string, rel: string): string | undefined {
    if (rel.includes('\0')) return undefined;
    const full = resolve(base, normalize(rel).replace(/^([/\\])+/, ''));
    return full === base || full.startsWith(base + sep) ? full : undefined;
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string): boolean {
    let size: number;
    try {
        const st = statSync(file);
        if (!st.isFile()) return false;
        size = st.size;
    } catch {
        return false;
    }
    res.writeHead(200, {
        'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
}

function notFound(res: ServerResponse, message: string): true {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(message);
    return true;
}

/** Build the host's request handler; answers GET/HEAD for its routes and returns false for anything else. */
export function createHostHandler(options: HostOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
    const root = resolve(options.root);
    const outDir = resolve(options.outDir);
    const routes = fixedRoutes(root);
    // Folders served file by file: this page's modules, and Fluent's MDL2 icon font, which model-driven apps register
    // for every control (the font files pcf-start's Fluent names).
    const folders = [
        { prefix: '/host/', dir: resolve(__dirname), files: /\.(js|css)$/ },
        {
            prefix: '/vendor/fonts/',
            dir: resolve(root, 'node_modules/@fluentui/font-icons-mdl2/fonts'),
            files: /\.woff$/,
        },
    ];
    return (req, res) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return false;
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://sandbox').pathname);
        if (path === '/favicon.ico') {
            res.writeHead(204);
            res.end();
            return true;
        }
        if (routes[path]) return sendFile(req, res, routes[path]) || notFound(res, `missing ${path}`);
        if (path.startsWith('/control/')) {
            const file = below(outDir, path.slice('/control/'.length));
            if (file && sendFile(req, res, file)) return true;
            return notFound(res, `${path} not found in ${options.outDir}: run "npm run build" first.`);
        }
        const folder = folders.find((f) => path.startsWith(f.prefix) && f.files.test(path));
        if (folder) {
            const file = below(folder.dir, path.slice(folder.prefix.length));
            return (file !== undefined && sendFile(req, res, file)) || notFound(res, `missing ${path}`);
        }
        return false;
    };
}
