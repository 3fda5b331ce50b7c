// The decision trace of one recorded request: the translator's simulator over the proxy that reported it,
// translated on the configuration version live when the request was made (ConfigHistory), with the random draw
// that lands a weighted pick where the request went. `matched` names the VirtualService route and match
// (`spec.http[i].match[j]`) at its file:line; `endpointWorkloads` names the pods behind the result's endpoints.
import type { LoadedResource, Route, RouteConfiguration } from '@minimesh/model';
import { parseConfigPath, type SimulationResult } from '@minimesh/translator';
import { POD_KINDS } from '../../dev/workloads.js';
import type { DecisionTrace, RequestRecord, SourceRef } from '../protocol.js';
import type { ConfigHistory } from './config-history.js';
import { type NodeTranslation, podsByAddress, translateNodeCached } from './node-translation.js';
import { recordedCall, simulateAsRecorded } from './recorded-call.js';
import { sourceRefOf } from './source-ref.js';
import { TraceError } from './trace-error.js';

/** `istio.config` path and `minimesh.http` index of a route's metadata ('' / -1 when absent). */
function routeOrigin(route: Route): string {
  const fm = route.metadata?.filter_metadata;
  const path = fm?.istio?.fields?.config?.stringValue ?? '';
  const http = fm?.minimesh?.fields?.http?.numberValue;
  return `${path}#${http ?? -1}`;
}

/**
 * Which match of its `http[i]` the matched route is: istiod emits one Envoy route per match, in order, so it is the
 * count of earlier routes of the virtual host from the same VirtualService http entry.
 */
function matchIndex(routes: readonly RouteConfiguration[], result: SimulationResult): number | undefined {
  const rc = routes.find((r) => r.name === result.routeConfig);
  const vh = rc?.virtual_hosts?.find((v, i) => (v.name ?? `#${i}`) === result.virtualHost);
  const index = result.route?.index;
  const list = vh?.routes ?? [];
  const matched = index === undefined ? undefined : list[index];
  if (matched === undefined || index === undefined) return undefined;
  const origin = routeOrigin(matched);
  let j = 0;
  for (let i = 0; i < index; i++) if (list[i] !== undefined && routeOrigin(list[i] as Route) === origin) j++;
  return j;
}

interface VsSpec {
  readonly spec?: { readonly http?: readonly { readonly match?: readonly unknown[] }[] };
}

/** The matched VirtualService route as a SourceRef at the line of its `match[j]` (or `http[i]` with no match). */
export function matchedRef(
  resources: readonly LoadedResource[],
  t: NodeTranslation,
  result: SimulationResult,
): SourceRef | undefined {
  const config = result.config;
  if (config === undefined) return undefined;
  const base: SourceRef = {
    kind: config.kind,
    namespace: config.namespace,
    name: config.name,
    ...(config.file === undefined ? {} : { file: config.file }),
    ...(config.line === undefined ? {} : { line: config.line }),
  };
  const i = config.httpIndex;
  if (i === undefined) return base;
  const vs = resources.find(
    (r) => r.kind === config.kind && r.namespace === config.namespace && r.name === config.name,
  );
  const matches = (vs?.object as VsSpec | undefined)?.spec?.http?.[i]?.match ?? [];
  const j = matches.length === 0 ? undefined : matchIndex(t.translation.routes, result);
  const path: (string | number)[] =
    j === undefined ? ['spec', 'http', i] : ['spec', 'http', i, 'match', Math.min(j, matches.length - 1)];
  const field = j === undefined ? `spec.http[${i}]` : `spec.http[${i}].match[${path[4]}]`;
  let line = config.line;
  if (vs !== undefined && (config.file === undefined || config.file === vs.source.file)) {
    const at = vs.source.locate(path);
    if (at.exact) line = at.line;
  }
  return { ...base, field, ...(line === undefined ? {} : { line }) };
}

/** `ip:port` -> pod name for each endpoint of the result whose IP is a planned pod's. */
export function endpointWorkloads(t: NodeTranslation, result: SimulationResult): Record<string, string> {
  const pods = podsByAddress(t.plan);
  const out: Record<string, string> = {};
  for (const e of result.endpoints ?? []) {
    const ip = e.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    const pod = pods.get(ip);
    if (pod !== undefined) out[e] = pod;
  }
  return out;
}

/** The resources of the version live at the record's time, or the newest kept (exact=false). */
export function versionFor(
  record: RequestRecord,
  history: ConfigHistory,
): { version: number; exact: boolean; resources: readonly LoadedResource[] } {
  const live = history.versionAt(record.time);
  const version = live > 0 ? live : record.configVersion;
  const resources = history.at(version);
  if (resources !== undefined) return { version, exact: true, resources };
  const latest = history.latest();
  if (latest === undefined)
    throw new TraceError(
      'TRACE_NO_CONFIG',
      `request ${record.id}: no configuration version is recorded yet; expected the control plane's first load`,
    );
  return { version: latest.version, exact: false, resources: latest.resources };
}

/**
 * Traces `record` through its reporting proxy on the version live at `record.time`. Throws TraceError:
 * TRACE_NO_CONFIG, TRACE_PROXY (unknown node), TRACE_REGISTRY, TRACE_INBOUND (a destination-reported request
 * that reaches no inbound listener).
 */
export function decisionTrace(record: RequestRecord, history: ConfigHistory): DecisionTrace {
  const { version, exact, resources } = versionFor(record, history);
  const t = translateNodeCached(resources, record.proxy);
  const { call, result } = simulateAsRecorded(record, t, recordedCall(record, t));
  if (record.reporter === 'destination' && result.outcome === 'no_listener')
    throw new TraceError(
      'TRACE_INBOUND',
      `request ${record.id}: ${record.proxy} has no inbound listener for port ${call.port}; expected the sidecar's virtualInbound or an inbound listener on it`,
    );
  const matched = matchedRef(resources, t, result);
  const behind = clusterRefs(resources, t, result);
  const workload = workloadRef(resources, record);
  return {
    request: record,
    proxy: record.proxy,
    configVersion: version,
    exactVersion: exact,
    call,
    result,
    ...(matched === undefined ? {} : { matched }),
    ...(behind.service === undefined ? {} : { service: behind.service }),
    ...(behind.rule === undefined ? {} : { rule: behind.rule }),
    ...(workload === undefined ? {} : { workload }),
    endpointWorkloads: endpointWorkloads(t, result),
  };
}

type Fields = Record<
  string,
  { stringValue?: string; listValue?: { values?: { structValue?: { fields?: Fields } }[] } }
>;

/**
 * The Service and DestinationRule behind the result's cluster, from the cluster's `istio` metadata as istiod writes
 * it (`services`, `config`, `subset`), located in the resources of the traced version.
 */
export function clusterRefs(
  resources: readonly LoadedResource[],
  t: NodeTranslation,
  result: SimulationResult,
): { service?: SourceRef; rule?: SourceRef } {
  const cluster = t.translation.clusters.find((c) => c.name === result.cluster);
  const istio = (cluster?.metadata?.filter_metadata as Record<string, { fields?: Fields }> | undefined)?.istio
    ?.fields;
  if (istio === undefined) return {};
  const out: { service?: SourceRef; rule?: SourceRef } = {};
  const svc = istio.services?.listValue?.values?.[0]?.structValue?.fields;
  const name = svc?.name?.stringValue;
  const namespace = svc?.namespace?.stringValue;
  const service = resources.find((r) => r.kind === 'Service' && r.name === name && r.namespace === namespace);
  if (service !== undefined) out.service = sourceRefOf(service);
  const config = istio.config?.stringValue;
  const parsed = config === undefined ? undefined : parseConfigPath(config);
  const rule =
    parsed === undefined
      ? undefined
      : resources.find(
          (r) => r.kind === 'DestinationRule' && r.name === parsed.name && r.namespace === parsed.namespace,
        );
  if (rule !== undefined) {
    const subset = istio.subset?.stringValue;
    const subsets = (rule.object as { spec?: { subsets?: { name?: string }[] } }).spec?.subsets ?? [];
    const k = subset === undefined ? -1 : subsets.findIndex((s) => s.name === subset);
    out.rule = k < 0 ? sourceRefOf(rule) : sourceRefOf(rule, ['spec', 'subsets', k], `spec.subsets[${k}]`);
  }
  return out;
}

/** The workload resource (Deployment, ...) named as the record's destination workload, when loaded. */
export function workloadRef(
  resources: readonly LoadedResource[],
  record: RequestRecord,
): SourceRef | undefined {
  const { workload, namespace, kind } = record.destination;
  if (kind !== 'workload') return undefined;
  const r = resources.find((x) => POD_KINDS.has(x.kind) && x.name === workload && x.namespace === namespace);
  return r === undefined ? undefined : sourceRefOf(r);
}
