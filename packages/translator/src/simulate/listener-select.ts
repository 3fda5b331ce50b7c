// Which listener and filter chain a call reaches, as Envoy decides it. A sidecar's iptables rules send every
// outbound connection to virtualOutbound (15001), which hands it to the listener bound to the original destination
// `<ip>:<port>`, else to `0.0.0.0:<port>`, else keeps it (its own chains: passthrough or blackhole). A gateway
// receives connections on the listener bound to the port. An inbound call (`direction: 'inbound'`) reaches the
// sidecar's INBOUND listener bound to its port, else virtualInbound (15006). The chain is chosen by the model's
// matchFilterChain; on a listener with an HTTP inspector (protocol sniffing) the call's first bytes decide the ALPN
// the chains see: `http/1.1` (the default) or `h2c` for HTTP, nothing for raw TCP. A TLS call offers the ALPN of
// its `alpn` option (an Istio client's mTLS: `istio-http/1.1`, `istio`, ...), which the TLS inspector reports. An
// inspector whose `filter_disabled` predicate holds for the destination port does not run: past a disabled TLS
// inspector a TLS call has Envoy's default transport protocol raw_buffer and no SNI or ALPN; past a disabled HTTP
// inspector a plaintext call has no sniffed ALPN.
import {
  type AnyObject,
  type FilterChain,
  type Listener,
  matchFilterChain,
  parseIp,
  unpackAny,
  XdsMatchError,
} from '@minimesh/model';
import { HTTP_INSPECTOR, TLS_INSPECTOR } from '../listener/listener-names.js';
import { VIRTUAL_INBOUND_LISTENER, VIRTUAL_OUTBOUND_LISTENER, WILDCARD_ADDRESS } from '../naming.js';
import type { SimulatedCall } from './types.js';

/** What the client's first bytes are, as Envoy's HTTP inspector tells them apart. */
export type SniffedProtocol = 'http/1.1' | 'h2c' | 'tcp';

/**
 * Optional call fields the listener step reads besides SimulatedCall's (kept here until types.ts carries them):
 * `protocol` (default `http/1.1`) and `direction` (default `outbound`: the application calls out through its
 * sidecar; `inbound`: a peer calls the workload, through virtualInbound).
 */
export interface ListenerCallOptions {
  readonly protocol?: SniffedProtocol;
  readonly direction?: 'outbound' | 'inbound';
  /** ALPN a TLS call offers (ignored without `tls`). */
  readonly alpn?: readonly string[];
}

/** A call with the listener step's options. */
export type ListenerCall = SimulatedCall & ListenerCallOptions;

/** The source address a simulated client uses (TEST-NET-1: never a mesh address, never loopback). */
export const SIMULATED_SOURCE_IP = '192.0.2.1';
const SIMULATED_SOURCE_PORT = 40000;

export type ListenerStep =
  | { readonly ok: false; readonly listener?: string; readonly error?: string }
  | {
      readonly ok: true;
      readonly listener: Listener;
      readonly chain: FilterChain;
      readonly chainName: string;
    };

/** The typed config of a filter in either Any form (unpacked `{ '@type' }` or packed `{ type_url, value }`). */
export function typedConfig(any: unknown): AnyObject | undefined {
  if (any === null || typeof any !== 'object') return undefined;
  const o = any as Record<string, unknown>;
  if (typeof o['@type'] === 'string') return o as AnyObject;
  if (typeof o.type_url === 'string' && (o.value instanceof Uint8Array || typeof o.value === 'string'))
    return unpackAny({ type_url: o.type_url, value: o.value });
  return undefined;
}

function boundTo(l: Listener): { address: string; port: number } | undefined {
  const sa = l.address?.socket_address;
  if (sa === undefined || sa === null) return undefined;
  return { address: sa.address ?? '', port: sa.port_value ?? 0 };
}

/** `host` without its port (and without the brackets of an IPv6 literal). */
export function bareHost(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon > 0 && !host.slice(0, colon).includes(':') ? host.slice(0, colon) : host;
}

/** The destination IP of the call: `address`, else `host` when it is an IP literal. */
export function destinationAddress(call: SimulatedCall): string | undefined {
  if (call.address !== undefined) return call.address;
  const host = bareHost(call.host);
  return parseIp(host) === undefined ? undefined : host;
}

/** The proxy kind: the call's, else sidecar when there is a virtualOutbound listener. */
export function proxyTypeOf(listeners: readonly Listener[], call: SimulatedCall): 'sidecar' | 'router' {
  if (call.proxyType !== undefined) return call.proxyType;
  return listeners.some((l) => l.name === VIRTUAL_OUTBOUND_LISTENER) ? 'sidecar' : 'router';
}

function findListener(
  listeners: readonly Listener[],
  call: SimulatedCall,
  address: string | undefined,
  trace: string[],
): Listener | undefined {
  const at = (ip: string) =>
    listeners.find((l) => {
      const b = boundTo(l);
      return b !== undefined && b.address === ip && b.port === call.port;
    });
  if ((call as ListenerCall).direction === 'inbound') {
    const bound = listeners.find((l) => {
      const b = boundTo(l);
      return (
        l.traffic_direction === 'INBOUND' &&
        b !== undefined &&
        b.port === call.port &&
        l.bind_to_port?.value !== false
      );
    });
    const l = bound ?? listeners.find((x) => x.name === VIRTUAL_INBOUND_LISTENER);
    trace.push(
      l === undefined
        ? `listener: no inbound listener for port ${call.port} and no ${VIRTUAL_INBOUND_LISTENER} listener`
        : `listener: ${l.name ?? ''} (inbound to port ${call.port})`,
    );
    return l;
  }
  if (proxyTypeOf(listeners, call) === 'router') {
    const l = at(WILDCARD_ADDRESS) ?? listeners.find((l) => boundTo(l)?.port === call.port);
    if (l === undefined) trace.push(`listener: the gateway has no listener on port ${call.port}`);
    return l;
  }
  // Sidecar: the original-destination handoff of virtualOutbound (an exact address beats the wildcard).
  if (address !== undefined) {
    const exact = at(address);
    if (exact !== undefined) {
      trace.push(`listener: ${exact.name ?? ''} (original destination ${address}:${call.port})`);
      return exact;
    }
    trace.push(`listener: none bound to ${address}:${call.port}`);
  }
  const wildcard = at(WILDCARD_ADDRESS);
  if (wildcard !== undefined) {
    trace.push(`listener: ${wildcard.name ?? ''} (port ${call.port})`);
    return wildcard;
  }
  const capture = listeners.find((l) => l.name === VIRTUAL_OUTBOUND_LISTENER);
  if (capture === undefined) {
    trace.push(`listener: none for port ${call.port} and no ${VIRTUAL_OUTBOUND_LISTENER} listener`);
    return undefined;
  }
  trace.push(`listener: none for port ${call.port}; ${VIRTUAL_OUTBOUND_LISTENER} keeps the connection`);
  return capture;
}

type ListenerFilter = NonNullable<Listener['listener_filters']>[number];
type Predicate = NonNullable<ListenerFilter['filter_disabled']>;

/** Envoy's ListenerFilterChainMatchPredicate for a destination port (port ranges are [start, end)). */
function predicateHolds(p: Predicate, port: number): boolean {
  if (p.any_match === true) return true;
  const range = p.destination_port_range;
  if (range !== undefined && range !== null) return port >= (range.start ?? 0) && port < (range.end ?? 0);
  if (p.not_match !== undefined && p.not_match !== null) return !predicateHolds(p.not_match, port);
  if (p.or_match !== undefined && p.or_match !== null)
    return (p.or_match.rules ?? []).some((r) => predicateHolds(r, port));
  if (p.and_match !== undefined && p.and_match !== null)
    return (p.and_match.rules ?? []).every((r) => predicateHolds(r, port));
  return false;
}

/** Whether the listener has the inspector `name`, and whether it runs for `port`. */
function inspector(listener: Listener, name: string, port: number): 'absent' | 'disabled' | 'runs' {
  const f = (listener.listener_filters ?? []).find((x) => x.name === name);
  if (f === undefined) return 'absent';
  const p = f.filter_disabled;
  return p !== undefined && p !== null && predicateHolds(p, port) ? 'disabled' : 'runs';
}

/** The ALPN an HTTP inspector sets for a plaintext call (none without the inspector, for TLS or for raw TCP). */
function sniffedAlpn(listener: Listener, call: SimulatedCall, trace: string[]): string[] | undefined {
  if (call.tls !== undefined) return undefined;
  const state = inspector(listener, HTTP_INSPECTOR, call.port);
  if (state === 'absent') return undefined;
  if (state === 'disabled') {
    trace.push(`http_inspector: disabled for port ${call.port}`);
    return undefined;
  }
  const protocol = (call as ListenerCall).protocol ?? 'http/1.1';
  trace.push(
    protocol === 'tcp'
      ? 'http_inspector: not HTTP, no application protocol'
      : `http_inspector: application protocol ${protocol}`,
  );
  return protocol === 'tcp' ? undefined : [protocol];
}

/** What the filter chain match sees of a TLS call: tls, SNI and the offered ALPN, unless the TLS inspector is off. */
function tlsFacts(
  listener: Listener,
  call: SimulatedCall,
  trace: string[],
): { transportProtocol: string; serverName?: string; applicationProtocols?: string[] } {
  if (call.tls === undefined) return { transportProtocol: 'raw_buffer' };
  // A disabled TLS inspector does not see the handshake: Envoy's default transport protocol raw_buffer. (A listener
  // without any TLS inspector is read leniently, as if it had one: hand-written listeners omit it.)
  if (inspector(listener, TLS_INSPECTOR, call.port) === 'disabled') {
    trace.push(`tls_inspector: disabled for port ${call.port}, the TLS handshake is seen as raw_buffer`);
    return { transportProtocol: 'raw_buffer' };
  }
  const alpn = [...((call as ListenerCall).alpn ?? [])];
  if (alpn.length > 0) trace.push(`tls_inspector: application protocols ${alpn.join(', ')}`);
  return {
    transportProtocol: 'tls',
    ...(call.tls.serverName === undefined ? {} : { serverName: call.tls.serverName }),
    ...(alpn.length === 0 ? {} : { applicationProtocols: alpn }),
  };
}

/** Picks the listener and its filter chain for `call`; every decision is appended to `trace`. */
export function selectListener(
  listeners: readonly Listener[],
  call: SimulatedCall,
  trace: string[],
): ListenerStep {
  const address = destinationAddress(call);
  const listener = findListener(listeners, call, address, trace);
  if (listener === undefined) return { ok: false };
  const name = listener.name ?? '';
  if (proxyTypeOf(listeners, call) === 'router' && (call as ListenerCall).direction !== 'inbound')
    trace.push(`listener: ${name} (port ${call.port})`);
  const alpn = sniffedAlpn(listener, call, trace);
  const tls = tlsFacts(listener, call, trace);
  let result: ReturnType<typeof matchFilterChain>;
  try {
    result = matchFilterChain(
      listener,
      {
        destinationPort: call.port,
        // Without a known destination IP the wildcard stands in: only prefix_ranges chains care.
        destinationIp: address ?? WILDCARD_ADDRESS,
        ...tls,
        ...(alpn === undefined ? {} : { applicationProtocols: alpn }),
        sourceIp: SIMULATED_SOURCE_IP,
        sourcePort: SIMULATED_SOURCE_PORT,
      },
      { explain: true },
    );
  } catch (err) {
    if (!(err instanceof XdsMatchError)) throw err;
    trace.push(`listener ${name} would be rejected by Envoy: ${err.message}`);
    return { ok: false, listener: name, error: err.message };
  }
  for (const m of result.trace ?? [])
    trace.push(`filter chain ${m.chainName ?? `#${m.chainIndex}`}: ${m.detail}`);
  if (result.unsupported !== undefined) {
    trace.push(`filter chain: ${result.unsupported}`);
    return { ok: false, listener: name, error: result.unsupported };
  }
  const chain = result.matched;
  if (chain === undefined || chain === null) {
    trace.push(
      `filter chain: none of ${listener.filter_chains?.length ?? 0} matches and there is no default`,
    );
    return { ok: false, listener: name };
  }
  const chainName = result.isDefault
    ? 'default_filter_chain'
    : chain.name !== undefined && chain.name !== ''
      ? chain.name
      : `#${result.index}`;
  trace.push(`filter chain: ${chainName}`);
  return { ok: true, listener, chain, chainName };
}
