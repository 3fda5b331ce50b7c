// Prometheus metrics merging as Istio's webhook applies it: the pod's own `prometheus.io/*` annotations move
// into ISTIO_PROMETHEUS_ANNOTATIONS on the proxy (the agent scrapes the app and merges its metrics), and the
// pod annotations point Prometheus at the agent (`:15020/stats/prometheus`).
import { TemplateError } from '../errors.js';
import type { ContainerLike, PodLike, StringMap } from '../types.js';
import { A } from './annotations.js';

export const PROMETHEUS_ENV = 'ISTIO_PROMETHEUS_ANNOTATIONS';
const SCRAPE = 'prometheus_io_scrape';
const PORT = 'prometheus_io_port';
const PATH = 'prometheus_io_path';
const TARGETS = 'prometheus_istio_io_scrape_targets';

/** Data-plane ports the agent owns; scraping them would hit Envoy or recurse (status.istioReservedPorts). */
const RESERVED: Readonly<Record<string, string>> = {
  '15000': 'Envoy admin',
  '15001': 'outbound traffic capture',
  '15004': 'pilot debug',
  '15006': 'inbound traffic capture',
  '15008': 'HBONE tunnel',
  '15020': 'pilot-agent status / merged Prometheus',
  '15021': 'Envoy health',
  '15053': 'DNS proxy',
  '15090': 'Envoy Prometheus (already merged)',
};

/** Prometheus' label-name sanitizing (non [a-zA-Z0-9_] becomes "_"), used to match annotation variants. */
function sanitize(key: string): string {
  return key.replace(/[^a-zA-Z0-9_]/g, '_');
}

function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  return undefined;
}

/** Annotation keys in sorted order, so that "first match" is deterministic (Go's map order is not). */
function find(annotations: StringMap, sanitized: string): [string, string] | undefined {
  for (const k of Object.keys(annotations).sort()) {
    if (sanitize(k) === sanitized) return [k, annotations[k] ?? ''];
  }
  return undefined;
}

interface ScrapeConfig {
  scrape: string;
  path: string;
  port: string;
  targets?: { port: string; path: string }[];
}

function parseTargets(raw: string): { port: string; path: string }[] | undefined {
  const out: { port: string; path: string }[] = [];
  for (const entry of raw.split(',')) {
    const e = entry.trim();
    if (e === '') continue;
    const colon = e.indexOf(':');
    const port = (colon < 0 ? e : e.slice(0, colon)).trim();
    if (port === '') return undefined;
    const path = colon < 0 ? '' : e.slice(colon + 1).trim();
    out.push({ port, path: path || '/metrics' });
  }
  return out;
}

function checkPort(port: string, agentPort: string, what: string): void {
  const n = /^\d+$/.test(port) ? Number(port) : Number.NaN;
  if (!(n >= 1 && n <= 65535))
    throw new TemplateError(`invalid prometheus scrape ${what}: invalid port "${port}"`);
  const canon = String(n);
  if (canon === agentPort)
    throw new TemplateError(`invalid prometheus scrape ${what}: port ${port} conflicts with agent port`);
  const reason = RESERVED[canon];
  if (reason !== undefined) {
    throw new TemplateError(
      `invalid prometheus scrape ${what}: port ${port} is reserved for Istio (${reason}) and cannot be scraped`,
    );
  }
}

function clear(annotations: StringMap): void {
  for (const k of Object.keys(annotations)) {
    if ([SCRAPE, PORT, PATH, TARGETS].includes(sanitize(k))) delete annotations[k];
  }
}

/** When the pod has been injected before and points Prometheus at the agent, forget those annotations. */
export function stripPrometheus(annotations: StringMap, statusPort: number): void {
  const port = find(annotations, PORT);
  if (port !== undefined && port[1] === String(statusPort)) clear(annotations);
}

/** Applies metrics merging to `pod` (its annotations and its proxy's env); `enabled` is the mesh setting. */
export function applyPrometheusMerge(
  pod: PodLike,
  proxy: ContainerLike | undefined,
  statusPort: number,
  enabled: boolean,
): void {
  const annotations = pod.metadata?.annotations ?? {};
  const scrapeAnno = find(annotations, SCRAPE);
  const scrape = scrapeAnno === undefined ? true : (parseBool(scrapeAnno[1]) ?? true);
  const merge =
    A.prometheusMergeMetrics in annotations
      ? (parseBool(annotations[A.prometheusMergeMetrics] ?? '') ?? enabled)
      : enabled;
  if (!scrape || !merge) return;
  const target = String(statusPort);
  const current = find(annotations, PORT);
  if (current !== undefined && current[1] === target) return;
  const cfg: ScrapeConfig = {
    scrape: scrapeAnno?.[1] ?? '',
    path: find(annotations, PATH)?.[1] ?? '',
    port: current?.[1] ?? '',
  };
  const targetsAnno = find(annotations, TARGETS);
  const targets = targetsAnno === undefined ? undefined : parseTargets(targetsAnno[1]);
  if (targets !== undefined && targets.length > 0) {
    cfg.targets = targets;
    cfg.port = targets[0]?.port ?? '';
    cfg.path = targets[0]?.path ?? '';
    for (const t of targets) checkPort(t.port, target, 'targets');
  } else if (cfg.port !== '') {
    checkPort(cfg.port, target, 'configuration');
  }
  const empty = cfg.scrape === '' && cfg.path === '' && cfg.port === '' && cfg.targets === undefined;
  if (proxy !== undefined && !empty) {
    proxy.env = [...(proxy.env ?? []), { name: PROMETHEUS_ENV, value: JSON.stringify(cfg) }];
  }
  clear(annotations);
  annotations['prometheus.io/port'] = target;
  annotations['prometheus.io/path'] = '/stats/prometheus';
  annotations['prometheus.io/scrape'] = 'true';
  if (pod.metadata !== undefined) pod.metadata.annotations = annotations;
}
