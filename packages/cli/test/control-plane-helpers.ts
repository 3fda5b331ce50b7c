// Shared by the control plane tests: a copy of examples/bookinfo/manifests in a temp dir, a real control plane on
// ephemeral ports over it, real proxies (startProxy) connected to it with the address plan's ports, and the
// proxies' own /config_dump read over their admin API.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningProxy, startProxy } from '@minimesh/proxy';
import {
  type ControlPlane,
  type ControlPlaneEvent,
  type ControlPlaneOptions,
  startControlPlane,
} from '../src/index.js';

export const BOOKINFO_MANIFESTS = fileURLToPath(
  new URL('../../../examples/bookinfo/manifests', import.meta.url),
);
export const ISTIO_NETWORKING = fileURLToPath(
  new URL('../../../../shared/istio-samples/samples/bookinfo/networking', import.meta.url),
);

/** A temp dir holding a copy of bookinfo's manifests (under `manifests/`). */
export function copyBookinfo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-cp-'));
  cpSync(BOOKINFO_MANIFESTS, join(dir, 'manifests'), { recursive: true });
  return dir;
}

export interface TestPlane {
  readonly cp: ControlPlane;
  readonly events: ControlPlaneEvent[];
  readonly log: string[];
}

export async function startTestPlane(
  dir: string,
  extra: Partial<ControlPlaneOptions> = {},
): Promise<TestPlane> {
  const events: ControlPlaneEvent[] = [];
  const log: string[] = [];
  const cp = await startControlPlane({
    dir,
    xdsPort: 0,
    apiPort: 0,
    gatewayPorts: { 8080: 0 },
    debounceMs: 20,
    log: (line) => log.push(line),
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { cp, events, log };
}

/** Polls `check` every 10 ms until it holds; fails after `timeoutMs`, naming `what`. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A real proxy for the workload `workloadName` (a Deployment, or the ingress gateway), with its planned ports. */
export async function startPlannedProxy(cp: ControlPlane, workloadName: string): Promise<RunningProxy> {
  const w = cp.workloadPlan.instances.find((i) => i.workloadName === workloadName);
  if (w === undefined) throw new Error(`no workload ${workloadName}`);
  const a = cp.addressPlan.pod(w.podName, w.namespace);
  if (a === undefined) throw new Error(`no addresses for ${w.podName}`);
  const proxy = await startProxy({
    xds: cp.xdsAddress,
    nodeId: w.proxyId,
    adminPort: a.adminPort,
    portMap: a.listenerPorts,
    ...(a.kind === 'sidecar'
      ? { inboundPorts: a.inboundPorts, forwardProxyPort: a.forwardProxyPort ?? 0 }
      : {}),
    backoff: { baseMs: 50, maxMs: 200 },
    logLevel: 'silent',
  });
  await proxy.ready(10_000);
  return proxy;
}

export interface Dump {
  readonly clusters: Record<string, unknown>[];
  readonly endpoints: Record<string, unknown>[];
  readonly listeners: Record<string, unknown>[];
  readonly routes: Record<string, unknown>[];
  readonly text: string;
}

/** The proxy's /config_dump?include_eds, by type. */
export async function configDump(proxy: RunningProxy): Promise<Dump> {
  const res = await fetch(`http://127.0.0.1:${proxy.adminPort}/config_dump?include_eds`);
  const text = await res.text();
  const d = JSON.parse(text) as { configs: Record<string, unknown>[] };
  const of = (type: string) => d.configs.find((c) => String(c['@type']).endsWith(type)) ?? {};
  const list = (o: Record<string, unknown>, key: string, inner: string) =>
    ((o[key] as Record<string, unknown>[] | undefined) ?? []).map((e) => e[inner] as Record<string, unknown>);
  return {
    clusters: list(of('ClustersConfigDump'), 'dynamic_active_clusters', 'cluster'),
    endpoints: list(of('EndpointsConfigDump'), 'dynamic_endpoint_configs', 'endpoint_config'),
    listeners: list(of('ListenersConfigDump'), 'dynamic_listeners', 'active_state').map(
      (s) => (s as { listener: Record<string, unknown> }).listener,
    ),
    routes: list(of('RoutesConfigDump'), 'dynamic_route_configs', 'route_config'),
    text,
  };
}

/** The socket addresses (`ip:port`) of a ClusterLoadAssignment-shaped object. */
export function addressesOf(cla: Record<string, unknown> | undefined): string[] {
  const eps =
    (cla?.endpoints as {
      lb_endpoints?: {
        endpoint?: { address?: { socket_address?: { address: string; port_value: number } } };
      }[];
    }[]) ?? [];
  return eps.flatMap((l) =>
    (l.lb_endpoints ?? []).map(
      (e) =>
        `${e.endpoint?.address?.socket_address?.address}:${e.endpoint?.address?.socket_address?.port_value}`,
    ),
  );
}
