// simulate(): one call through one proxy's generated listeners, routes, clusters and endpoints, decided by the
// model's xDS matchers (the code the proxy runs), never by the Istio input. Pure: the same resources and call give
// the same result. Steps, as Envoy takes them: listener (sidecar: the original-destination handoff of
// virtualOutbound; gateway: the listener of the port), filter chain, its network filter (HTTP connection manager or
// tcp_proxy), for HTTP the route configuration, virtual host, route, fault filter and route action, then the
// cluster and its endpoints. Every decision is a line of `trace`.
import {
  type HttpConnectionManager,
  pickWeightedCluster,
  type TcpProxy,
  TypeUrl,
  XdsMatchError,
} from '@minimesh/model';
import { type Draft, settle } from './draft.js';
import { simulateHttp } from './http-step.js';
import { bareHost, destinationAddress, selectListener, typedConfig } from './listener-select.js';
import type { SimulatedCall, SimulationResources, SimulationResult } from './types.js';
import { resolveUpstream } from './upstream.js';

/** The result with `outcome` first and `trace` last (the order printers show them in). */
function finish(out: Draft, fallback: SimulationResult['outcome']): SimulationResult {
  const { outcome, trace, ...rest } = out;
  return { outcome: outcome ?? fallback, ...rest, trace: trace ?? [] };
}

/** The cluster a tcp_proxy sends the connection to (weighted clusters picked with the call's random value). */
function tcpCluster(tcp: TcpProxy, random: number, out: Draft, trace: string[]): string | undefined {
  const wc = tcp.weighted_clusters;
  if (wc === undefined || wc === null) return tcp.cluster;
  const clusters = (wc.clusters ?? []).map((c) => ({ name: c.name ?? '', weight: c.weight ?? 0 }));
  const pick = pickWeightedCluster(
    { clusters: clusters.map((c) => ({ name: c.name, weight: { value: c.weight } })) },
    random,
    { explain: true },
  );
  out.weighted = {
    clusters,
    totalWeight: pick.totalWeight,
    selectedValue: pick.selectedValue,
    index: pick.index,
  };
  for (const m of pick.trace ?? [])
    trace.push(`weighted cluster ${m.clusterName ?? `#${m.clusterIndex}`}: ${m.detail}`);
  trace.push(
    `weighted: random ${random} % ${pick.totalWeight} = ${pick.selectedValue} picks ${pick.clusterName ?? ''}`,
  );
  return pick.clusterName;
}

function simulateTcp(
  tcp: TcpProxy,
  call: SimulatedCall,
  original: string,
  resources: SimulationResources,
  out: Draft,
): void {
  const trace = out.trace as string[];
  let name: string | undefined;
  try {
    name = tcpCluster(tcp, call.random ?? 0, out, trace);
  } catch (err) {
    if (!(err instanceof XdsMatchError)) throw err;
    trace.push(`tcp_proxy would be rejected by Envoy: ${err.message}`);
    settle(out, { outcome: 'no_cluster', responseFlag: 'NC', error: err.message });
    return;
  }
  if (name === undefined || name === '') {
    trace.push('tcp_proxy: names no cluster (NC)');
    settle(out, { outcome: 'no_cluster', responseFlag: 'NC' });
    return;
  }
  out.cluster = name;
  trace.push(`tcp_proxy: cluster ${name}`);
  const up = resolveUpstream(name, resources, original, trace);
  if (up.endpoints !== undefined) out.endpoints = up.endpoints;
  settle(out, { outcome: up.outcome, ...(up.flag === undefined ? {} : { responseFlag: up.flag }) });
}

/** Sends `call` through `resources` and reports where it ends and why. */
export function simulate(resources: SimulationResources, call: SimulatedCall): SimulationResult {
  const trace: string[] = [];
  const out: Draft = { trace };
  const step = selectListener(resources.listeners, call, trace);
  if (step.listener !== undefined && !step.ok) out.listener = step.listener;
  if (!step.ok) {
    if (step.error !== undefined) out.error = step.error;
    // A listener without a matching chain closes the connection; Envoy logs NR for it.
    const noChain = step.listener !== undefined;
    if (noChain) out.responseFlag = 'NR';
    return finish(out, noChain ? 'no_route' : 'no_listener');
  }
  out.listener = step.listener.name ?? '';
  out.filterChain = step.chainName;
  const original = `${destinationAddress(call) ?? bareHost(call.host)}:${call.port}`;
  for (const f of step.chain.filters ?? []) {
    const cfg = typedConfig(f.typed_config);
    if (cfg?.['@type'] === TypeUrl.HTTP_CONNECTION_MANAGER) {
      out.networkFilter = 'http_connection_manager';
      trace.push(`network filter: ${f.name ?? 'http_connection_manager'}`);
      simulateHttp(cfg as HttpConnectionManager, call.port, call, original, resources, out);
      return finish(out, 'no_route');
    }
    if (cfg?.['@type'] === TypeUrl.TCP_PROXY) {
      out.networkFilter = 'tcp_proxy';
      trace.push(`network filter: ${f.name ?? 'tcp_proxy'}`);
      simulateTcp(cfg as TcpProxy, call, original, resources, out);
      return finish(out, 'no_cluster');
    }
  }
  trace.push(`filter chain ${step.chainName}: no http_connection_manager or tcp_proxy filter`);
  out.responseFlag = 'NR';
  return finish(out, 'no_route');
}
