/**
 * What the person (or the pipeline) sees (deploy.md §9): progress on stderr and the result on stdout as plain
 * sentences, or with --json one JSON object per event on stdout ending with {ok, …}. Everything written passes the
 * redactor, so a token or secret that slipped into a message still never reaches the screen or a log.
 */

/** Where output goes; process.stdout/stderr in the CLI, buffers in tests. */
export type Streams = {
    stdout: { write(text: string): unknown };
    stderr: { write(text: string): unknown };
    /** stderr is a terminal (a progress bar is drawn instead of lines). */
    isTTY: boolean;
};

/** Event statuses in the NDJSON stream. */
export type EventStatus = 'start' | 'progress' | 'ok' | 'info' | 'warn' | 'skip' | 'fail';

/** JWTs (header starts with eyJ = '{"'), and whatever secret strings were registered. */
const JWT = /eyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){1,2}/g;
const REDACTED = '[redacted]';

/** Masks tokens and registered secrets in any text before it is written anywhere. */
export class Redactor {
    private readonly secrets = new Set<string>();

    /** Never show this value (a client secret, a refresh token, a device code). Short values are ignored. */
    add(secret: string | undefined): void {
        if (secret && secret.length >= 6) this.secrets.add(secret);
    }

    /** The text with every JWT and registered secret replaced. */
    redact(text: string): string {
        let out = text.replace(JWT, REDACTED);
        for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
        return out;
    }
}

const BAR_WIDTH = 30;

/** Writes events as sentences or NDJSON. */
export class Reporter {
    private barShown = false;
    private lastPlainPercent = -1;

    constructor(
        private readonly streams: Streams,
        private readonly mode: { json: boolean; verbose: boolean },
        readonly redactor: Redactor,
        private readonly now: () => Date = () => new Date(),
    ) {}

    /** A step begins ("Checking …"). */
    start(step: string, message: string, extra: Record<string, unknown> = {}): void {
        this.emit(step, 'start', message, extra, `${message}…`);
    }

    /** A step ended well. */
    ok(step: string, message: string, extra: Record<string, unknown> = {}): void {
        this.emit(step, 'ok', message, extra, `✓ ${message}`);
    }

    /** Something worth knowing. */
    info(step: string, message: string, extra: Record<string, unknown> = {}): void {
        this.emit(step, 'info', message, extra, `  ${message}`);
    }

    /** A warning: the command goes on. */
    warn(step: string, message: string, extra: Record<string, unknown> = {}): void {
        this.emit(step, 'warn', message, extra, `! ${message}`);
    }

    /** A step was skipped, with the reason. */
    skip(step: string, message: string, extra: Record<string, unknown> = {}): void {
        this.emit(step, 'skip', message, extra, `- ${message}`);
    }

    /** A step failed; the result line follows. */
    fail(step: string, message: string, extra: Record<string, unknown> = {}): void {
        this.emit(step, 'fail', message, extra, `✗ ${message}`);
    }

    /** Progress 0–100: a bar on a terminal, a line every 10 % otherwise, an event each time with --json. */
    progress(step: string, percent: number, label: string): void {
        const p = Math.max(0, Math.min(100, Math.round(percent)));
        if (this.mode.json) return this.writeJson({ step, status: 'progress', percent: p, message: label });
        if (this.streams.isTTY) {
            const filled = Math.round((p / 100) * BAR_WIDTH);
            const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
            this.streams.stderr.write(`\r${label} ${bar} ${String(p).padStart(3)} %`);
            this.barShown = true;
            return;
        }
        const decile = Math.floor(p / 10) * 10;
        if (decile === this.lastPlainPercent) return;
        this.lastPlainPercent = decile;
        this.streams.stderr.write(`${this.redactor.redact(`${label} ${p} %`)}\n`);
    }

    /** A line for --verbose (Web API requests); never headers. */
    debug(message: string): void {
        if (!this.mode.verbose) return;
        if (this.mode.json) return this.writeJson({ step: 'http', status: 'info', message });
        this.line(`  · ${message}`);
    }

    /** Words for the person at the terminal even with --json (the device code prompt): always stderr, never stdout. */
    prompt(message: string): void {
        this.line(message);
    }

    /** The final result: the summary on stdout (a failure only on stderr, above), or the closing {ok, …} object. */
    result(ok: boolean, exitCode: number, summary: string, extra: Record<string, unknown> = {}): void {
        if (this.mode.json) return this.writeJson({ ok, exitCode, message: summary, ...extra });
        this.endBar();
        // A failure was already said on stderr, sentence and fix; stdout carries results only.
        if (ok) this.streams.stdout.write(`${this.redactor.redact(summary)}\n`);
    }

    private emit(step: string, status: EventStatus, message: string, extra: Record<string, unknown>, text: string) {
        if (this.mode.json) return this.writeJson({ step, status, message, ...extra });
        this.line(text);
    }

    private line(text: string): void {
        this.endBar();
        this.streams.stderr.write(`${this.redactor.redact(text)}\n`);
    }

    private endBar(): void {
        if (!this.barShown) return;
        this.streams.stderr.write('\n');
        this.barShown = false;
    }

    private writeJson(event: Record<string, unknown>): void {
        const line = JSON.stringify({ ts: this.now().toISOString(), ...event });
        this.streams.stdout.write(`${this.redactor.redact(line)}\n`);
    }
}
