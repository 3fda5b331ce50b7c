// One supervised child process of `mesh dev` (an app or a proxy): spawned with its stdout and stderr appended to its
// own log file, restarted with exponential backoff when it exits while the mesh runs, and stopped with SIGTERM then
// SIGKILL after a bound. Invariants:
// - at most one OS process per SupervisedProcess is alive at a time;
// - once `stop()` is called nothing is (re)started again;
// - the backoff is 1 s, 2 s, 4 s ... capped at 30 s, and starts again at 1 s after a run of at least 10 s.
// Children are spawned detached (their own process group): the terminal's Ctrl-C reaches `mesh dev` only, which stops
// them in order and does not mistake their exit for a crash. Node.js children get child-watchdog.js preloaded, so
// that they stop themselves if `mesh dev` dies without stopping them.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

/** Backoff bounds, ms. */
export const RESTART_BASE_MS = 1_000;
export const RESTART_MAX_MS = 30_000;
/** A run at least this long resets the backoff, ms. */
export const RESTART_RESET_AFTER_MS = 10_000;
/** How long a child may take to exit after SIGTERM before it gets SIGKILL, ms. */
export const STOP_GRACE_MS = 5_000;

export interface ProcessSpec {
  /** What messages call it: the pod name for apps, `<pod> (proxy)` for proxies. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** stdout and stderr are appended here. */
  readonly logFile: string;
  /** Preloaded with `--import` when `command` is Node.js (see child-watchdog.ts). */
  readonly watchdog?: string;
}

export interface ProcessExit {
  readonly name: string;
  readonly pid: number | undefined;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** When it is started again, ms; undefined when the mesh is stopping. */
  readonly restartInMs: number | undefined;
  /** The last lines of its log file. */
  readonly lastLines: readonly string[];
}

export interface SupervisorHooks {
  /** A child exited while the mesh runs (it is restarted after `restartInMs`), or could not be spawned. */
  onExit?(exit: ProcessExit): void;
  /** A child was started again after an exit. */
  onRestart?(name: string, pid: number | undefined, restarts: number): void;
}

/** The next delay of the backoff after `failures` consecutive short runs (1 -> 1 s). */
export function backoffMs(failures: number): number {
  return Math.min(RESTART_BASE_MS * 2 ** Math.max(0, failures - 1), RESTART_MAX_MS);
}

/** The last `count` non-empty lines of a log file (empty when it cannot be read). */
export function tailLines(file: string, count = 10): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('--- ')) // not the supervisor's own start lines
    .slice(-count);
}

export class SupervisedProcess {
  #child: ChildProcess | undefined;
  #stopping = false;
  #failures = 0;
  #restarts = 0;
  #timer: NodeJS.Timeout | undefined;
  #exited: Promise<void> = Promise.resolve();

  constructor(
    readonly spec: ProcessSpec,
    readonly hooks: SupervisorHooks = {},
  ) {}

  /** The pid of the running child, if one runs. */
  get pid(): number | undefined {
    return this.#child?.exitCode === null && this.#child.signalCode === null ? this.#child.pid : undefined;
  }

  /** How many times it was started again. */
  get restarts(): number {
    return this.#restarts;
  }

  get running(): boolean {
    return this.pid !== undefined;
  }

  /** Starts the child (the first time; restarts are scheduled by the exit handler). */
  start(): void {
    if (this.#stopping || this.#child !== undefined) return;
    this.#spawn();
  }

  #spawn(): void {
    const { spec } = this;
    const fd = openSync(spec.logFile, 'a');
    writeSync(fd, `--- ${new Date().toISOString()} ${[spec.command, ...spec.args].join(' ')}\n`);
    const node = spec.command === process.execPath && spec.watchdog !== undefined;
    const args = node ? ['--import', spec.watchdog ?? '', ...spec.args] : [...spec.args];
    const started = Date.now();
    let child: ChildProcess;
    try {
      child = spawn(spec.command, args, {
        cwd: spec.cwd,
        env: { ...spec.env, MINIMESH_PARENT_PID: String(process.pid) },
        stdio: ['ignore', fd, fd],
        detached: true,
      });
    } finally {
      closeSync(fd);
    }
    this.#child = child;
    let resolveExit!: () => void;
    this.#exited = new Promise((r) => {
      resolveExit = r;
    });
    let spawnError: Error | undefined;
    child.once('error', (err) => {
      spawnError = err;
      // 'exit' does not follow when the spawn itself failed.
      if (child.pid === undefined) onExit(null, null);
    });
    let done = false;
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      resolveExit();
      if (spawnError !== undefined) {
        const fd2 = openSync(spec.logFile, 'a');
        writeSync(fd2, `mesh dev: cannot start ${spec.command}: ${spawnError.message}\n`);
        closeSync(fd2);
      }
      if (this.#stopping) return;
      this.#failures = Date.now() - started >= RESTART_RESET_AFTER_MS ? 1 : this.#failures + 1;
      const restartInMs = backoffMs(this.#failures);
      this.hooks.onExit?.({
        name: spec.name,
        pid: child.pid,
        code,
        signal,
        restartInMs,
        lastLines: tailLines(spec.logFile),
      });
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        if (this.#stopping) return;
        this.#restarts++;
        this.#spawn();
        this.hooks.onRestart?.(spec.name, this.#child?.pid, this.#restarts);
      }, restartInMs);
    };
    child.once('exit', onExit);
  }

  /**
   * Stops it for good: SIGTERM, then SIGKILL (to its process group) when it has not exited after `graceMs`.
   * Resolves once the child is gone.
   */
  async stop(graceMs = STOP_GRACE_MS): Promise<void> {
    this.#stopping = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const pid = this.pid;
    if (pid === undefined) return;
    const exited = this.#exited;
    signal(pid, 'SIGTERM');
    let killer: NodeJS.Timeout | undefined;
    const killed = new Promise<void>((resolve) => {
      killer = setTimeout(() => {
        signal(-pid, 'SIGKILL');
        signal(pid, 'SIGKILL');
        resolve();
      }, graceMs);
    });
    await Promise.race([exited, killed]);
    clearTimeout(killer);
    await exited;
  }
}

/** Sends a signal, ignoring a process that is already gone. */
function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // ESRCH: it exited meanwhile.
  }
}
