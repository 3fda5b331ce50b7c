// The translator's golden bookinfo config dumps as xDS resources for a SnapshotCache: each dynamic resource of an
// Envoy /config_dump (proto3 JSON) parsed strictly with the model's codec. Used to measure the proxy with a
// realistic sidecar config (productpage: 20 clusters, 16 endpoint sets, 5 listeners, 2 route configurations).
import { readFileSync } from 'node:fs';
import { fromProto3Json } from '@minimesh/model/xds';

const GOLDEN = new URL('../../translator/test/golden/__golden__/bookinfo/networking/', import.meta.url);

/** Resources of one golden file, e.g. `bookinfo-gateway.productpage.json`. */
export function goldenResources(file) {
  const dump = JSON.parse(readFileSync(new URL(file, GOLDEN), 'utf8'));
  const out = { clusters: [], endpoints: [], listeners: [], routes: [] };
  const parse = (any) => {
    const { '@type': url, ...rest } = any;
    return fromProto3Json(url.slice(url.lastIndexOf('/') + 1), rest);
  };
  for (const section of dump.configs) {
    for (const c of section.dynamic_active_clusters ?? []) out.clusters.push(parse(c.cluster));
    for (const e of section.dynamic_endpoint_configs ?? []) out.endpoints.push(parse(e.endpoint_config));
    for (const l of section.dynamic_listeners ?? []) out.listeners.push(parse(l.active_state.listener));
    for (const r of section.dynamic_route_configs ?? []) out.routes.push(parse(r.route_config));
  }
  return out;
}

/** The listener ports of `resources` (for the dev-mode port table). */
export function listenerPorts(resources) {
  return resources.listeners
    .map((l) => l.address?.socket_address?.port_value)
    .filter((p) => typeof p === 'number')
    .sort((a, b) => a - b);
}
