/** The git-ignored logs folder (deploy-logs/): import results and form backups. */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { CommandContext } from './context';

/** The logs folder (created on first use). */
export function logsFolder(context: CommandContext, ...sub: string[]): string {
    const folder = resolve(context.deps.cwd, context.options.logs, ...sub);
    mkdirSync(folder, { recursive: true });
    return folder;
}

/** A file name stamp from the injected clock: 2026-11-24T10-15-00-000Z. */
export function stamp(context: CommandContext): string {
    return new Date(context.deps.now()).toISOString().replace(/[:.]/g, '-');
}

/**
 * Write a log file and return its path for messages. Logs are redacted like every other output; a backup (`exact`) is
 * written as it came, byte for byte, since restoring it must give back the very form (it holds no token or secret).
 */
export function writeLog(context: CommandContext, folder: string, name: string, text: string, exact = false): string {
    const path = join(folder, name);
    writeFileSync(path, exact ? text : context.reporter.redactor.redact(text));
    return displayPath(context, path);
}

/** A path as people read it: relative to where they ran the command when it is below it, else absolute. */
export function displayPath(context: CommandContext, path: string): string {
    const shown = relative(context.deps.cwd, path);
    return shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : path;
}

/** sha256 of a text, hex. */
export function sha256(text: string): string {
    return createHash('sha256').update(text, 'utf8').digest('hex');
}
