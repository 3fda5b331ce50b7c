// What `mesh dev` prints while it runs, all on stderr except the ready line's URLs (stdout): start-up progress
// (listr2's renderer on a TTY; otherwise one plain line per finished step), the control plane's events (applied and
// rejected changes, NACKs), crashed and restarted processes with their last log lines. Colour only on a TTY and
// never when NO_COLOR is set.
import { relative } from 'node:path';
import { Listr, ListrLogger, ProcessOutput } from 'listr2';
import type { ControlPlaneEvent } from './control-plane-events.js';
import type { ProcessExit } from './process-supervisor.js';

/** Where `mesh dev` writes: stdout for the result (the ready line), stderr for everything else. */
export interface DevSink {
  out(line: string): void;
  err(line: string): void;
}

export interface Progress {
  /** Runs one start-up step and reports it. */
  step<T>(title: string, run: () => Promise<T>): Promise<T>;
}

/** True when output may carry ANSI colour: a TTY, and NO_COLOR unset or empty. */
export function colourAllowed(tty: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return tty === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/** Plain progress: `mesh dev: <title> (12 ms)` once the step is done. */
export function plainProgress(sink: DevSink): Progress {
  return {
    async step(title, run) {
      const started = performance.now();
      const value = await run();
      sink.err(`mesh dev: ${title} (${Math.round(performance.now() - started)} ms)`);
      return value;
    },
  };
}

/** listr2's default renderer on stderr (a TTY only); errors propagate unchanged. */
export function listrProgress(): Progress {
  const output = new ProcessOutput(process.stderr, process.stderr, { dump: [], leaveEmptyLine: false });
  return {
    async step(title, run) {
      let value: Awaited<ReturnType<typeof run>> | undefined;
      const started = performance.now();
      await new Listr(
        [
          {
            title,
            task: async (_ctx, task) => {
              value = await run();
              task.title = `${title} (${Math.round(performance.now() - started)} ms)`;
            },
          },
        ],
        {
          renderer: 'default',
          exitOnError: true,
          collectErrors: false,
          registerSignalListeners: false,
          rendererOptions: { logger: new ListrLogger({ processOutput: output }) },
        },
      ).run();
      return value as Awaited<ReturnType<typeof run>>;
    },
  };
}

/** Progress for this terminal: listr2 when stderr is a TTY and `interactive` is not false, else plain lines. */
export function progressFor(sink: DevSink, interactive: boolean | undefined): Progress {
  return interactive === true ? listrProgress() : plainProgress(sink);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A file as the user knows it: relative to DIR when under it. */
export function displayPath(dir: string, file: string): string {
  const rel = relative(dir, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

/** The stderr line for a control plane event, or undefined for events `mesh dev` does not print. */
export function eventLine(dir: string, e: ControlPlaneEvent): string | undefined {
  switch (e.type) {
    case 'applied': {
      const changed = e.changes.filter((c) => c.action !== 'unchanged').length;
      const files = e.files.map((f) => displayPath(dir, f)).join(', ');
      const what = files === '' ? (e.source === 'api' ? 'mesh apply' : 'a change') : files;
      return `mesh dev: applied ${what} (${plural(changed, 'resource')} changed, v${e.version}) in ${Math.round(e.durationMs)} ms`;
    }
    case 'rejected': {
      const files = e.files.map((f) => displayPath(dir, f)).join(', ') || 'the change';
      const errors = e.diagnostics.filter((d) => d.severity === 'error').length;
      // The diagnostics themselves (file:line field: expected) are printed by the control plane's log.
      return `mesh dev: rejected ${files} (${plural(errors, 'error')}); the running config is kept`;
    }
    case 'proxy':
      return e.event === 'nack'
        ? `mesh dev: proxy ${e.nodeId} rejected ${e.typeUrl ?? 'a config'}: ${e.message ?? ''}`
        : undefined;
    case 'error':
      return `mesh dev: ${e.message}`;
    default:
      return undefined;
  }
}

/** The lines for a crashed process: what happened, when it restarts, and its last log lines. */
export function exitLines(exit: ProcessExit, logFile: string): string[] {
  const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? '?'}`;
  const when = exit.restartInMs === undefined ? '' : `; restarting in ${formatDelay(exit.restartInMs)}`;
  const lines = [`mesh dev: ${exit.name} ${how}${when}`];
  if (exit.lastLines.length > 0) {
    lines.push(`  last lines of ${logFile}:`);
    for (const l of exit.lastLines) lines.push(`  | ${l}`);
  }
  return lines;
}

function formatDelay(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms} ms`;
}

/** Wraps `text` in ANSI green when colour is allowed. */
export function green(text: string, colour: boolean): string {
  return colour ? `\u001b[32m${text}\u001b[39m` : text;
}
