/** Small node:http helpers shared by the Web API and inspection handlers. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Reads the whole request body as UTF-8. */
export function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}

/** Request headers with lower-case names and single string values. */
export function flatHeaders(req: IncomingMessage): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    return out;
}

/** Writes a JSON (or empty) response unless the socket is gone. */
export function send(
    res: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body?: unknown,
    contentType?: string,
): void {
    if (res.writableEnded || res.destroyed) return;
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const all: Record<string, string> = { ...headers };
    if (text !== undefined) {
        all['Content-Type'] = contentType ?? 'application/json; odata.metadata=minimal';
        all['Content-Length'] = String(Buffer.byteLength(text));
    }
    res.writeHead(status, all);
    res.end(text);
}

/** setTimeout as a promise (used to hold a response for its simulated execution time). */
export function delay(ms: number): Promise<void> {
    return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
