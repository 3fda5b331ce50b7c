// `mesh dev DIR`: runs the whole mesh of DIR locally (see src/dev/orchestrator.ts): the control plane, the ingress
// gateway, and every workload as its own process with its own sidecar proxy. `startDev` starts it and returns the
// running mesh (or the exit status, with the reason printed); `runDev` is the command: it starts the mesh, runs until
// SIGINT or SIGTERM, stops everything and resolves to 0.
import { colourAllowed, type DevSink, progressFor } from '../dev/dev-output.js';
import { type DevMesh, startDevMesh } from '../dev/orchestrator.js';
import { DevStartError } from '../dev/orchestrator-preflight.js';

export interface DevOptions {
  /** The directory of manifests to run (also the apps' working directory). */
  dir: string;
  /**
   * Paths under `dir` not loaded at start: by default `networking`, the folder of Istio task configs that are
   * applied one at a time later (their names repeat on purpose, each step replacing the last).
   */
  exclude?: readonly string[];
  /** Local port of the ingress gateway (default 8080; 0 = a free port). */
  gatewayPort?: number;
  /** ADS port (default 15010; 0 = a free port). */
  xdsPort?: number;
  /** Control API port for `mesh apply` (default 15014; 0 = a free port). */
  apiPort?: number;
  /** Port of the live dashboard on 127.0.0.1 (default 20001; 0 = a free port; false = no dashboard). */
  dashboardPort?: number | false;
  /** Directory of the per-process log files (default: a new temp dir). */
  logsDir?: string;
  /** Bound of the wait for readiness, ms (default 60 s). */
  readyTimeoutMs?: number;
  /** Where lines go (default: stdout and stderr). */
  io?: DevSink;
  /** Show progress with listr2's renderer (default: when stderr is a TTY and NO_COLOR is unset). */
  interactive?: boolean;
  /** Aborts the start (everything started is stopped; exitCode 1). */
  signal?: AbortSignal;
}

/** What `mesh dev` leaves out of DIR unless told otherwise. */
export const DEV_DEFAULT_EXCLUDE: readonly string[] = Object.freeze(['networking']);

export interface DevOutcome {
  /** 0 when the mesh runs; 1 when it could not start (the reason was printed). */
  exitCode: number;
  /** The running mesh, when it started. */
  mesh?: DevMesh;
  /** Why it could not start. */
  error?: DevStartError;
}

const processSink: DevSink = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

/** Starts the dev mesh; never throws for bad input or a busy port (the reason is printed, exitCode 1). */
export async function startDev(options: DevOptions): Promise<DevOutcome> {
  const io = options.io ?? processSink;
  // listr2 needs a real terminal: a TTY of some width (a pseudo-terminal of 0 columns wraps every character).
  const interactive =
    options.interactive ?? (colourAllowed(process.stderr.isTTY) && (process.stderr.columns ?? 0) >= 40);
  try {
    const mesh = await startDevMesh({
      dir: options.dir,
      ...(options.exclude === undefined ? {} : { exclude: options.exclude }),
      ...(options.gatewayPort === undefined ? {} : { gatewayPort: options.gatewayPort }),
      ...(options.xdsPort === undefined ? {} : { xdsPort: options.xdsPort }),
      ...(options.apiPort === undefined ? {} : { apiPort: options.apiPort }),
      ...(options.dashboardPort === undefined ? {} : { dashboardPort: options.dashboardPort }),
      ...(options.logsDir === undefined ? {} : { logsDir: options.logsDir }),
      ...(options.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: options.readyTimeoutMs }),
      sink: io,
      progress: progressFor(io, interactive),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    return { exitCode: 0, mesh };
  } catch (err) {
    const error =
      err instanceof DevStartError ? err : new DevStartError('MESH_NOT_READY', (err as Error).message);
    // Diagnostics (`error: file:line ...`) and continuation lines are printed as they are; the rest is prefixed.
    for (const [i, line] of error.message.split('\n').entries())
      io.err(
        i > 0 || line.startsWith('error:') || line.startsWith('warning:') || line.startsWith('mesh')
          ? line
          : `mesh dev: ${line}`,
      );
    return { exitCode: 1, error };
  }
}

/** The signals that stop `mesh dev` (SIGHUP: its terminal closed). */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** Something that delivers the stop signals (the process; tests pass an emitter). */
export interface SignalSource {
  once(signal: StopSignal, listener: () => void): unknown;
  removeListener(signal: StopSignal, listener: () => void): unknown;
}

/** `mesh dev`: starts the mesh and runs until SIGINT, SIGTERM or SIGHUP; resolves to the exit status (0 after a stop). */
export async function runDev(options: DevOptions, signals: SignalSource = process): Promise<number> {
  const io = options.io ?? processSink;
  // Signals during start-up stop the mesh as soon as it has started (or failed).
  let signalled: StopSignal | undefined;
  let wake: (() => void) | undefined;
  const abort = new AbortController();
  const stopSignals: StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const handlers = stopSignals.map((sig) => {
    const handler = () => {
      signalled ??= sig;
      abort.abort();
      wake?.();
    };
    signals.once(sig, handler);
    return [sig, handler] as const;
  });
  try {
    const outcome = await startDev({ ...options, signal: abort.signal });
    // A signal during the start stops it; that is a stop, not a failure.
    if (outcome.mesh === undefined) return signalled === undefined ? outcome.exitCode : 0;
    if (signalled === undefined)
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    io.err(
      `mesh dev: ${signalled ?? 'signal'} received; stopping ${outcome.mesh.processes.length} processes`,
    );
    await outcome.mesh.stop();
    io.err('mesh dev: stopped');
    return 0;
  } finally {
    for (const [sig, handler] of handlers) signals.removeListener(sig, handler);
  }
}
