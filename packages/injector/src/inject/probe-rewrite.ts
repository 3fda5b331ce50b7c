// App probe rewriting as Istio's app_probe.go does it: with mTLS the kubelet cannot reach the app's HTTP, TCP or
// gRPC probe directly, so each probe (and each HTTP/TCP lifecycle hook) is pointed at the agent's status port
// (15020) under a per-container path, and the original probes travel to the agent in ISTIO_KUBE_APP_PROBERS.
import type {
  ContainerLike,
  EnvVarLike,
  HttpGetLike,
  PodLike,
  ProbeHandlerLike,
  ProbeLike,
  StringMap,
} from '../types.js';
import { isRecord } from '../types.js';
import { A } from './annotations.js';
import { PROXY_CONTAINER } from './config.js';

export const APP_PROBERS_ENV = 'ISTIO_KUBE_APP_PROBERS';

export interface ProberUrls {
  readyz: string;
  livez: string;
  startupz: string;
  prestopz: string;
  poststartz: string;
}

/** The agent paths for a container's probes and lifecycle hooks (status.FormatProberURL). */
export function proberUrls(container: string): ProberUrls {
  return {
    readyz: `/app-health/${container}/readyz`,
    livez: `/app-health/${container}/livez`,
    startupz: `/app-health/${container}/startupz`,
    prestopz: `/app-lifecycle/${container}/prestopz`,
    poststartz: `/app-lifecycle/${container}/poststartz`,
  };
}

/** `sidecar.istio.io/rewriteAppHTTPProbers` when it parses as a boolean, else the configured default. */
export function shouldRewriteProbes(annotations: StringMap, fallback: boolean): boolean {
  const v = annotations[A.rewriteAppHTTPProbers];
  if (v === undefined) return fallback;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  return fallback;
}

interface Prober {
  httpGet?: HttpGetLike;
  tcpSocket?: Record<string, unknown>;
  grpc?: Record<string, unknown>;
  timeoutSeconds?: number;
}

/** Go's JSON field order for the action types, so the env value matches Istio's byte for byte. */
function ordered(obj: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (obj[k] !== undefined && obj[k] !== '') out[k] = obj[k];
  return out;
}

function toProber(handler: ProbeHandlerLike | undefined, withTimeout: boolean): Prober | undefined {
  if (!isRecord(handler)) return undefined;
  const timeout =
    withTimeout && typeof handler.timeoutSeconds === 'number' && handler.timeoutSeconds !== 0
      ? { timeoutSeconds: handler.timeoutSeconds }
      : {};
  if (isRecord(handler.httpGet)) {
    return {
      httpGet: ordered(handler.httpGet, ['path', 'port', 'host', 'scheme', 'httpHeaders']) as HttpGetLike,
      ...timeout,
    };
  }
  if (isRecord(handler.tcpSocket))
    return { tcpSocket: ordered(handler.tcpSocket, ['port', 'host']), ...timeout };
  if (withTimeout && isRecord(handler.grpc)) {
    return { grpc: { port: handler.grpc.port, service: handler.grpc.service ?? null }, ...timeout };
  }
  return undefined;
}

/** Resolves a named port; drops probes already aimed at the status port (re-injection) or at unknown names. */
function resolvePort(
  p: Prober | undefined,
  ports: Map<string, number>,
  statusPort: number,
): Prober | undefined {
  if (p === undefined) return undefined;
  if (p.grpc !== undefined) return p;
  const action = p.httpGet ?? p.tcpSocket;
  if (action === undefined) return undefined;
  const port = action.port;
  if (typeof port === 'string') {
    const n = ports.get(port);
    if (n === undefined) return undefined;
    action.port = n;
  } else if (port === statusPort) {
    return undefined;
  }
  return p;
}

function allContainers(pod: PodLike): ContainerLike[] {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
}

/** The ISTIO_KUBE_APP_PROBERS value (JSON, keys sorted), or "" when no probe needs the agent. */
export function dumpAppProbers(pod: PodLike, statusPort: number): string {
  const out: Record<string, Prober> = {};
  for (const c of allContainers(pod)) {
    if (c.name === PROXY_CONTAINER) continue;
    const urls = proberUrls(c.name);
    const ports = new Map<string, number>();
    for (const p of c.ports ?? []) if (p.name) ports.set(p.name, p.containerPort);
    const put = (key: string, p: Prober | undefined) => {
      const r = resolvePort(p, ports, statusPort);
      if (r !== undefined) out[key] = r;
    };
    put(urls.readyz, toProber(c.readinessProbe, true));
    put(urls.livez, toProber(c.livenessProbe, true));
    put(urls.startupz, toProber(c.startupProbe, true));
    if (isRecord(c.lifecycle)) {
      put(urls.prestopz, toProber(c.lifecycle.preStop, false));
      put(urls.poststartz, toProber(c.lifecycle.postStart, false));
    }
  }
  const keys = Object.keys(out).sort();
  if (keys.length === 0) return '';
  const sorted: Record<string, Prober> = {};
  for (const k of keys) sorted[k] = out[k] as Prober;
  return JSON.stringify(sorted);
}

function rewriteAction(action: HttpGetLike | undefined, url: string, port: number): HttpGetLike {
  const out: HttpGetLike = { ...(action ?? { port }) };
  out.port = port;
  out.path = url;
  if (out.scheme === 'HTTPS') out.scheme = 'HTTP';
  return out;
}

function convert<T extends ProbeHandlerLike>(
  handler: T | undefined,
  url: string,
  port: number,
  grpc: boolean,
): T | undefined {
  if (!isRecord(handler)) return undefined;
  if (isRecord(handler.httpGet)) return { ...handler, httpGet: rewriteAction(handler.httpGet, url, port) };
  if (isRecord(handler.tcpSocket) || (grpc && isRecord(handler.grpc))) {
    const { tcpSocket: _t, grpc: _g, ...rest } = handler;
    return { ...rest, httpGet: rewriteAction(undefined, url, port) } as T;
  }
  return undefined;
}

function convertContainer(c: ContainerLike, statusPort: number): ContainerLike {
  const urls = proberUrls(c.name);
  const out: ContainerLike = { ...c };
  const probe = (p: ProbeLike | undefined, url: string) => convert(p, url, statusPort, true) ?? p;
  if (c.readinessProbe !== undefined) out.readinessProbe = probe(c.readinessProbe, urls.readyz);
  if (c.livenessProbe !== undefined) out.livenessProbe = probe(c.livenessProbe, urls.livez);
  if (c.startupProbe !== undefined) out.startupProbe = probe(c.startupProbe, urls.startupz);
  if (isRecord(c.lifecycle)) {
    const lc = { ...c.lifecycle };
    const pre = convert(lc.preStop, urls.prestopz, statusPort, false);
    if (pre !== undefined) lc.preStop = pre;
    const post = convert(lc.postStart, urls.poststartz, statusPort, false);
    if (post !== undefined) lc.postStart = post;
    out.lifecycle = lc;
  }
  return out;
}

/** Points every app probe and HTTP/TCP lifecycle hook at the status port (annotation, else `defaultPort`). */
export function rewriteProbes(pod: PodLike, defaultPort: number): void {
  const anno = pod.metadata?.annotations?.[A.statusPort];
  const statusPort = anno === undefined ? defaultPort : Number.parseInt(anno, 10) || 0;
  pod.spec.containers = pod.spec.containers.map((c) =>
    c.name === PROXY_CONTAINER ? c : convertContainer(c, statusPort),
  );
  if (pod.spec.initContainers !== undefined) {
    pod.spec.initContainers = pod.spec.initContainers.map((c) =>
      c.name === PROXY_CONTAINER ? c : convertContainer(c, statusPort),
    );
  }
}

/** Adds the probers to the proxy's env; on re-injection merges them with the ones already there (old win). */
export function mergeOrAppendProbers(
  previouslyInjected: boolean,
  env: EnvVarLike[],
  probers: string,
): EnvVarLike[] {
  if (previouslyInjected) {
    const idx = env.findIndex((e) => e.name === APP_PROBERS_ENV);
    if (idx >= 0) {
      try {
        const existing = JSON.parse(env[idx]?.value ?? '') as Record<string, unknown>;
        const merged = { ...(JSON.parse(probers) as Record<string, unknown>), ...existing };
        const sorted: Record<string, unknown> = {};
        for (const k of Object.keys(merged).sort()) sorted[k] = merged[k];
        const out = [...env];
        out[idx] = { name: APP_PROBERS_ENV, value: JSON.stringify(sorted) };
        return out;
      } catch {
        return env;
      }
    }
  }
  return [...env, { name: APP_PROBERS_ENV, value: probers }];
}
