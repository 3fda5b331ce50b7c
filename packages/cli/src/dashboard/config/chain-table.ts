// envoyctl's view of one proxy's xDS config as a table: one row per listener -> filter chain -> network filter ->
// route configuration -> virtual host -> route, with the clusters the route (or tcp_proxy) sends to and their
// endpoints. Rows keep the resources' order (listeners as sent, chains in listener order, routes in match order).
// A chain with neither an HTTP connection manager nor a TCP proxy still gets one row (its listener and chain).
import {
  type AnyObject,
  type Cluster,
  type ClusterLoadAssignment,
  type FilterChain,
  type HttpConnectionManager,
  type Listener,
  type Route,
  type RouteConfiguration,
  type RouteMatch,
  type TcpProxy,
  TypeUrl,
  unpackAny,
} from '@minimesh/model';
import { parseConfigPath } from '@minimesh/translator';
import type { ChainRow, SourceRef } from '../protocol.js';

export interface ChainResources {
  readonly listeners: readonly Listener[];
  readonly routes: readonly RouteConfiguration[];
  readonly clusters: readonly Cluster[];
  readonly endpoints: readonly ClusterLoadAssignment[];
}

/** A filter's typed config in either Any form (`{ '@type', ... }` or packed `{ type_url, value }`). */
function typedConfig(any: unknown): AnyObject | undefined {
  if (any === null || typeof any !== 'object') return undefined;
  const o = any as Record<string, unknown>;
  if (typeof o['@type'] === 'string') return o as AnyObject;
  if (typeof o.type_url === 'string' && (o.value instanceof Uint8Array || typeof o.value === 'string'))
    return unpackAny({ type_url: o.type_url, value: o.value });
  return undefined;
}

/** Endpoints of every cluster, `ip:port`, by cluster name (EDS by service_name, else the cluster's own). */
function endpointIndex(r: ChainResources): (cluster: string) => readonly string[] {
  const byName = new Map(r.endpoints.map((e) => [e.cluster_name ?? '', e]));
  const clusters = new Map(r.clusters.map((c) => [c.name ?? '', c]));
  return (name) => {
    const c = clusters.get(name);
    const eds = c?.eds_cluster_config?.service_name;
    const cla =
      c === undefined || c.type === 'EDS' || c.type === 3
        ? byName.get(eds !== undefined && eds !== '' ? eds : name)
        : (c.load_assignment ?? undefined);
    const out: string[] = [];
    for (const group of cla?.endpoints ?? [])
      for (const e of group.lb_endpoints ?? []) {
        const sa = e.endpoint?.address?.socket_address;
        if (sa === undefined || sa === null) continue;
        const host = (sa.address ?? '').includes(':') ? `[${sa.address}]` : (sa.address ?? '');
        out.push(`${host}:${sa.port_value ?? 0}`);
      }
    return out;
  };
}

function headerText(h: NonNullable<RouteMatch['headers']>[number]): string {
  const name = h.name ?? '';
  const not = h.invert_match === true ? '!' : '';
  const sm = h.string_match;
  if (h.exact_match !== undefined) return `${not}${name}=${h.exact_match}`;
  if (h.prefix_match !== undefined) return `${not}${name}^=${h.prefix_match}`;
  if (h.suffix_match !== undefined) return `${not}${name}$=${h.suffix_match}`;
  if (h.contains_match !== undefined) return `${not}${name}*=${h.contains_match}`;
  if (h.safe_regex_match) return `${not}${name}~${h.safe_regex_match.regex ?? ''}`;
  if (h.present_match !== undefined)
    return `${h.present_match === (h.invert_match !== true) ? '' : '!'}${name}`;
  if (sm) {
    if (sm.exact !== undefined) return `${not}${name}=${sm.exact}`;
    if (sm.prefix !== undefined) return `${not}${name}^=${sm.prefix}`;
    if (sm.suffix !== undefined) return `${not}${name}$=${sm.suffix}`;
    if (sm.contains !== undefined) return `${not}${name}*=${sm.contains}`;
    if (sm.safe_regex) return `${not}${name}~${sm.safe_regex.regex ?? ''}`;
  }
  return `${not}${name}`;
}

/** A route match in envoyctl's words: `prefix /`, `path /login`, `regex ^/api`, then `headers a=b, c~x`. */
export function describeMatch(m: RouteMatch | null | undefined): string {
  if (m === undefined || m === null) return '';
  const parts: string[] = [];
  if (m.prefix !== undefined) parts.push(`prefix ${m.prefix}`);
  if (m.path !== undefined) parts.push(`path ${m.path}`);
  if (m.path_separated_prefix !== undefined) parts.push(`path_prefix ${m.path_separated_prefix}`);
  if (m.safe_regex) parts.push(`regex ${m.safe_regex.regex ?? ''}`);
  if (m.connect_matcher) parts.push('connect');
  const headers = (m.headers ?? []).map(headerText);
  if (headers.length > 0) parts.push(`headers ${headers.join(', ')}`);
  const query = (m.query_parameters ?? []).map(
    (q) => `${q.name ?? ''}${q.string_match?.exact === undefined ? '' : `=${q.string_match.exact}`}`,
  );
  if (query.length > 0) parts.push(`query ${query.join(', ')}`);
  return parts.join(' ');
}

/** What a route sends to: its cluster, `name (weight)` entries, or what it does instead. */
function routeTargets(route: Route): string[] {
  const a = route.route;
  if (a) {
    if (a.cluster !== undefined) return [a.cluster];
    if (a.weighted_clusters)
      return (a.weighted_clusters.clusters ?? []).map((c) => `${c.name ?? ''} (${c.weight?.value ?? 0})`);
    if (a.cluster_header !== undefined) return [`cluster from header ${a.cluster_header}`];
  }
  if (route.redirect) return [`redirect ${route.redirect.response_code ?? 'MOVED_PERMANENTLY'}`];
  if (route.direct_response) return [`direct response ${route.direct_response.status ?? 200}`];
  if (route.non_forwarding_action) return ['non-forwarding'];
  return [];
}

/** The names of the clusters a route sends to (none for redirects and direct responses). */
function clusterNames(route: Route): string[] {
  const a = route.route;
  if (a?.cluster !== undefined) return [a.cluster];
  return (a?.weighted_clusters?.clusters ?? []).map((c) => c.name ?? '').filter((n) => n !== '');
}

/** The Istio resource behind a route (istio.config metadata, with minimesh's file and line). */
function routeSource(route: Route): SourceRef | undefined {
  const fm = route.metadata?.filter_metadata;
  const path = fm?.istio?.fields?.config?.stringValue;
  const parsed = path === undefined ? undefined : parseConfigPath(path);
  if (parsed === undefined) return undefined;
  const mm = fm?.minimesh?.fields;
  const file = mm?.file?.stringValue;
  const line = mm?.line?.numberValue;
  const http = mm?.http?.numberValue;
  return {
    ...parsed,
    ...(file === undefined ? {} : { file }),
    ...(line === undefined ? {} : { line: Number(line) }),
    ...(http === undefined ? {} : { field: `spec.http[${Number(http)}]` }),
  };
}

function chainName(listener: Listener, chain: FilterChain, index: number): string {
  if (chain.name !== undefined && chain.name !== '') return chain.name;
  return chain === listener.default_filter_chain ? 'default_filter_chain' : `#${index}`;
}

/** One row per listener / filter chain / virtual host / route of `resources` (see the file comment). */
export function chainRows(resources: ChainResources): ChainRow[] {
  const endpointsOf = endpointIndex(resources);
  const routeConfigs = new Map(resources.routes.map((r) => [r.name ?? '', r]));
  const rows: ChainRow[] = [];
  for (const listener of resources.listeners) {
    const lname = listener.name ?? '';
    const chains = [
      ...(listener.filter_chains ?? []),
      ...(listener.default_filter_chain ? [listener.default_filter_chain] : []),
    ];
    if (chains.length === 0) rows.push({ listener: lname, clusters: [], endpoints: [] });
    chains.forEach((chain, i) => {
      const filterChain = chainName(listener, chain, i);
      let found = false;
      for (const f of chain.filters ?? []) {
        const cfg = typedConfig(f.typed_config);
        if (cfg?.['@type'] === TypeUrl.HTTP_CONNECTION_MANAGER) {
          found = true;
          const hcm = cfg as HttpConnectionManager;
          const rc = hcm.route_config ?? routeConfigs.get(hcm.rds?.route_config_name ?? '');
          const routeConfig = hcm.route_config?.name ?? hcm.rds?.route_config_name;
          const base = {
            listener: lname,
            filterChain,
            filter: 'http_connection_manager',
            ...(routeConfig === undefined ? {} : { routeConfig }),
          };
          const vhosts = rc?.virtual_hosts ?? [];
          if (vhosts.length === 0) rows.push({ ...base, clusters: [], endpoints: [] });
          vhosts.forEach((vh, v) => {
            const vrow = { ...base, virtualHost: vh.name ?? `#${v}`, domains: [...(vh.domains ?? [])] };
            if ((vh.routes ?? []).length === 0) rows.push({ ...vrow, clusters: [], endpoints: [] });
            for (const route of vh.routes ?? []) {
              const config = routeSource(route);
              rows.push({
                ...vrow,
                match: describeMatch(route.match),
                ...(route.name === undefined || route.name === '' ? {} : { route: route.name }),
                clusters: routeTargets(route),
                endpoints: clusterNames(route).flatMap(endpointsOf),
                ...(config === undefined ? {} : { config }),
              });
            }
          });
          break;
        }
        if (cfg?.['@type'] === TypeUrl.TCP_PROXY) {
          found = true;
          const tcp = cfg as TcpProxy;
          const names =
            tcp.cluster !== undefined
              ? [tcp.cluster]
              : (tcp.weighted_clusters?.clusters ?? []).map((c) => c.name ?? '');
          const clusters =
            tcp.cluster !== undefined
              ? names
              : (tcp.weighted_clusters?.clusters ?? []).map((c) => `${c.name ?? ''} (${c.weight ?? 0})`);
          rows.push({
            listener: lname,
            filterChain,
            filter: 'tcp_proxy',
            clusters,
            endpoints: names.flatMap(endpointsOf),
          });
          break;
        }
      }
      if (!found) rows.push({ listener: lname, filterChain, clusters: [], endpoints: [] });
    });
  }
  return rows;
}
