// `mesh dev DIR` as a function: checks (DIR, ports, builds), starts the control plane, then every proxy and app as
// its own supervised process, waits until the mesh is ready (readiness.ts), prints one ready line, and reports the
// control plane's events and crashed processes while it runs. `stop()` stops every process (SIGTERM, then SIGKILL
// after 5 s) and then the control plane. Invariant: when startDevMesh throws, nothing it started is left running.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic } from '@minimesh/model';
import { createDashboardFeed, type DashboardFeedHandle } from '../dashboard/dashboard-feed.js';
import { type DashboardServer, startDashboardServer } from '../dashboard/dashboard-server.js';
import { freePorts } from './address-plan.js';
import { type ControlPlane, ControlPlaneError, startControlPlane } from './control-plane.js';
import { type DevSink, eventLine, exitLines, type Progress, plainProgress } from './dev-output.js';
import {
  checkDirectory,
  checkPorts,
  checkRunScripts,
  DevStartError,
  proxyScript,
} from './orchestrator-preflight.js';
import { type PlannedProcess, planProcesses } from './orchestrator-processes.js';
import { SupervisedProcess, tailLines } from './process-supervisor.js';
import { NotReadyError, waitReady } from './readiness.js';

export interface DevMeshOptions {
  readonly dir: string;
  /** Paths under DIR not loaded at start (default: `networking`). */
  readonly exclude?: readonly string[];
  /** Local port of the ingress gateway's HTTP listener 8080 (default 8080; 0 = a free port). */
  readonly gatewayPort?: number;
  /** ADS port (default 15010; 0 = a free port). */
  readonly xdsPort?: number;
  /** Control API port (default 15014; 0 = a free port). */
  readonly apiPort?: number;
  /** Dashboard port on 127.0.0.1 (default 20001; 0 = a free port; false: no dashboard and no access log stream). */
  readonly dashboardPort?: number | false;
  /** Where per-process log files go (default: a new temp dir). */
  readonly logsDir?: string;
  /** Bound of the wait for readiness, ms (default 60 s). */
  readonly readyTimeoutMs?: number;
  /** Where lines go (default: process stdout / stderr). */
  readonly sink?: DevSink;
  /** How start-up steps are shown (default: plain lines on the sink). */
  readonly progress?: Progress;
  /** Aborts the start (a signal arrived): everything started is stopped and DevStartError thrown. */
  readonly signal?: AbortSignal;
}

export interface DevMesh {
  readonly dir: string;
  readonly controlPlane: ControlPlane;
  readonly logsDir: string;
  /** http://127.0.0.1:PORT of the ingress gateway. */
  readonly gatewayUrl: string;
  /** http://127.0.0.1:PORT/ of the live dashboard, unless it is off. */
  readonly dashboardUrl?: string;
  readonly processes: readonly SupervisedProcess[];
  /** The pids of the children running now. */
  pids(): number[];
  /** Stops everything; idempotent; resolves when every child is gone and the control plane closed. */
  stop(): Promise<void>;
}

const defaultSink: DevSink = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

/** The preloaded watchdog next to this file (absent when running from sources). */
function watchdogUrl(): string | undefined {
  const url = new URL('./child-watchdog.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url.href : undefined;
}

/** Starts the dev mesh of `options.dir`; throws DevStartError (nothing left running) when it cannot. */
export async function startDevMesh(options: DevMeshOptions): Promise<DevMesh> {
  const started = performance.now();
  const sink = options.sink ?? defaultSink;
  const progress = options.progress ?? plainProgress(sink);
  const dir = resolve(options.dir);
  await checkDirectory(options.dir);
  const gatewayPort = options.gatewayPort ?? 8080;
  await checkPorts([
    { port: options.xdsPort ?? 15010, what: 'xDS server', option: '--xds-port' },
    { port: options.apiPort ?? 15014, what: 'control API', option: '--api-port' },
    { port: gatewayPort, what: 'ingress gateway', option: '--gateway-port' },
    ...(options.dashboardPort === false
      ? []
      : [{ port: options.dashboardPort ?? 20001, what: 'dashboard', option: '--dashboard-port' }]),
  ]);
  const script = proxyScript();
  // Until the mesh runs, the control plane's own lines would repeat the diagnostics thrown with its error.
  let live = false;
  const cp = await progress
    .step('control plane', () =>
      startControlPlane({
        dir,
        ...(options.exclude === undefined ? {} : { exclude: options.exclude }),
        xdsPort: options.xdsPort ?? 15010,
        apiPort: options.apiPort ?? 15014,
        gatewayPorts: { 8080: gatewayPort },
        accessLogService: options.dashboardPort !== false,
        log: (line) => {
          if (live) sink.err(line);
        },
        onEvent: (e) => {
          const line = live ? eventLine(dir, e) : undefined;
          if (line !== undefined) sink.err(line);
        },
      }),
    )
    .catch((err: unknown) => {
      throw startError(err, options.dir);
    });
  live = true;
  const processes: SupervisedProcess[] = [];
  let feed: DashboardFeedHandle | undefined;
  let dashboard: DashboardServer | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await dashboard?.close();
      feed?.close();
      await Promise.all(processes.map((p) => p.stop()));
      await cp.close();
    })();
    return stopping;
  };
  try {
    if (options.dashboardPort !== false) {
      // Before any proxy starts, so the telemetry and the timeline see everything from the first request.
      // Port 0 must not take a port the address plan gave a proxy or an app that has not bound it yet.
      const port =
        options.dashboardPort === 0
          ? ((await freePorts(1, '127.0.0.1', cp.addressPlan.usedPorts()))[0] ?? 0)
          : (options.dashboardPort ?? 20001);
      feed = createDashboardFeed(cp, {
        ...(options.exclude === undefined ? {} : { exclude: options.exclude }),
      });
      const f = feed;
      dashboard = await progress.step(`dashboard on 127.0.0.1:${port}`, () =>
        startDashboardServer({ feed: f, port }).catch((err: unknown) => {
          throw new DevStartError(
            'MESH_PORT_IN_USE',
            `cannot listen on 127.0.0.1:${port} for the dashboard: ${(err as Error).message}; use --dashboard-port or --no-dashboard`,
          );
        }),
      );
    }
    checkRunScripts(dir, cp.workloadPlan.instances);
    const logsDir = options.logsDir ?? mkdtempSync(join(tmpdir(), 'mesh-dev-logs-'));
    mkdirSync(logsDir, { recursive: true });
    const watchdog = watchdogUrl();
    const planned = planProcesses(
      cp.workloadPlan.instances,
      (w) => cp.addressPlan.pod(w.podName, w.namespace),
      {
        dir,
        logsDir,
        xds: cp.xdsAddress,
        proxyScript: script,
        baseEnv: process.env,
        ...(watchdog === undefined ? {} : { watchdog }),
      },
    );
    const proxies = planned.filter((p) => p.kind === 'proxy');
    const apps = planned.filter((p) => p.kind === 'app');
    const spawnAll = async (list: PlannedProcess[]) => {
      for (const p of list) {
        const sp = new SupervisedProcess(p.spec, {
          onExit: (exit) => {
            for (const line of exitLines(exit, p.spec.logFile)) sink.err(line);
          },
          onRestart: (name, pid) => sink.err(`mesh dev: ${name} restarted (pid ${pid ?? '?'})`),
        });
        processes.push(sp);
        sp.start();
      }
    };
    await progress.step(`${proxies.length} proxies (logs in ${logsDir})`, () => spawnAll(proxies));
    await progress.step(`${apps.length} apps`, () => spawnAll(apps));
    const gw = cp.workloadPlan.gateways[0];
    const gwAddr = gw === undefined ? undefined : cp.addressPlan.pod(gw.podName, gw.namespace);
    const localGatewayPort = gwAddr?.listenerPorts[8080];
    // The gateway has a listener (and so answers HTTP) only once some Gateway configures it.
    const gatewayConfigured = cp.resources().some((r) => r.kind === 'Gateway');
    const readyTimeoutMs = options.readyTimeoutMs;
    await progress.step(
      `proxies SYNCED, apps listening${gatewayConfigured ? ', gateway answering' : ''}`,
      () =>
        waitReady({
          nodeIds: proxies.map((p) => p.workload.proxyId),
          apps: new Map(apps.flatMap((a) => (a.port === undefined ? [] : [[a.spec.name, a.port] as const]))),
          ...(localGatewayPort === undefined || !gatewayConfigured ? {} : { gatewayPort: localGatewayPort }),
          status: () => cp.status(),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          ...(readyTimeoutMs === undefined ? {} : { timeoutMs: readyTimeoutMs }),
        }),
    );
    const gatewayUrl = `http://127.0.0.1:${localGatewayPort ?? gatewayPort}`;
    const hasProductpage = cp.resources().some((r) => r.kind === 'Service' && r.name === 'productpage');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    sink.out(
      `mesh dev: ready in ${seconds} s: gateway ${gatewayUrl}${hasProductpage ? '/productpage' : '/'}, ${dashboard === undefined ? '' : `dashboard ${dashboard.url}, `}control plane http://${cp.apiAddress} (xDS ${cp.xdsAddress}), logs ${logsDir}; Ctrl-C stops`,
    );
    return {
      dir,
      controlPlane: cp,
      logsDir,
      gatewayUrl,
      ...(dashboard === undefined ? {} : { dashboardUrl: dashboard.url }),
      processes,
      pids: () => processes.flatMap((p) => (p.pid === undefined ? [] : [p.pid])),
      stop,
    };
  } catch (err) {
    const details = logTails(err, processes); // before the stop: which processes run matters
    await stop();
    throw startError(err, options.dir, details);
  }
}

/** For a readiness failure: the last log lines of every process named as not ready (or not running). */
function logTails(err: unknown, processes: readonly SupervisedProcess[]): string[] {
  if (!(err instanceof NotReadyError)) return [];
  const lines: string[] = [];
  for (const p of processes) {
    const pod = p.spec.name.replace(/ \(proxy\)$/, '');
    const named = err.waiting.some((w) =>
      w.startsWith(`${p.spec.name.endsWith('(proxy)') ? 'proxy' : 'app'} ${pod}:`),
    );
    if (!named && p.running) continue;
    const tail = tailLines(p.spec.logFile, 5);
    if (tail.length === 0) continue;
    lines.push(`${p.spec.name}${p.running ? '' : ' (not running)'}: last lines of ${p.spec.logFile}:`);
    for (const l of tail) lines.push(`  | ${l}`);
  }
  return lines;
}

/** The DevStartError for a start-up failure (load diagnostics become lines of its message). */
function startError(err: unknown, dir: string, details: readonly string[] = []): DevStartError {
  if (err instanceof DevStartError) return err;
  if (err instanceof NotReadyError)
    return new DevStartError('MESH_NOT_READY', [err.message, ...details].join('\n'));
  if (err instanceof ControlPlaneError) {
    if (err.code === 'MESH_LOAD_FAILED') {
      const errors = err.diagnostics.filter((d) => d.severity === 'error');
      const lines = err.diagnostics.map((d) => `${d.severity}: ${formatDiagnostic(d)}`);
      lines.push(`mesh dev: ${errors.length} error(s) in ${dir}; nothing was started`);
      return new DevStartError('MESH_LOAD_FAILED', lines.join('\n'));
    }
    return new DevStartError(err.code, err.message);
  }
  return new DevStartError('MESH_NOT_READY', (err as Error).message ?? String(err));
}
