// The processes of a dev mesh, from the control plane's workload and address plans: one `mesh-proxy` per sidecar
// and gateway instance (its node id, admin port, port table, inbound capture ports and forward proxy), and one app
// per instance with a `minimesh.dev/run` annotation (its command in DIR, with the environment Kubernetes and the
// sidecar would give it: PORT and HOST where to listen, the pod's identity, HTTP_PROXY = its sidecar's forward proxy).
import { join } from 'node:path';
import { nodeArgs, proxyArgs0 } from '../sea/sea-mode.js';
import type { InstanceAddresses } from './address-plan.js';
import type { ProcessSpec } from './process-supervisor.js';
import { resolveArgv } from './run-annotations.js';
import type { LocalWorkload } from './workloads.js';

/** Seconds a proxy drains its listeners on SIGTERM (`--drain-time-s`): short, the dev mesh stops as a whole. */
export const PROXY_DRAIN_S = 1;

export interface ProcessContext {
  readonly dir: string;
  readonly logsDir: string;
  /** HOST:PORT of the ADS server. */
  readonly xds: string;
  /** The built mesh-proxy script. */
  readonly proxyScript: string;
  /** Preloaded into Node.js children (child-watchdog.js), when it exists. */
  readonly watchdog?: string;
  /** The environment every child starts from (mesh dev's own). */
  readonly baseEnv: Readonly<Record<string, string | undefined>>;
}

/** What `mesh dev` runs for one instance. */
export interface PlannedProcess {
  readonly kind: 'proxy' | 'app';
  readonly workload: LocalWorkload;
  readonly spec: ProcessSpec;
  /** For apps: the local port its first container port listens on (readiness). */
  readonly port?: number;
}

/** The mesh-proxy flags of one instance (see packages/proxy/README.md). */
export function proxyArgs(w: LocalWorkload, a: InstanceAddresses, xds: string): string[] {
  const args = ['--xds', xds, '--node-id', w.proxyId, '--admin-port', String(a.adminPort)];
  for (const [lds, local] of Object.entries(a.listenerPorts)) args.push('--port', `${lds}=${local}`);
  if (a.kind === 'sidecar') {
    for (const [dst, local] of Object.entries(a.inboundPorts)) args.push('--inbound-port', `${dst}=${local}`);
    if (a.forwardProxyPort !== undefined) args.push('--forward-proxy-port', String(a.forwardProxyPort));
  }
  args.push('--drain-time-s', String(PROXY_DRAIN_S));
  return args;
}

/** The environment of an app: its annotation's env, then what the pod and its sidecar give it (these win). */
export function appEnv(
  w: LocalWorkload,
  a: InstanceAddresses | undefined,
  base: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const first = a?.containerPorts[0];
  const port = first === undefined ? undefined : a?.appPorts[first];
  const env: Record<string, string | undefined> = {
    ...base,
    ...(w.run?.env ?? {}),
    HOST: '127.0.0.1',
    POD_NAME: w.podName,
    HOSTNAME: w.podName,
    POD_NAMESPACE: w.namespace,
    SERVICE_ACCOUNT: w.serviceAccount,
    INSTANCE_IP: w.address,
    NO_PROXY: 'localhost,127.0.0.1',
    no_proxy: 'localhost,127.0.0.1',
  };
  // PORT 0 would make the app pick a port nobody routes to; without a container port the app chooses.
  if (port !== undefined) env.PORT = String(port);
  else delete env.PORT;
  for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy']) delete env[k];
  if (w.sidecar && a?.forwardProxyPort !== undefined) {
    env.HTTP_PROXY = `http://127.0.0.1:${a.forwardProxyPort}`;
    env.http_proxy = env.HTTP_PROXY;
  }
  return env;
}

/** A log file name for `name` (a pod name, maybe with a suffix). */
function logFileOf(ctx: ProcessContext, name: string): string {
  return join(ctx.logsDir, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.log`);
}

/** Every process of the plan: proxies first (gateways included), then apps. */
export function planProcesses(
  instances: readonly LocalWorkload[],
  addressOf: (w: LocalWorkload) => InstanceAddresses | undefined,
  ctx: ProcessContext,
): PlannedProcess[] {
  const proxies: PlannedProcess[] = [];
  const apps: PlannedProcess[] = [];
  const watchdog = ctx.watchdog === undefined ? {} : { watchdog: ctx.watchdog };
  for (const w of instances) {
    const a = addressOf(w);
    if (a !== undefined && (w.proxyType === 'router' || w.sidecar)) {
      const name = `${w.podName} (proxy)`;
      proxies.push({
        kind: 'proxy',
        workload: w,
        spec: {
          name,
          command: process.execPath,
          // In the single executable the binary is the proxy (`mesh __proxy`), see ../sea/sea-mode.ts.
          args: [...proxyArgs0(ctx.proxyScript), ...proxyArgs(w, a, ctx.xds)],
          cwd: ctx.dir,
          env: { ...ctx.baseEnv },
          logFile: logFileOf(ctx, `${w.podName}.proxy`),
          ...watchdog,
        },
      });
    }
    if (w.run !== undefined) {
      const [command = process.execPath, ...runArgs] = resolveArgv(w.run);
      // `node SCRIPT`: in the single executable the binary runs SCRIPT as `mesh __node SCRIPT`.
      const args = command === process.execPath ? nodeArgs(runArgs) : runArgs;
      const env = appEnv(w, a, ctx.baseEnv);
      apps.push({
        kind: 'app',
        workload: w,
        spec: {
          name: w.podName,
          command,
          args,
          cwd: ctx.dir,
          env,
          logFile: logFileOf(ctx, w.podName),
          ...watchdog,
        },
        ...(env.PORT === undefined ? {} : { port: Number(env.PORT) }),
      });
    }
  }
  return [...proxies, ...apps];
}
