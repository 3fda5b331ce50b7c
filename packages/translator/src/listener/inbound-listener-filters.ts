// Listener filters of an inbound listener (istiod 1.30 listener_inbound.go populateListenerFilters,
// buildTLSInspector, buildHTTPInspector): original_dst on virtualInbound (not on a listener bound to its port), then
// the TLS inspector when some chain matches transport_protocol tls, then the HTTP inspector when some chain matches
// the plaintext ALPNs http/1.1 or h2c (after the TLS inspector: once that one says tls, the HTTP inspector skips the
// connection). Which ports need which inspector is read from the chains' destination_port (0: chains for any port);
// `filter_disabled` turns an inspector off on the ports that do not need it:
// - TLS inspector: when the any-port chains need it, it is disabled on the ports that do not (an or of port
//   ranges); otherwise it runs only on the ports that need it (not of that or).
// - HTTP inspector: disabled on every port without an http/1.1 / h2c chain (port 0 included).
// Port ranges are Envoy's Int32Range, [start, end): one port is {start: p, end: p + 1}. Ports are sorted.
import { anyOf, type Listener, type ListenerFilter, TypeUrl } from '@minimesh/model';
import type { FilterChain } from './inbound-chains.js';
import { HTTP_INSPECTOR, ORIGINAL_DST, TLS_INSPECTOR, TLS_INSPECTOR_BUFFER_BYTES } from './listener-names.js';

/** ALPNs only the HTTP inspector sets (a plaintext HTTP client); other ALPNs come from the TLS inspector. */
const HTTP_INSPECTOR_ALPNS = new Set(['http/1.1', 'h2c']);

type ListenerFilterChainMatchPredicate = NonNullable<ListenerFilter['filter_disabled']>;

interface Needs {
  tls: boolean;
  http: boolean;
}

/** Per destination port (0: chains without one), whether some chain needs the TLS / HTTP inspector. */
function inspectorNeeds(chains: readonly FilterChain[]): Map<number, Needs> {
  const needs = new Map<number, Needs>();
  for (const fc of chains) {
    const m = fc.filter_chain_match;
    const port = m?.destination_port?.value ?? 0;
    const n = needs.get(port) ?? { tls: false, http: false };
    n.tls ||= m?.transport_protocol === 'tls';
    n.http ||= (m?.application_protocols ?? []).some((a) => HTTP_INSPECTOR_ALPNS.has(a));
    needs.set(port, n);
  }
  return needs;
}

/** Matches the given ports: one range, or an or of ranges (istiod listenerPredicateExcludePorts). */
function portsPredicate(ports: readonly number[]): ListenerFilterChainMatchPredicate {
  const ranges = ports.map((p) => ({ destination_port_range: { start: p, end: p + 1 } }));
  return ranges.length === 1 && ranges[0] !== undefined ? ranges[0] : { or_match: { rules: ranges } };
}

function tlsInspector(needs: Map<number, Needs>): ListenerFilter {
  const filter: ListenerFilter = {
    name: TLS_INSPECTOR,
    typed_config: anyOf(TypeUrl.TLS_INSPECTOR, {
      initial_read_buffer_size: { value: TLS_INSPECTOR_BUFFER_BYTES },
    }),
  };
  const byDefault = needs.get(0)?.tls === true;
  const ports = [...needs.entries()]
    .filter(([p, n]) => p !== 0 && n.tls !== byDefault)
    .map(([p]) => p)
    .sort((a, b) => a - b);
  if (ports.length === 0) return filter;
  const predicate = portsPredicate(ports);
  return { ...filter, filter_disabled: byDefault ? predicate : { not_match: predicate } };
}

function httpInspector(needs: Map<number, Needs>): ListenerFilter {
  const filter: ListenerFilter = { name: HTTP_INSPECTOR, typed_config: anyOf(TypeUrl.HTTP_INSPECTOR, {}) };
  const ports = [...needs.entries()]
    .filter(([, n]) => !n.http)
    .map(([p]) => p)
    .sort((a, b) => a - b);
  return ports.length === 0 ? filter : { ...filter, filter_disabled: portsPredicate(ports) };
}

/** The listener filters of an inbound listener with these chains; `bindToPort`: a listener of its own. */
export function inboundListenerFilters(
  chains: readonly FilterChain[],
  bindToPort: boolean,
): NonNullable<Listener['listener_filters']> {
  const needs = inspectorNeeds(chains);
  const out: ListenerFilter[] = [];
  if (!bindToPort) out.push({ name: ORIGINAL_DST, typed_config: anyOf(TypeUrl.ORIGINAL_DST, {}) });
  if ([...needs.values()].some((n) => n.tls)) out.push(tlsInspector(needs));
  if ([...needs.values()].some((n) => n.http)) out.push(httpInspector(needs));
  return out;
}
