// `proxy-config listeners` as istioctl 1.30 prints it (istioctl/pkg/writer/envoy/configdump/listener.go): one line
// per filter chain (the default chain included): ADDRESSES, PORT, MATCH (the chain's filter_chain_match: SNI, Trans,
// App, Addr, or ALL), DESTINATION (Route: NAME for RDS, an inline route summary, Cluster: NAME for TCP, or the
// cluster itself when its name says Cluster). Listeners sorted by port, address, type; a listener's chains by
// destination, descending. Tabwriter padding 1. Filters: --address (any of its addresses), --port, --type
// (HTTP, TCP, HTTP+TCP, UNKNOWN; case-insensitive).
import { arr, type Json, num, obj, str } from '../dev/config-dump-sections.js';
import { goSort, tabwrite } from './istioctl-tabwriter.js';

const HCM = 'envoy.filters.network.http_connection_manager';
const TCP_PROXY = 'envoy.filters.network.tcp_proxy';
const BLACK_HOLE = 'BlackHoleCluster';

export interface ListenerFilter {
  readonly address?: string;
  readonly port?: number;
  readonly type?: string;
}

const chainsOf = (l: Json): Json[] => [
  ...arr(l.filter_chains),
  ...(l.default_filter_chain === undefined ? [] : [obj(l.default_filter_chain)]),
];

export const listenerAddress = (l: Json): string => {
  const a = obj(l.address);
  if (a.socket_address !== undefined) return str(obj(a.socket_address).address);
  if (a.pipe !== undefined) return str(obj(a.pipe).path);
  return '';
};
export const listenerPort = (l: Json): number => num(obj(obj(l.address).socket_address).port_value);
const additionalAddresses = (l: Json): string[] =>
  arr(l.additional_addresses).map((a) => str(obj(obj(obj(a.address).socket_address)).address));

/** HTTP, TCP, HTTP+TCP or UNKNOWN, from the chains' filters (a TCP proxy to the black hole does not count). */
export function listenerType(l: Json): string {
  let http = 0;
  let tcp = 0;
  for (const fc of chainsOf(l))
    for (const f of arr(fc.filters)) {
      if (f.name === HCM) http++;
      else if (f.name === TCP_PROXY && !JSON.stringify(f.typed_config ?? {}).includes(BLACK_HOLE)) tcp++;
    }
  if (http > 0) return tcp === 0 ? 'HTTP' : 'HTTP+TCP';
  return tcp > 0 ? 'TCP' : 'UNKNOWN';
}

export function listenerMatches(f: ListenerFilter, l: Json): boolean {
  if (f.address) {
    const all = [...additionalAddresses(l), listenerAddress(l)];
    if (!all.some((a) => a.toLowerCase() === f.address?.toLowerCase())) return false;
  }
  if (f.port && listenerPort(l) !== f.port) return false;
  if (f.type && listenerType(l).toLowerCase() !== f.type.toLowerCase()) return false;
  return true;
}

const PROTOCOL_NAMES: readonly [string, readonly string[]][] = [
  ['App: HTTP TLS', ['http/1.0', 'http/1.1', 'h2c', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2']],
  ['App: Istio HTTP Plain', ['istio', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2']],
  ['App: TCP TLS', ['istio-peer-exchange', 'istio']],
  ['App: HTTP', ['http/1.0', 'http/1.1', 'h2c']],
];

/** istioctl's getMatches: the chain's match as `SNI: ...; Trans: ...; App: ...; Addr: ...`, or ALL. */
export function describeChainMatch(match: unknown): string {
  const m = obj(match);
  const out: string[] = [];
  if (Array.isArray(m.server_names) && m.server_names.length > 0)
    out.push(`SNI: ${(m.server_names as string[]).join(',')}`);
  if (str(m.transport_protocol) !== '') out.push(`Trans: ${str(m.transport_protocol)}`);
  const alpn = Array.isArray(m.application_protocols) ? (m.application_protocols as string[]) : [];
  if (alpn.length > 0) {
    const known = PROTOCOL_NAMES.find(([, list]) => list.join('\n') === alpn.join('\n'));
    out.push(known === undefined ? `App: ${alpn.join(',')}` : known[0]);
  }
  const port = m.destination_port === undefined ? '' : `:${num(m.destination_port)}`;
  const ranges = arr(m.prefix_ranges);
  if (ranges.length > 0)
    out.push(`Addr: ${ranges.map((r) => `${str(r.address_prefix)}/${num(r.prefix_len)}`).join(',')}${port}`);
  else if (port !== '') out.push(`Addr: *${port}`);
  return out.length === 0 ? 'ALL' : out.join('; ');
}

/** istioctl's describeMatch for a route match: `prefix*`, `PathPrefix:p`, the path, `regex r` (headers ignored). */
export function describeRouteMatch(match: unknown): string {
  const m = obj(match);
  const conds: string[] = [];
  if (str(m.prefix) !== '') conds.push(`${str(m.prefix)}*`);
  if (str(m.path_separated_prefix) !== '') conds.push(`PathPrefix:${str(m.path_separated_prefix)}`);
  if (str(m.path) !== '') conds.push(str(m.path));
  if (m.safe_regex !== undefined) conds.push(`regex ${str(obj(m.safe_regex).regex)}`);
  return conds.join(' ');
}

const clusterLabel = (cluster: string): string =>
  cluster.includes('Cluster') ? cluster : `Cluster: ${cluster}`;

function describeInlineRoutes(rc: Json): string {
  const vhosts = arr(rc.virtual_hosts);
  const only = vhosts[0];
  const routes = arr(only?.routes);
  const domains = Array.isArray(only?.domains) ? (only?.domains as string[]) : [];
  const first = routes[0];
  if (
    vhosts.length === 1 &&
    domains.length === 1 &&
    domains[0] === '*' &&
    routes.length === 1 &&
    str(obj(first?.match).prefix) === '/' &&
    str(obj(first?.route).cluster) !== ''
  )
    return clusterLabel(str(obj(first?.route).cluster));
  const parts = vhosts.map((vh) => {
    const d = Array.isArray(vh.domains) ? (vh.domains as string[]) : [];
    const described = arr(vh.routes)
      .map((r) => describeRouteMatch(r.match))
      .join(', ');
    const dom = d.length === 1 && d[0] === '*' ? '' : d.join('/');
    return dom === '' ? described : `${dom} ${described}`;
  });
  return `Inline Route: ${parts.join('; ')}`;
}

/** istioctl's getFilterType: where the chain's traffic goes. */
export function describeDestination(filters: readonly Json[]): string {
  for (const f of filters) {
    const tc = obj(f.typed_config);
    if (f.name === HCM) {
      if (tc.route_config !== undefined) return describeInlineRoutes(obj(tc.route_config));
      const rds = str(obj(tc.rds).route_config_name);
      return rds !== '' ? `Route: ${rds}` : 'HTTP';
    }
    if (f.name === TCP_PROXY && !JSON.stringify(tc).includes(BLACK_HOLE))
      return clusterLabel(str(tc.cluster));
  }
  return 'Non-HTTP/Non-TCP';
}

/** Listeners sorted as istioctl sorts them (port, address, type), filtered. */
export function sortedListeners(listeners: readonly Json[], filter: ListenerFilter = {}): Json[] {
  if (listeners.length === 0) throw new Error('no listeners found');
  return goSort(
    listeners.filter((l) => listenerMatches(filter, l)),
    (a, b) => {
      if (listenerPort(a) !== listenerPort(b)) return listenerPort(a) < listenerPort(b);
      if (listenerAddress(a) !== listenerAddress(b)) return listenerAddress(a) < listenerAddress(b);
      return listenerType(a) < listenerType(b);
    },
  );
}

export function listenersTable(listeners: readonly Json[], filter: ListenerFilter, withName = false): string {
  const rows: string[][] = [[...(withName ? ['NAME'] : []), 'ADDRESSES', 'PORT', 'MATCH', 'DESTINATION']];
  for (const l of sortedListeners(listeners, filter)) {
    const addresses = [listenerAddress(l), ...additionalAddresses(l)].join(',');
    const chains = goSort(
      chainsOf(l).map((fc) => ({
        match: describeChainMatch(fc.filter_chain_match),
        destination: describeDestination(arr(fc.filters)),
      })),
      (a, b) => a.destination > b.destination,
    );
    for (const c of chains)
      rows.push([
        ...(withName ? [`listener/${str(l.name)}`] : []),
        addresses,
        String(listenerPort(l)),
        c.match,
        c.destination,
      ]);
  }
  return tabwrite(rows, 1);
}
