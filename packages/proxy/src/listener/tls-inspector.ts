// envoy.filters.listener.tls_inspector: before a filter chain is chosen, the first bytes of a connection are read
// (not consumed: they are put back for whatever serves the connection) until they are known to be a TLS
// ClientHello or not (client-hello.ts). A ClientHello sets the connection's transport protocol to "tls", its
// requested server name (SNI) and ALPN protocols, which filter_chain_match's server_names, transport_protocol and
// application_protocols then match (the model's matcher); anything else leaves the connection raw_buffer. This is
// how Istio's TLS passthrough works (ServiceEntry / Gateway PASSTHROUGH: chains by server_names to tcp_proxy).
// The listener filter's filter_disabled predicate (Istio disables the inspector on server-first ports) is
// evaluated on the destination port. Listener.listener_filters_timeout (default 15 s, 0: none) bounds the wait
// for the first bytes; when it fires the connection is closed, or with continue_on_listener_filters_timeout
// (Istio sets it) served as raw_buffer. A ClientHello over 64 KiB closes the connection (Envoy's
// client_hello_too_large). Stats under Envoy's names: tls_inspector.tls_found, tls_not_found, sni_found,
// sni_not_found, alpn_found, alpn_not_found, client_hello_too_large; listener.<address>.downstream_pre_cx_timeout.
import type { Socket } from 'node:net';
import type { Listener, ListenerFilter } from '@minimesh/model/xds';
import { TypeUrl } from '@minimesh/model/xds';
import { ConfigRejectedError } from '../errors.js';
import type { StatsStore } from '../stats/stats-store.js';
import { durationToMs } from '../util/proto-values.js';
import { parseClientHello } from './client-hello.js';

type Predicate = NonNullable<ListenerFilter['filter_disabled']>;

/** Envoy's default Listener.listener_filters_timeout, ms. */
export const DEFAULT_LISTENER_FILTERS_TIMEOUT_MS = 15_000;

export interface CompiledTlsInspector {
  /** Whether the inspector runs for a connection to `port` (its filter_disabled predicate is false). */
  enabledFor(port: number): boolean;
  /** ms; 0 = no timeout. */
  readonly timeoutMs: number;
  readonly continueOnTimeout: boolean;
}

/** What the listener filters found out about a connection, for filter chain matching. */
export interface ConnectionFacts {
  readonly transportProtocol: 'tls' | 'raw_buffer';
  /** Lower case; "" without SNI. */
  readonly serverName: string;
  readonly applicationProtocols: readonly string[];
}

const facts = new WeakMap<Socket, ConnectionFacts>();

/** The facts the inspector recorded for `socket` (undefined when no inspector ran). */
export function connectionFacts(socket: Socket): ConnectionFacts | undefined {
  return facts.get(socket);
}

function compilePredicate(p: Predicate, at: string, owner: string): (port: number) => boolean {
  if (p.any_match === true) return () => true;
  if (p.destination_port_range !== undefined && p.destination_port_range !== null) {
    // Int32Range: [start, end).
    const start = p.destination_port_range.start ?? 0;
    const end = p.destination_port_range.end ?? 0;
    return (port) => port >= start && port < end;
  }
  if (p.not_match !== undefined && p.not_match !== null) {
    const inner = compilePredicate(p.not_match, `${at}.not_match`, owner);
    return (port) => !inner(port);
  }
  const set = p.or_match ?? p.and_match;
  if (set !== undefined && set !== null) {
    const kind = p.or_match !== undefined && p.or_match !== null ? 'or_match' : 'and_match';
    const rules = (set.rules ?? []).map((r, i) => compilePredicate(r, `${at}.${kind}.rules[${i}]`, owner));
    return kind === 'or_match' ? (port) => rules.some((r) => r(port)) : (port) => rules.every((r) => r(port));
  }
  throw new ConfigRejectedError('Listener', owner, `${at}: an empty or unsupported match predicate`);
}

/** The listener's tls_inspector, or undefined when it has none. */
export function compileTlsInspector(listener: Listener, owner: string): CompiledTlsInspector | undefined {
  const list = listener.listener_filters ?? [];
  const i = list.findIndex(
    (lf) => (lf.typed_config as { '@type'?: string } | undefined)?.['@type'] === TypeUrl.TLS_INSPECTOR,
  );
  const lf = list[i];
  if (lf === undefined) return undefined;
  const disabled =
    lf.filter_disabled === undefined || lf.filter_disabled === null
      ? () => false
      : compilePredicate(lf.filter_disabled, `listener_filters[${i}].filter_disabled`, owner);
  return {
    enabledFor: (port) => !disabled(port),
    timeoutMs: durationToMs(listener.listener_filters_timeout) ?? DEFAULT_LISTENER_FILTERS_TIMEOUT_MS,
    continueOnTimeout: listener.continue_on_listener_filters_timeout === true,
  };
}

function count(stats: StatsStore, name: string): void {
  stats.inc(`tls_inspector.${name}`, `envoy_tls_inspector_${name}`);
}

/**
 * Reads the first bytes of `socket` until the inspector can decide, puts them back (the socket is left paused)
 * and calls `done` with the facts (also recorded for connectionFacts), or destroys the socket (the client closed
 * first, a ClientHello too large, or the timeout without continue_on_listener_filters_timeout).
 */
export function inspectTls(
  socket: Socket,
  inspector: CompiledTlsInspector,
  stats: StatsStore,
  listenerStat: string,
  done: (facts: ConnectionFacts) => void,
): void {
  // The bytes so far, as received (joined only when the parser can decide something new: at most once per TLS
  // record header or record end, so a ClientHello dribbled a byte at a time costs no quadratic copying).
  const chunks: Buffer[] = [];
  let received = 0;
  let want = 1;
  let timer: NodeJS.Timeout | undefined;
  const finish = (f: ConnectionFacts | undefined) => {
    socket.off('data', onData);
    socket.off('end', onEnd);
    if (timer !== undefined) clearTimeout(timer);
    socket.pause();
    if (f === undefined) {
      socket.destroy();
      return;
    }
    if (received > 0)
      socket.unshift(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received));
    facts.set(socket, f);
    done(f);
  };
  const onData = (chunk: Buffer) => {
    chunks.push(chunk);
    received += chunk.length;
    if (received < want) return;
    const head = chunks.length === 1 ? chunk : Buffer.concat(chunks, received);
    chunks.length = 0;
    chunks.push(head);
    const r = parseClientHello(head);
    if (r.kind === 'more') {
      want = r.want;
      return;
    }
    if (r.kind === 'too-large') {
      count(stats, 'client_hello_too_large');
      finish(undefined);
      return;
    }
    if (r.kind === 'not-tls') {
      count(stats, 'tls_not_found');
      finish({ transportProtocol: 'raw_buffer', serverName: '', applicationProtocols: [] });
      return;
    }
    count(stats, 'tls_found');
    count(stats, r.serverName === '' ? 'sni_not_found' : 'sni_found');
    count(stats, r.alpn.length === 0 ? 'alpn_not_found' : 'alpn_found');
    finish({ transportProtocol: 'tls', serverName: r.serverName, applicationProtocols: r.alpn });
  };
  const onEnd = () => finish(undefined);
  if (inspector.timeoutMs > 0) {
    timer = setTimeout(() => {
      stats.inc(
        `listener.${listenerStat}.downstream_pre_cx_timeout`,
        'envoy_listener_downstream_pre_cx_timeout',
        {
          envoy_listener_address: listenerStat,
        },
      );
      finish(
        inspector.continueOnTimeout
          ? { transportProtocol: 'raw_buffer', serverName: '', applicationProtocols: [] }
          : undefined,
      );
    }, inspector.timeoutMs);
    timer.unref();
  }
  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('error', () => undefined);
}
